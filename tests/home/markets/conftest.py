"""Markets box: instruments, quote imports (files, HTTP provider, API) and /api/v3/markets/."""

import datetime
import http.server

import pytest
from django.utils import timezone

from home.markets.models import Instrument


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    from django.core.cache import cache

    settings.MARKETS_STALE_AFTER = 86400
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def oil(db):
    return Instrument.objects.create(
        name="Crude Oil",
        kind="commodity",
        symbol="WTI",
        unit="barrel",
        quote_convention="USD per barrel",
        display_order=1,
    )


@pytest.fixture
def pound(db):
    return Instrument.objects.create(
        name="UK Pound",
        kind="currency",
        symbol="GBP",
        quote_convention="units per USD",
        decimal_places=4,
        display_order=4,
    )


def local(days_ago, hour, minute=0):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class ProviderHandler(http.server.BaseHTTPRequestHandler):
    status = 200
    body = b"[]"

    def do_GET(self):
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, *args):
        pass
