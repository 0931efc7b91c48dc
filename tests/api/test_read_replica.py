"""Read replica (cms.delivery.replica): anonymous public API reads on the replica, the rest on
the primary.

The test settings define a ``replica`` alias that mirrors ``default`` (a second connection to
the same test database) but leave the router off; these tests switch it on. The integration
tests commit their data (``transaction=True``): the replica connection cannot see a test's
uncommitted rows, exactly like a real replica.
"""

import json
import runpy
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import DatabaseError, connections, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string
from wagtail.images import get_image_model

from cms.delivery.replica import middleware as replica_middleware
from cms.delivery.replica import positions, routing
from cms.delivery.replica.middleware import ReplicaReadMiddleware
from cms.delivery.replica.positions import record_primary_lsn, required_lsn
from cms.delivery.replica.routing import ReplicaRouter, replica_reads, replica_reads_active
from cms.preview.models import PagePreview
from news.factories import ArticlePageFactory

ROOT = Path(__file__).resolve().parents[2]
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


# --- Router ---------------------------------------------------------------------------


def test_router_reads_the_replica_only_inside_a_replica_read():
    router = ReplicaRouter()
    assert router.db_for_read(PagePreview) == "default"
    with replica_reads():
        assert router.db_for_read(PagePreview) == "replica"
        assert router.db_for_write(PagePreview) == "default"
    assert router.db_for_read(PagePreview) == "default"
    assert router.allow_migrate("default", "home") is True
    assert router.allow_migrate("replica", "home") is False


def test_router_allows_relations_between_primary_and_replica_rows():
    one, other = PagePreview(), PagePreview()
    one._state.db, other._state.db = "default", "replica"
    assert ReplicaRouter().allow_relation(one, other) is True
    other._state.db = "elsewhere"
    assert ReplicaRouter().allow_relation(one, other) is None


# --- Which requests go to the replica -------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        LISTING,
        "/api/v2/pages/3/",
        "/api/v2/pages/find/?html_path=/world/",
        "/api/v2/images/",
        "/api/v3/pages/",
        "/api/v3/site/",
        "/api/v3/most-viewed/",
    ],
)
def test_anonymous_public_reads_go_to_the_replica(path):
    assert routed(path) is True
    assert routed(path, method="head") is True


@pytest.mark.parametrize(
    ("method", "path", "extra"),
    [
        ("get", "/api/v2/preview/?token=abc", {}),
        ("get", "/admin/", {}),
        ("get", "/admin/pages/3/edit/", {}),
        ("get", "/world/", {}),
        ("post", "/api/v3/most-viewed/hits/", {}),
        ("post", "/api/v3/pages/", {}),
        ("put", "/api/v3/pages/3/", {}),
        ("patch", "/api/v3/webhooks/1/", {}),
        ("delete", "/api/v3/calendar/1/", {}),
        ("options", "/api/v2/pages/", {}),
        ("get", "/api/v3/pages/", {"HTTP_AUTHORIZATION": "Bearer secret"}),
        ("get", "/api/v2/pages/", {"HTTP_COOKIE": "sessionid=abc"}),
    ],
)
def test_everything_else_stays_on_the_primary(method, path, extra):
    assert routed(path, method=method, **extra) is False


def test_management_commands_and_the_scheduler_read_the_primary():
    # They never pass through the middleware: the context variable keeps its default.
    assert replica_reads_active() is False
    assert ReplicaRouter().db_for_read(PagePreview) == "default"


def test_the_context_variable_is_reset_after_the_request_and_after_an_exception():
    def failing_view(request):
        assert replica_reads_active() is True
        raise RuntimeError("boom")

    middleware = ReplicaReadMiddleware(lambda request: HttpResponse())
    middleware(RequestFactory().get(LISTING))
    assert replica_reads_active() is False

    with pytest.raises(RuntimeError):
        ReplicaReadMiddleware(failing_view)(RequestFactory().get(LISTING))
    assert replica_reads_active() is False


def test_the_middleware_is_dropped_without_a_replica(settings):
    settings.DATABASE_ROUTERS = []
    with pytest.raises(MiddlewareNotUsed):
        ReplicaReadMiddleware(lambda request: HttpResponse())


# --- The replay guard (stubbed WAL positions) -------------------------------------------------


