"""Read replica (cms.delivery.replica): anonymous public API reads on the replica, the rest on
the primary.

The test settings define a ``replica`` alias that mirrors ``default`` (a second connection to
the same test database) but leave the router off; these tests switch it on. The integration
tests commit their data (``transaction=True``): the replica connection cannot see a test's
uncommitted rows, exactly like a real replica.
"""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.images import get_image_model

from cms.delivery.replica import middleware as replica_middleware
from cms.delivery.replica import positions, routing
from cms.delivery.replica.middleware import ReplicaReadMiddleware
from cms.delivery.replica.routing import replica_reads_active

ROOT = Path(__file__).resolve().parents[3]
LISTING = "/api/v2/pages/?type=news.ArticlePage&fields=*&order=-date&limit=20"
RENDITIONS_TABLE = get_image_model().get_rendition_model()._meta.db_table
BOTH_DBS = pytest.mark.django_db(
    databases=["default", "replica"], transaction=True, serialized_rollback=True
)


@pytest.fixture(autouse=True)
def replica_on(settings):
    """The router and its middleware, as ``DATABASE_REPLICA_URL`` switches them on."""
    settings.DATABASE_ROUTERS = [routing.ROUTER]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("cms.delivery.response_cache.APIResponseCacheMiddleware") + 1,
        replica_middleware.MIDDLEWARE,
    )
    settings.MIDDLEWARE = middleware
    settings.MOST_VIEWED_BACKEND = "db"
    cache.clear()
    yield
    cache.clear()


class FakeWal:
    """A primary whose WAL advances at every invalidation, and a replica that may lag."""

    def __init__(self):
        self.primary = 0x3000000
        self.replayed = self.primary
        self.checks = []

    def primary_lsn(self):
        self.primary += 0x100
        return self.lsn(self.primary)

    def replay(self, required):
        self.checks.append(required)
        return positions.parse_lsn(required) <= self.replayed, self.lsn(self.replayed)

    def catch_up(self):
        self.replayed = self.primary

    @staticmethod
    def lsn(value):
        return f"{value >> 32:X}/{value & 0xFFFFFFFF:X}"


@pytest.fixture
def wal(monkeypatch):
    fake = FakeWal()
    # Patched where they are looked up: record_primary_lsn() reads the primary's position in
    # positions; the middleware Django builds takes its default replay reader from its module.
    monkeypatch.setattr(positions, "primary_wal_lsn", fake.primary_lsn)
    monkeypatch.setattr(replica_middleware, "replica_replay", fake.replay)
    return fake


def routed(path, method="get", replay_reader=None, **extra):
    """Run one request through the middleware; did its view read the replica?"""
    seen = []

    def view(request):
        seen.append(replica_reads_active())
        return HttpResponse("ok")

    middleware = ReplicaReadMiddleware(view, replay_reader=replay_reader)
    middleware(getattr(RequestFactory(), method)(path, **extra))
    return seen[0]


def titles(response):
    return [item["title"] for item in response.json()["items"]]
