"""The directory's settings and their defaults (``cms.app_settings``; ``docs/plugins.md``)."""

from cms import setting_checks as check
from cms.app_settings import AppSettings
from cms.delivery.conf import settings as delivery_settings

settings = AppSettings(
    {
        # Overrides of the link checker's options (directory.jobs.DEFAULTS).
        "DIRECTORY_LINK_CHECK": {},
        # Wagtail's site name, named in the link checker's User-Agent.
        "WAGTAIL_SITE_NAME": "Wagtail site",
    },
    checks={"DIRECTORY_LINK_CHECK": check.mapping, "WAGTAIL_SITE_NAME": check.string},
    # The checker's User-Agent points at the directory on the public site (FRONTEND_URL).
    fallback=delivery_settings,
)
