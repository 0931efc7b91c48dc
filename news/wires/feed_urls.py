"""Where a polled feed may be fetched from: public Internet addresses, and the private ones
``WIRE_FEED_ALLOWED_PRIVATE`` lists (an agency gateway on the newsroom's network). The check
at save and before every fetch, and the fetch from the checked address, are
``cms.pinned_requests``'; this module is the desk's policy."""

import ipaddress

from cms import pinned_requests
from cms.pinned_requests import Address
from news.wires.conf import settings

WHAT = "feed URL"
REFUSAL = (
    "feeds are fetched from public addresses, or from the private ones the "
    "WIRE_FEED_ALLOWED_PRIVATE setting lists."
)


def _allow_private(host: str, address: Address) -> bool:
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


def resolve(url: str) -> list[str]:
    """The addresses to fetch from; ``RefusedURL`` for a URL the desk may not fetch."""
    return pinned_requests.checked_addresses(
        url, what=WHAT, refusal=REFUSAL, allow_private=_allow_private
    )


def check_on_save(url: str) -> None:
    pinned_requests.check_on_save(url, what=WHAT, refusal=REFUSAL, allow_private=_allow_private)
