"""Where a webhook may be sent: public Internet addresses only, unless
``WEBHOOK_ALLOW_PRIVATE_TARGETS`` allows every address (tests, an isolated network). The check
and the pinned request are ``cms.pinned_requests``'; this module is the webhooks' policy."""

from cms import pinned_requests
from cms.pinned_requests import Address
from cms.webhooks.conf import settings

WHAT = "webhook URL"
REFUSAL = "webhooks go to public addresses only."


def _allow_private(host: str, address: Address) -> bool:
    return settings.WEBHOOK_ALLOW_PRIVATE_TARGETS


def resolve(url: str) -> list[str]:
    """The addresses to deliver to; ``RefusedURL`` for a URL webhooks may not target."""
    return pinned_requests.checked_addresses(
        url, what=WHAT, refusal=REFUSAL, allow_private=_allow_private
    )


def check_on_save(url: str) -> None:
    pinned_requests.check_on_save(url, what=WHAT, refusal=REFUSAL, allow_private=_allow_private)
