"""Which requests read the replica: anonymous public API reads (GET and HEAD), nothing else."""

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.test import RequestFactory

from cms.delivery.replica.middleware import ReplicaReadMiddleware
from cms.delivery.replica.routing import ReplicaRouter, replica_reads_active
from cms.preview.models import PagePreview
from tests.api.read_replica.conftest import LISTING, routed


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