def test_a_lagging_replica_sends_reads_to_the_primary_until_it_catches_up(wal):
    assert routed(LISTING, replay_reader=wal.replay) is True  # nothing published yet
    assert wal.checks == []

    record_primary_lsn()  # a publication: invalidate_api_cache() records the position
    assert required_lsn() == wal.lsn(wal.primary)
    assert routed(LISTING, replay_reader=wal.replay) is False
    wal.catch_up()
    assert routed(LISTING, replay_reader=wal.replay) is True


def test_a_replica_seen_current_is_not_asked_again_for_older_positions(wal):
    record_primary_lsn()
    wal.catch_up()
    middleware = ReplicaReadMiddleware(lambda request: HttpResponse(), replay_reader=wal.replay)
    for _ in range(3):
        middleware(RequestFactory().get(LISTING))
    assert len(wal.checks) == 1  # memoised: the replica was seen at or past this position

    record_primary_lsn()  # the next publication needs a newer position: asked again
    middleware(RequestFactory().get(LISTING))
    middleware(RequestFactory().get(LISTING))
    assert len(wal.checks) == 3  # and again while it lags: a lag is never remembered


def test_an_unreadable_primary_position_keeps_reads_on_the_primary(wal, monkeypatch):
    def broken():
        raise DatabaseError("connection lost")

    monkeypatch.setattr(positions, "primary_wal_lsn", broken)
    record_primary_lsn()
    assert routed(LISTING, replay_reader=wal.replay) is False


def test_an_unreachable_replica_keeps_reads_on_the_primary(wal):
    def unreachable(required):
        raise DatabaseError("could not connect to server")

    record_primary_lsn()
    assert routed(LISTING, replay_reader=unreachable) is False


def test_nothing_is_recorded_without_a_replica(settings, wal):
    settings.DATABASE_ROUTERS = []
    record_primary_lsn()
    assert required_lsn() is None


# --- Settings -----------------------------------------------------------------------------


