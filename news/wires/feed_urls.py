"""Where a polled feed may be fetched from: public Internet addresses, and the private ones
``WIRE_FEED_ALLOWED_PRIVATE`` lists (an agency gateway on the newsroom's network).

A feed URL makes the server fetch it, so it could otherwise probe the server's own network
(loopback admin ports, cloud metadata at 169.254.169.254, private services). As with webhook
targets (``cms.webhooks.targets``), the URL is checked when it is saved and again at every
fetch after DNS resolution; the fetch connects to the very address that was checked, so a name
that resolves differently the second time (DNS rebinding) cannot slip past, and every
redirect is checked the same way.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from news.wires.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeFeedURL(ValueError):
    """The URL is not one the desk may fetch."""


def _allowed_private(host: str, address: Address) -> bool:
    """Whether the setting lists the host by name, or a network holding the address."""
    for entry in settings.WIRE_FEED_ALLOWED_PRIVATE:
        if entry.lower() == host.lower():
            return True
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            continue
        if address.version == network.version and address in network:
            return True
    return False


def _refused(host: str, address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_global and not address.is_multicast:
        return False
    return not _allowed_private(host, address)


def resolve(url: str) -> list[str]:
    """The addresses the URL's host resolves to; a refused one raises ``UnsafeFeedURL``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeFeedURL("A feed URL must be an http or https URL with a host.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as e:
        raise UnsafeFeedURL(f"The host {parts.hostname!r} could not be resolved.") from e
    addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in found))
    for address in addresses:
        if _refused(parts.hostname, ipaddress.ip_address(address)):
            raise UnsafeFeedURL(
                f"{parts.hostname} resolves to {address}, a loopback, link-local or private "
                "address: feeds are fetched from public addresses, or from the private ones "
                "the WIRE_FEED_ALLOWED_PRIVATE setting lists."
            )
    return addresses


def check_on_save(url: str) -> None:
    """Refuse a URL whose host is, or resolves to, a refused address. A name that does not
    resolve yet is accepted here: each poll checks again and fails until it does."""
    try:
        resolve(url)
    except UnsafeFeedURL as e:
        if "could not be resolved" not in str(e):
            raise
