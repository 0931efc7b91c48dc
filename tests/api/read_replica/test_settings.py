"""``DATABASE_REPLICA_URL`` in the settings: the alias, the router and the middleware."""

import runpy

from django.utils.module_loading import import_string

from cms.delivery.replica import middleware as replica_middleware
from cms.delivery.replica import routing
from cms.delivery.replica.middleware import ReplicaReadMiddleware
from cms.delivery.replica.routing import ReplicaRouter
from tests.api.read_replica.conftest import ROOT


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
