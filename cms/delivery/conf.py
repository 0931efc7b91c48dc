"""The delivery app's settings and their defaults (``cms.app_settings``; ``docs/plugins.md``).

``from cms.delivery.conf import settings`` reads like ``django.conf.settings``, with these
defaults for the names a site does not set.
"""

from cms import setting_checks as check
from cms.app_settings import AppSettings
from cms.search.conf import settings as search_settings

settings = AppSettings(
    {
        # The public site: page URLs, rich-text links, purges. Empty: no separate frontend,
        # pages are served on the CMS origin (cms.preview.models.HeadlessPreviewMixin.serve).
        "FRONTEND_URL": "",
        # Bearer secret sent with purges to FRONTEND_URL + "/_purge".
        "FRONTEND_PURGE_SECRET": "",
        # Absolute URLs of API detail links and media; empty: paths on the request's host.
        "WAGTAILAPI_BASE_URL": "",
        # The addresses whose X-Forwarded-For is believed (the frontend's).
        "TRUSTED_PROXIES": ["127.0.0.1", "::1"],
        "API_CACHE_SECONDS": 60,
        "API_RESPONSE_CACHE_SECONDS": 0,
        "API_COUNT_CACHE_SECONDS": 0,
        # A reader counts at most this many + 1 pages of a listing (cms.delivery.counts); a
        # larger one gives its last exact count, labelled an estimate, while the worker counts.
        "API_COUNT_EXACT_THRESHOLD": 1000,
        "API_CACHE_PREFIX": "herald-api",
        "API_DOCUMENTS": True,
        "API_DOCUMENTS_RENDER_EVERY": 5,
        "API_DOCUMENTS_RENDER_SECONDS": 1,
        "API_DOCUMENTS_RENDERER": "cms.delivery.api.render_documents",
    },
    checks={
        "FRONTEND_URL": check.base_url,
        "FRONTEND_PURGE_SECRET": check.string,
        "WAGTAILAPI_BASE_URL": check.base_url,
        "TRUSTED_PROXIES": check.ip_addresses,
        "API_CACHE_SECONDS": check.non_negative_int,
        "API_RESPONSE_CACHE_SECONDS": check.non_negative_int,
        "API_COUNT_CACHE_SECONDS": check.non_negative_int,
        "API_COUNT_EXACT_THRESHOLD": check.non_negative_int,
        "API_CACHE_PREFIX": check.non_empty_string,
        "API_DOCUMENTS": check.boolean,
        "API_DOCUMENTS_RENDER_EVERY": check.positive_int,
        "API_DOCUMENTS_RENDER_SECONDS": check.positive_number,
        "API_DOCUMENTS_RENDERER": check.dotted_path,
    },
    # Search is part of the pages API: its setting is checked with the API's.
    fallback=search_settings,
)
