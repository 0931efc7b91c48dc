"""Request ids and JSON logs on the CMS."""

import io
import json
import logging
from datetime import timedelta

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from pythonjsonlogger.json import JsonFormatter

from cms.operations.request_id import RequestIdFilter, RequestIdMiddleware
from cms.publishing import scheduler
from tests.scheduling.conftest import make_due, schedule


def test_an_incoming_request_id_is_kept_and_echoed(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="edge-7f3a.42")
    assert response["X-Request-ID"] == "edge-7f3a.42"


def test_a_request_without_a_usable_id_gets_a_new_one(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert len(first) == 32 and len(second) == 32 and first != second


def json_lines(run):
    """What ``run()`` logs through the LOG_FORMAT=json formatter of the settings."""
    config = {k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"}
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(**config))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        run()
    finally:
        root.removeHandler(handler)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_json_logs_are_one_object_per_line_with_the_request_id(rf):
    def view(request):
        logging.getLogger("herald.test").warning("rendering %s", "the front page")
        return HttpResponse("ok")

    request = rf.get("/", HTTP_X_REQUEST_ID="abc123")
    (line,) = json_lines(lambda: RequestIdMiddleware(view)(request))
    assert line["message"] == "rendering the front page"
    assert line["request_id"] == "abc123"
    assert line["level"] == "WARNING" and line["logger"] == "herald.test"
    assert "time" in line


@pytest.mark.django_db
def test_a_scheduled_publication_logs_its_lateness(draft):
    revision = schedule(draft, timezone.now() + timedelta(hours=1))
    make_due(revision, timezone.now() - timedelta(seconds=2))
    lines = json_lines(scheduler.tick)
    (published,) = [line for line in lines if line.get("event") == "published"]
    assert 2 <= published["lateness_seconds"] < 30
