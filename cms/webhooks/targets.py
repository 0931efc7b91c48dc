"""Where a webhook may be sent: public Internet addresses only, unless a setting allows more.

A subscription could otherwise make the CMS probe its own network (loopback admin ports,
cloud metadata at 169.254.169.254, private services). The URL is checked when it is saved
and again at delivery, after DNS resolution; the delivery then connects to the very address
that was checked, so a name that resolves differently the second time cannot slip past.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from cms.webhooks.conf import settings


class UnsafeTarget(ValueError):
    """The URL is not one the CMS may send webhooks to."""


def _refused(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def resolve(url: str) -> list[str]:
    """The addresses the URL's host resolves to, refused ones raising ``UnsafeTarget``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeTarget("A webhook URL must be an http or https URL with a host.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise UnsafeTarget(f"The host {parts.hostname!r} could not be resolved.") from e
    addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in found))
    if not settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        for address in addresses:
            if _refused(ipaddress.ip_address(address)):
                raise UnsafeTarget(
                    f"{parts.hostname} resolves to {address}, a loopback, link-local or "
                    "private address: webhooks go to public addresses only."
                )
    return addresses


def check_on_save(url: str) -> None:
    """Refuse a URL whose host is, or resolves to, a refused address. A name that does not
    resolve yet is accepted here: the delivery checks again and fails until it does."""
    if settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        return
    try:
        resolve(url)
    except UnsafeTarget as e:
        if "could not be resolved" not in str(e):
            raise
