"""The events a webhook can subscribe to, and new subscriptions' secrets."""

from typing import Literal

from cms.webhooks import signing

WEBHOOK_EVENTS = [
    ("published", "Published: a page went live"),
    ("unpublished", "Unpublished: a page was taken down or deleted"),
    ("scheduled", "Scheduled: a go-live time was set"),
    ("expired", "Expired: a page reached its expiry time"),
    ("updated", "Updated: a live page changed or moved"),
]


WEBHOOK_EVENT_NAMES = [name for name, _label in WEBHOOK_EVENTS]


def generate_webhook_secret():
    """A new ``whsec_`` secret (kept here: the first migration names this default)."""
    return signing.generate_webhook_secret()


def all_webhook_events():
    return list(WEBHOOK_EVENT_NAMES)


EventName = Literal["published", "unpublished", "scheduled", "expired", "updated"]
