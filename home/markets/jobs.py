"""The scheduler's market import (also ``manage.py import_quotes --url``)."""

from django.conf import settings

from cms.publishing.jobs import register
from home.markets.imports import import_quotes_source


@register("home.import_market_quotes", every=settings.MARKETS_IMPORT_EVERY)
def import_market_quotes():
    """Import quotes from ``MARKETS_PROVIDER_URL``, an HTTP JSON provider or a ``file://``
    CSV/JSON file (does nothing when it is not set)."""

    if not settings.MARKETS_PROVIDER_URL:
        return "no MARKETS_PROVIDER_URL configured"
    return str(import_quotes_source(settings.MARKETS_PROVIDER_URL))
