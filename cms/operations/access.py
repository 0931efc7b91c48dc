"""Who may read ``/metrics``: a bearer ``METRICS_TOKEN`` or an address in
``METRICS_ALLOWED_IPS``. With neither set, nobody: metrics are never public by default."""

import hmac

from django.http import HttpRequest

from cms.operations.conf import settings


def may_read_metrics(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    supplied = request.headers.get("Authorization", "")
    if token and supplied.lower().startswith("bearer "):
        return hmac.compare_digest(supplied[len("bearer ") :].strip().encode(), token.encode())
    return request.META.get("REMOTE_ADDR", "") in settings.METRICS_ALLOWED_IPS
