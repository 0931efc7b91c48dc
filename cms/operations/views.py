"""``/healthz`` (the process answers), ``/readyz`` (it can do its work) and ``/metrics``."""

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)

from cms.operations import heartbeats
from cms.operations.access import may_read_metrics
from cms.operations.conf import settings as app_settings
from cms.operations.metrics import DatabaseCollector

READY_CACHE_KEY = "herald:readyz"


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


def _database() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return None


def _cache() -> str | None:
    cache.set(READY_CACHE_KEY, "ok", 10)
    return None if cache.get(READY_CACHE_KEY) == "ok" else "the cache does not keep values"


def _heartbeat(name: str, limit: float) -> str | None:
    age = heartbeats.age(name)
    if age is None:
        return f"no {name} heartbeat yet"
    if age > limit:
        return f"last {name} heartbeat {age:.0f}s ago (limit {limit:.0f}s)"
    return None


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """200 when the database and cache answer and the scheduler and worker beat recently;
    503 with the failing checks otherwise."""
    checks = {
        "database": _database,
        "cache": _cache,
        "scheduler": lambda: _heartbeat(heartbeats.SCHEDULER, app_settings.READY_SCHEDULER_MAX_AGE),
        "worker": lambda: _heartbeat(heartbeats.WORKER, app_settings.READY_WORKER_MAX_AGE),
    }
    results = {}
    for name, check in checks.items():
        try:
            problem = check()
        except Exception as e:
            problem = f"{type(e).__name__}: {e}"
        results[name] = problem or "ok"
    ready = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": results},
        status=200 if ready else 503,
    )


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    if not may_read_metrics(request):
        return JsonResponse(
            {"error": "metrics need 'Authorization: Bearer <METRICS_TOKEN>' or an allowed address"},
            status=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    if app_settings.PROMETHEUS_MULTIPROC_DIR:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    database = CollectorRegistry()
    database.register(DatabaseCollector())
    body = generate_latest(registry) + generate_latest(database)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
