"""Search's settings and their defaults (``cms.app_settings``; ``docs/plugins.md``)."""

from cms.app_settings import AppSettings

settings = AppSettings(
    {
        # With a database search backend, rank and count only the newest N matches (0: all).
        "API_SEARCH_WINDOW": 1000,
    }
)
