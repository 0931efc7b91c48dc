"""The frontend's /healthz, /readyz, /metrics and request ids."""

import httpx
from starlette.testclient import TestClient

from frontend.app import create_app

#: The metric names docs/deployment.md documents for the frontend.
DOCUMENTED = ["frontend_cache_total", "frontend_view_hits_total"]


def test_healthz_answers_without_asking_the_cms(client, cms):
    cms.mode = "down"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ready_while_the_cms_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "cms": "ok"}


def test_readyz_stays_ready_on_a_stale_front_page_when_the_cms_is_down(client, cms):
    assert client.get("/").status_code == 200
    cms.mode = "down"
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["cache"] == "serving stale copies"


def test_readyz_turns_503_when_the_cms_is_down_and_nothing_is_cached(client, cms):
    cms.mode = "down"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["cms"] == "the CMS did not answer: ConnectError"


def test_the_frontend_forwards_x_request_id_to_the_cms(client, cms):
    response = client.get("/", headers={"X-Request-ID": "lb-4711"})
    assert response.status_code == 200
    assert response.headers["X-Request-ID"] == "lb-4711"
    assert cms.requests, "the page asked the CMS nothing"
    assert {request.headers.get("X-Request-ID") for request in cms.requests} == {"lb-4711"}


def test_a_request_without_an_id_gets_one_that_the_cms_sees_too(client, cms):
    response = client.get("/")
    request_id = response.headers["X-Request-ID"]
    assert len(request_id) == 32
    assert {request.headers.get("X-Request-ID") for request in cms.requests} == {request_id}


def test_metrics_refuse_anonymous_access(client):
    response = client.get("/metrics")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_metrics_serve_the_documented_names_with_the_token(cms, clock, frontend_settings):
    settings = frontend_settings.with_overrides(metrics_token="scrape-secret")
    app = create_app(settings, transport=httpx.MockTransport(cms.handler), clock=clock)
    with TestClient(app, base_url="http://news.example") as client:
        client.get("/")
        client.get("/")
        response = client.get("/metrics", headers={"Authorization": "Bearer scrape-secret"})
        assert client.get("/metrics", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert response.status_code == 200
    text = response.text
    for name in DOCUMENTED:
        assert f"# TYPE {name} counter" in text, name
    assert 'frontend_cache_total{result="hit"}' in text
    assert 'frontend_cache_total{result="miss"}' in text
