"""The operations app's settings and their defaults (``cms.app_settings``; ``docs/plugins.md``)."""

from cms import setting_checks as check
from cms.app_settings import AppSettings

settings = AppSettings(
    {
        # Bearer token that opens /metrics; empty: only METRICS_ALLOWED_IPS may read it.
        "METRICS_TOKEN": "",
        # Connecting addresses (REMOTE_ADDR, no networks) allowed to read /metrics without a token.
        "METRICS_ALLOWED_IPS": [],
        # /readyz fails when the scheduler's last tick or the worker's last heartbeat is older.
        "READY_SCHEDULER_MAX_AGE": 60,
        "READY_WORKER_MAX_AGE": 600,
        # Set (to the directory prometheus-client's multiprocess mode writes in, the same for
        # every process of the host): /metrics adds up the values of all of them.
        "PROMETHEUS_MULTIPROC_DIR": "",
        # Seconds between the heartbeat tasks the scheduler queues for the worker.
        "WORKER_HEARTBEAT_EVERY": 30,
    },
    checks={
        "METRICS_TOKEN": check.string,
        "METRICS_ALLOWED_IPS": check.ip_addresses,
        "READY_SCHEDULER_MAX_AGE": check.positive_number,
        "READY_WORKER_MAX_AGE": check.positive_number,
        "WORKER_HEARTBEAT_EVERY": check.positive_number,
    },
)
