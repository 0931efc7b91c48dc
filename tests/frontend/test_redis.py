"""With Redis, every frontend process shares the cache and the purge markers."""

import os
import uuid

import httpx
import pytest
import redis
from starlette.testclient import TestClient

from frontend.app import create_app
from tests.frontend.conftest import ARTICLE_PATH

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


@pytest.fixture
def shared_settings(frontend_settings):
    # A key prefix of its own: tests never see other runs' (or helpers') entries.
    prefix = f"test-frontend-{uuid.uuid4().hex}"
    yield frontend_settings.with_overrides(redis_url=REDIS_URL, cache_key_prefix=prefix)
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=prefix + ":*"))
    if keys:
        client.delete(*keys)
    client.close()


def make_client(settings, cms, clock):
    app = create_app(settings, transport=httpx.MockTransport(cms.handler), clock=clock)
    return TestClient(app, base_url="http://news.example")


def test_two_processes_share_pages_and_purges(shared_settings, cms, clock):
    with (
        make_client(shared_settings, cms, clock) as one,
        make_client(shared_settings, cms, clock) as two,
    ):
        assert one.get(ARTICLE_PATH).headers["x-cache"] == "MISS"
        cms.requests.clear()
        assert two.get(ARTICLE_PATH).headers["x-cache"] == "HIT"  # built by the other one
        assert cms.requests == []

        cms.pages[ARTICLE_PATH]["title"] = "A Corrected Headline"
        headers = {"Authorization": "Bearer purge-me"}
        purged = one.post("/_purge", json={"urls": [ARTICLE_PATH]}, headers=headers)
        assert purged.status_code == 200
        clock.advance(1)
        assert "A Corrected Headline" in two.get(ARTICLE_PATH).text


def test_redis_down_means_cache_misses_not_errors(frontend_settings, cms, clock):
    settings = frontend_settings.with_overrides(redis_url="redis://127.0.0.1:1/0")
    with make_client(settings, cms, clock) as client:
        assert client.get(ARTICLE_PATH).status_code == 200
        assert client.get(ARTICLE_PATH).headers["x-cache"] == "MISS"
