"""Who is asking: the reader's address behind the proxies this site trusts.

A proxy appends the address it received the request from to ``X-Forwarded-For``, so
the entries a reader can forge are the leftmost ones. The reader is therefore the
rightmost entry that is not itself a trusted proxy: rotating the header's other entries
gives a client no new identity (rate limits, view counting, the CMS's own limits).
"""

import ipaddress
from collections.abc import Iterable

from starlette.requests import HTTPConnection

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """Addresses or CIDR ranges (``10.0.0.0/8``); a malformed one is a configuration error."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as e:
            raise ValueError(f"FRONTEND_TRUSTED_PROXIES: {entry!r} is not an address") from e
    return tuple(networks)


def is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def reader_address(connection: HTTPConnection, trusted: tuple[Network, ...]) -> str:
    """The rightmost address in (X-Forwarded-For…, peer) that is not a trusted proxy."""
    peer = connection.client.host if connection.client else ""
    if not is_trusted(peer, trusted):
        return peer
    forwarded = connection.headers.get("x-forwarded-for", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    address = peer
    for hop in reversed(hops):
        try:
            address = str(ipaddress.ip_address(hop))
        except ValueError:
            break  # garbage left of the last proxy's entry was written by the client
        if not is_trusted(address, trusted):
            break
    return address


def came_over_tls(connection: HTTPConnection, trusted: tuple[Network, ...]) -> bool:
    """Whether the reader's connection was HTTPS, here or at a trusted proxy that says so."""
    if connection.url.scheme == "https":
        return True
    peer = connection.client.host if connection.client else ""
    proto = connection.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return proto == "https" and is_trusted(peer, trusted)
