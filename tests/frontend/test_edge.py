"""What a hostile or careless client meets at the frontend: rate limits keyed on the reader
behind the trusted proxy, security headers, and the budgets that bound a slow CMS."""

import asyncio

import httpx
import pytest
from starlette.testclient import TestClient

from frontend.api_client import CMSClient
from frontend.app import create_app
from frontend.cache import Cache
from tests.frontend.test_newsletter import SUBSCRIBE, open_form

PROXY = ("127.0.0.1", 40000)  # a trusted proxy (the default FRONTEND_TRUSTED_PROXIES)


@pytest.fixture
def behind_proxy(cms, clock, frontend_settings):
    """The frontend as a trusted proxy's connections reach it; small limits."""
    settings = frontend_settings.with_overrides(search_rate_limit=3, signup_rate_limit=2)
    app = create_app(settings, transport=httpx.MockTransport(cms.handler), clock=clock)
    with TestClient(app, base_url="http://news.example", client=PROXY) as client:
        yield client


def search(client, reader_chain):
    return client.get("/search/", params={"q": "oil"}, headers={"X-Forwarded-For": reader_chain})


def test_searches_beyond_the_limit_get_429_with_retry_after(behind_proxy):
    for _ in range(3):
        assert search(behind_proxy, "198.51.100.7").status_code == 200

    refused = search(behind_proxy, "198.51.100.7")

    assert refused.status_code == 429
    assert 0 < int(refused.headers["retry-after"]) <= 60
    assert "Too many searches" in refused.text
    assert search(behind_proxy, "198.51.100.8").status_code == 200  # another reader


def test_rotating_the_forwarded_entries_left_of_the_proxy_does_not_walk_past_the_limit(
    behind_proxy,
):
    statuses = [search(behind_proxy, f"10.9.{n}.1, 198.51.100.7").status_code for n in range(5)]

    assert statuses == [200, 200, 200, 429, 429]


def test_an_untrusted_peer_cannot_choose_its_address_with_x_forwarded_for(
    cms, clock, frontend_settings
):
    app = create_app(
        frontend_settings.with_overrides(search_rate_limit=1),
        transport=httpx.MockTransport(cms.handler),
        clock=clock,
    )
    with TestClient(app, client=("203.0.113.9", 5000)) as client:
        assert search(client, "198.51.100.1").status_code == 200
        assert search(client, "198.51.100.2").status_code == 429


def test_sign_ups_beyond_the_limit_get_429_with_retry_after(behind_proxy, cms):
    token = open_form(behind_proxy)
    form = {"email": "a@example.com", "csrf_token": token}
    headers = {"X-Forwarded-For": "198.51.100.7"}
    for _ in range(2):
        assert behind_proxy.post("/newsletter/", data=form, headers=headers).status_code == 200

    refused = behind_proxy.post("/newsletter/", data=form, headers=headers)

    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert "Too many attempts" in refused.text
    assert len(cms.posts) == 2
    assert {h["x-forwarded-for"] for _p, _b, h in cms.posts} == {"198.51.100.7"}


def test_the_cms_refusing_a_sign_up_gives_429_with_retry_after_too(client, cms):
    token = open_form(client)
    cms.post_answers[SUBSCRIBE] = (429, {"status": 429, "detail": "Too many"})

    refused = client.post("/newsletter/", data={"email": "a@example.com", "csrf_token": token})

    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0


def test_pages_carry_security_headers_without_allowing_inline_script(client):
    response = client.get("/")

    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert "frame-ancestors 'self'" in policy
    assert "<script" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert response.headers["x-frame-options"] == "SAMEORIGIN"
    assert "strict-transport-security" not in response.headers  # plain HTTP


def test_only_the_cms_may_frame_the_preview(client, frontend_settings):
    response = client.get("/_preview/", params={"token": "x"})

    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'self' http://cms.internal:8000" in policy
    assert "x-frame-options" not in response.headers


def test_hsts_is_sent_behind_tls(behind_proxy, cms, clock, frontend_settings):
    via_tls_proxy = behind_proxy.get("/", headers={"X-Forwarded-Proto": "https"})
    assert via_tls_proxy.headers["strict-transport-security"].startswith("max-age=31536000")

    app = create_app(frontend_settings, transport=httpx.MockTransport(cms.handler), clock=clock)
    with TestClient(app, client=("203.0.113.9", 5000)) as untrusted:
        claimed = untrusted.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "strict-transport-security" not in claimed.headers


def test_the_cms_connection_budgets_are_the_documented_ones(frontend_settings, clock):
    client = CMSClient(frontend_settings, Cache.from_settings(frontend_settings, clock))
    try:
        timeout = client.http.timeout
        assert (timeout.connect, timeout.read) == (0.5, 2.0)
        assert (frontend_settings.stale_budget, frontend_settings.page_budget) == (1.0, 2.0)
    finally:
        asyncio.run(client.close())
