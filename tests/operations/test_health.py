"""/healthz, /readyz and /metrics on the CMS."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.operations import heartbeats
from cms.operations.models import Heartbeat
from cms.publishing import scheduler
from tests.scheduling.conftest import make_due, schedule

pytestmark = pytest.mark.django_db

#: The metric names docs/deployment.md documents for the CMS.
DOCUMENTED = [
    "herald_publication_lateness_seconds",
    "herald_api_response_cache_total",
    "herald_api_documents_total",
    "herald_tasks",
    "herald_webhook_deliveries",
    "herald_heartbeat_age_seconds",
]


@pytest.fixture
def fresh_heartbeats():
    heartbeats.beat(heartbeats.SCHEDULER)
    heartbeats.beat(heartbeats.WORKER)


def test_healthz_answers_while_the_process_runs(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ready_when_database_cache_scheduler_and_worker_are_fresh(
    client, fresh_heartbeats
):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "scheduler": "ok",
        "worker": "ok",
    }


def test_readyz_turns_503_when_the_scheduler_heartbeat_is_stale(client, fresh_heartbeats):
    Heartbeat.objects.filter(name="scheduler").update(
        beat_at=timezone.now() - timedelta(seconds=120)
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["scheduler"].startswith("last scheduler heartbeat 120s ago")
    assert response.json()["checks"]["worker"] == "ok"


def test_readyz_turns_503_before_the_worker_has_ever_run_a_task(client):
    heartbeats.beat(heartbeats.SCHEDULER)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "no worker heartbeat yet"


def test_a_scheduler_tick_is_its_heartbeat(client):
    assert client.get("/readyz").json()["checks"]["scheduler"] == "no scheduler heartbeat yet"
    scheduler.tick()
    assert client.get("/readyz").json()["checks"]["scheduler"] == "ok"


def test_metrics_refuse_anonymous_access(client, settings):
    settings.METRICS_TOKEN = "scrape-secret"
    response = client.get("/metrics")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401


def test_metrics_are_closed_when_neither_a_token_nor_addresses_are_set(client):
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 401


def test_metrics_serve_the_documented_names_with_the_token(client, settings, draft):
    settings.METRICS_TOKEN = "scrape-secret"
    revision = schedule(draft, timezone.now() + timedelta(hours=1))
    make_due(revision, timezone.now() - timedelta(seconds=3))
    scheduler.tick()

    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for name in DOCUMENTED:
        assert f"# TYPE {name} " in text, name
    assert 'herald_publication_lateness_seconds_bucket{action="publish",le="5.0"}' in text
    assert 'herald_heartbeat_age_seconds{process="scheduler"}' in text


def test_metrics_open_to_an_allowed_address_without_a_token(client, settings):
    settings.METRICS_ALLOWED_IPS = ["127.0.0.1"]
    assert client.get("/metrics").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 401
