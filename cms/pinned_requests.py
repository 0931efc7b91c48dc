"""Requests the server sends to a URL someone else chose (webhook deliveries, polled wire
feeds), to checked addresses only.

Such a URL could make the server probe its own network (loopback admin ports, cloud metadata at
169.254.169.254, private services), so each capability checks it when it is saved and again
before every request, after DNS resolution; the request then goes to the very address that was
checked, so a name that resolves differently the second time (DNS rebinding) cannot slip past.
What counts as allowed is the capability's policy; the mechanism is here, once.
"""

import contextlib
import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# Whether a private address (for this host name) is allowed after all, by the caller's settings.
PrivateAllowance = Callable[[str, Address], bool]


class RefusedURL(ValueError):
    """The URL is not one the server may send a request to."""


class UnresolvedHost(RefusedURL):
    """The URL's host does not resolve (yet)."""


def is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def checked_addresses(
    url: str, *, what: str, refusal: str, allow_private: PrivateAllowance
) -> list[str]:
    """The addresses the URL's host resolves to. Raises ``RefusedURL`` for a URL that is not
    http(s) with a host (naming ``what``) or whose host resolves to a non-public address that
    ``allow_private`` does not allow (ending with ``refusal``), ``UnresolvedHost`` when the host
    does not resolve."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedURL(f"A {what} must be an http or https URL with a host.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as e:
        raise UnresolvedHost(f"The host {parts.hostname!r} could not be resolved.") from e
    addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in found))
    for text in addresses:
        address = ipaddress.ip_address(text)
        if not is_public(address) and not allow_private(parts.hostname, address):
            raise RefusedURL(
                f"{parts.hostname} resolves to {text}, a loopback, link-local or private "
                f"address: {refusal}"
            )
    return addresses


def check_on_save(url: str, *, what: str, refusal: str, allow_private: PrivateAllowance) -> None:
    """Refuse a URL whose host is, or resolves to, a refused address. A name that does not
    resolve yet is accepted: the check before each request fails until it does."""
    with contextlib.suppress(UnresolvedHost):
        checked_addresses(url, what=what, refusal=refusal, allow_private=allow_private)


def send_to_address(
    client: httpx.Client,
    method: str,
    url: str,
    address: str,
    headers: dict[str, str],
    content: bytes | None = None,
) -> httpx.Response:
    """Send to ``address`` with the URL's own Host header and TLS server name; the answer is
    streamed (the caller reads or closes it)."""
    target = httpx.URL(url)
    extensions = {}
    if address != target.host:
        headers = {**headers, "Host": target.netloc.decode("ascii")}
        if target.scheme == "https":
            extensions["sni_hostname"] = target.host
        target = target.copy_with(host=address)
    request = client.build_request(method, target, content=content, headers=headers)
    request.extensions.update(extensions)
    return client.send(request, stream=True)
