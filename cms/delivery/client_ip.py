"""The reader's address behind the trusted proxies (the frontend)."""

import ipaddress

from cms.delivery.conf import settings


def client_ip(request):
    """The reader's IP: the last X-Forwarded-For hop when a trusted proxy (the frontend)
    connects, else the connecting address."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    candidate = remote
    if forwarded and remote in settings.TRUSTED_PROXIES:
        candidate = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