def settings_with(monkeypatch, **environ):
    for name in ("DATABASE_URL", "DATABASE_REPLICA_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "cms" / "settings" / "base.py"))


def test_database_replica_url_adds_the_alias_router_and_middleware(monkeypatch):
    configured = settings_with(
        monkeypatch,
        DATABASE_URL="postgres://cms@db.internal:5432/herald",
        DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/herald",
        DB_CONN_MAX_AGE="30",
    )
    replica = configured["DATABASES"]["replica"]
    assert replica["HOST"] == "replica.internal" and replica["USER"] == "reader"
    assert replica["CONN_MAX_AGE"] == 30
    assert replica["TEST"] == {"MIRROR": "default"}
    assert configured["DATABASE_ROUTERS"] == [routing.ROUTER]
    middleware = configured["MIDDLEWARE"]
    cache_at = middleware.index("cms.delivery.response_cache.APIResponseCacheMiddleware")
    assert middleware[cache_at + 1] == replica_middleware.MIDDLEWARE


def test_the_dotted_paths_name_the_router_and_the_middleware():
    assert import_string(routing.ROUTER) is ReplicaRouter
    assert import_string(replica_middleware.MIDDLEWARE) is ReplicaReadMiddleware


def test_without_database_replica_url_nothing_changes(monkeypatch):
    configured = settings_with(monkeypatch)
    assert list(configured["DATABASES"]) == ["default"]
    assert "DATABASE_ROUTERS" not in configured
    assert replica_middleware.MIDDLEWARE not in configured["MIDDLEWARE"]


# --- Through the whole stack: two connections ---------------------------------------------


def titles(response):
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def queries():
    """Queries run on each connection while the block runs."""

    class Capture:
        def __enter__(self):
            self.contexts = {
                alias: CaptureQueriesContext(connections[alias]) for alias in ("default", "replica")
            }
            for context in self.contexts.values():
                context.__enter__()
            return self

        def __exit__(self, *exc):
            for context in self.contexts.values():
                context.__exit__(*exc)

        def __getitem__(self, alias):
            return len(self.contexts[alias].captured_queries)

        def reads(self, alias, excluding=None):
            """SELECTs on ``alias``, leaving out those from the table ``excluding``."""
            return sum(
                query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
                and (excluding is None or f'FROM "{excluding}"' not in query["sql"])
                for query in self.contexts[alias].captured_queries
            )

    return Capture()


@pytest.fixture
def token(make_token):
    user = get_user_model().objects.create_superuser("wire", "wire@laht.example", "pw")
    return make_token(user, "EFE")


@BOTH_DBS
def test_anonymous_api_reads_run_on_the_replica_connection(article, queries):
    client = Client()
    for url in (LISTING, f"/api/v2/pages/{article.pk}/", f"/api/v3/pages/{article.pk}/"):
        with queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert article.title in response.content.decode()
        assert queries["replica"] > 0, url
        # The primary sees only the first reader creating image renditions: the inserts and
        # get_or_create's look-ups, which read where they write.
        assert queries.reads("default", excluding=RENDITIONS_TABLE) == 0, url


@BOTH_DBS
def test_admin_authenticated_preview_and_writes_run_on_the_primary(
    article, token, admin_user, queries
):
    anonymous = Client()
    with queries:
        response = anonymous.get(
            f"/api/v3/pages/{article.pk}/", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
    assert response.status_code == 200
    assert queries["replica"] == 0 and queries["default"] > 0

    preview = PagePreview.create_for(article.specific)
    with queries:
        response = anonymous.get(f"/api/v2/preview/?token={preview.token}")
    assert response.status_code == 200
    assert queries["replica"] == 0 and queries["default"] > 0

    with queries:
        response = anonymous.post(
            "/api/v3/most-viewed/hits/",
            data=json.dumps({"page_id": article.pk}),
            content_type="application/json",
            HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36",
        )
    assert response.status_code == 202 and response.json()["counted"] is True
    assert queries["replica"] == 0 and queries["default"] > 0

    editor = Client()
    editor.force_login(admin_user)
    for url in ("/admin/", f"/admin/pages/{article.pk}/edit/", LISTING):
        with queries:
            response = editor.get(url)
        assert response.status_code == 200, url
        assert queries["replica"] == 0 and queries["default"] > 0, url


@BOTH_DBS
def test_after_a_publication_a_lagging_replica_does_not_refill_the_cache(
    wal, settings, section, article, queries
):
    settings.API_RESPONSE_CACHE_SECONDS = 3600
    client = Client()
    assert titles(client.get(LISTING)) == [article.title]

    ArticlePageFactory(parent=section, title="Breaking: a new story").save_revision().publish()
    assert required_lsn() == wal.lsn(wal.primary)  # recorded by the invalidation

    with queries:
        refill = client.get(LISTING)
    assert refill["X-Cache"] == "miss"
    assert queries["replica"] == 0 and queries["default"] > 0  # the replica lags: primary
    assert "Breaking: a new story" in titles(refill)
    assert "Breaking: a new story" in titles(client.get(LISTING))  # what the cache now serves

    wal.catch_up()
    client.get(f"/api/v2/pages/{article.pk}/")  # next miss: the replica is current again
    with queries:
        assert client.get(f"/api/v2/pages/{section.pk}/").status_code == 200
    assert queries["replica"] > 0 and queries.reads("default") == 0


# --- PostgreSQL: real WAL positions, and a replica that really shows the past ---------------


@pytest.mark.postgres
@BOTH_DBS
def test_postgresql_invalidation_records_the_primary_wal_position(section, article):
    client = Client()
    ArticlePageFactory(parent=section, title="Breaking: a new story").save_revision().publish()
    recorded = required_lsn()
    assert recorded and positions.parse_lsn(recorded) > 0
    # The mirror is a primary (pg_last_wal_replay_lsn() is NULL): current, so it is used.
    assert positions.replica_replay(recorded) == (True, None)
    response = client.get(LISTING)
    assert "Breaking: a new story" in titles(response)


@pytest.mark.postgres
@pytest.mark.parametrize("replica_lags", [True, False])
@BOTH_DBS
def test_postgresql_stale_replica_snapshot_is_never_cached_when_the_lag_is_seen(
    wal, settings, section, article, replica_lags
):
    """The replica connection reads a snapshot from before the publication (a lagging replica).

    When its replay position says it lags, the refill reads the primary and caches the new
    story; were the lag not seen, the old listing would be cached under the new generation.
    """
    settings.API_RESPONSE_CACHE_SECONDS = 3600
    client = Client()
    assert titles(client.get(LISTING)) == [article.title]
    with transaction.atomic(using="replica"):
        with connections["replica"].cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT count(*) FROM wagtailcore_page")  # takes the snapshot
        ArticlePageFactory(parent=section, title="Breaking: a new story").save_revision().publish()
        if not replica_lags:
            wal.catch_up()
        refill = client.get(LISTING)
    cached = titles(client.get(LISTING))
    if replica_lags:
        assert "Breaking: a new story" in titles(refill) and "Breaking: a new story" in cached
    else:
        assert cached == [article.title]  # the hazard the guard exists for
