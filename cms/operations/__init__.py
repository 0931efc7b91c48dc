"""Running Herald as a service: health, readiness, metrics, request ids, logs, background tasks."""
