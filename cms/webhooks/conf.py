"""The webhooks app's settings and their defaults (``cms.app_settings``; ``docs/plugins.md``)."""

from cms import setting_checks as check
from cms.app_settings import AppSettings
from cms.delivery.conf import settings as delivery_settings

settings = AppSettings(
    {
        # Per-request timeout, first retry delay (doubles each attempt), attempts.
        "WEBHOOK_TIMEOUT": 5,
        "WEBHOOK_RETRY_BASE": 30,
        "WEBHOOK_MAX_ATTEMPTS": 8,
        # Days finished deliveries are kept.
        "WEBHOOK_RETENTION_DAYS": 30,
        # Whether webhooks may target loopback, link-local and private addresses (the CMS's
        # own network). Off in production; development and the test suite turn it on.
        "WEBHOOK_ALLOW_PRIVATE_TARGETS": False,
        # Hours the previous secret still signs deliveries after a rotation.
        "WEBHOOK_SECRET_GRACE_HOURS": 24,
    },
    checks={
        "WEBHOOK_TIMEOUT": check.positive_number,
        "WEBHOOK_RETRY_BASE": check.positive_int,
        "WEBHOOK_MAX_ATTEMPTS": check.positive_int,
        "WEBHOOK_RETENTION_DAYS": check.positive_int,
        "WEBHOOK_ALLOW_PRIVATE_TARGETS": check.boolean,
        "WEBHOOK_SECRET_GRACE_HOURS": check.positive_int,
    },
    # Events link to the page's API URL (WAGTAILAPI_BASE_URL).
    fallback=delivery_settings,
)
