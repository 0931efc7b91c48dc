"""The preview app's settings and their defaults (``cms.app_settings``; ``docs/plugins.md``)."""

from cms import setting_checks as check
from cms.app_settings import AppSettings
from cms.delivery.conf import settings as delivery_settings

settings = AppSettings(
    {
        # Seconds a preview link (FRONTEND_URL/_preview/?token=) stays valid.
        "PREVIEW_TOKEN_MAX_AGE": 900,
    },
    checks={"PREVIEW_TOKEN_MAX_AGE": check.positive_int},
    # Previews and page serving go to the frontend (FRONTEND_URL).
    fallback=delivery_settings,
)
