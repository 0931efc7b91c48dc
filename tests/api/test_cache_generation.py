"""With Redis, every process learns a new API cache generation from a subscription, so a
cached read costs no Redis round trip and a publication anywhere is seen by the next read."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.core.cache import cache

from cms.delivery import generation
from cms.delivery.generation import GenerationListener, api_cache_generation
from news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
LISTING = "/api/v2/pages/?type=news.ArticlePage&fields=*&order=-date&limit=20"

# Another process of the same deployment: what the scheduler or a second CMS worker does.
INVALIDATE = """
import json, os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
django.setup()
from django.test.utils import override_settings
with override_settings(CACHES=json.loads(sys.argv[1])):
    from cms.delivery.invalidation import invalidate_api_cache
    invalidate_api_cache()
"""


@pytest.fixture
def redis_cache(settings):
    """The shared cache in Redis, under a key prefix of this test's own."""
    caches = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    settings.CACHES = caches
    settings.API_RESPONSE_CACHE_SECONDS = 3600
    GenerationListener._retry_after = 0.0  # no back-off left by an earlier test
    yield caches
    cache.delete_pattern("*")
    if GenerationListener._instance is not None:
        GenerationListener._instance.close()
        GenerationListener._instance = None


def invalidate_in_another_process(caches):
    subprocess.run(
        [sys.executable, "-c", INVALIDATE, json.dumps(caches)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture
def counter_reads(monkeypatch):
    """How often this process asks Redis for the generation (no periodic re-read here)."""
    monkeypatch.setattr(GenerationListener, "RESYNC_SECONDS", 3600.0)
    reads = []
    read = generation._read_generation

    def counting():
        reads.append(1)
        return read()

    monkeypatch.setattr(generation, "_read_generation", counting)
    return reads


def test_another_process_publication_is_seen_without_asking_redis(redis_cache, counter_reads):
    first = api_cache_generation()
    assert len(counter_reads) == 1  # once, when this process subscribed
    assert [api_cache_generation() for _ in range(5)] == [first] * 5
    assert len(counter_reads) == 1

    invalidate_in_another_process(redis_cache)

    assert api_cache_generation() == first + 1
    assert len(counter_reads) == 1


def test_this_process_publication_is_seen_at_once(redis_cache):
    first = api_cache_generation()
    generation.invalidate_api_cache()
    assert api_cache_generation() == first + 1


def test_a_cached_answer_is_dropped_when_another_process_publishes(
    client, redis_cache, section, article
):
    assert client.get(LISTING)["X-Cache"] == "miss"
    assert client.get(LISTING)["X-Cache"] == "hit"
    # A story this process has not been told about (the test's transaction is not
    # visible to the other process, which only publishes the new generation).
    ArticlePageFactory(parent=section, title="Seen everywhere at once")
    assert client.get(LISTING)["X-Cache"] == "hit"

    invalidate_in_another_process(redis_cache)

    fresh = client.get(LISTING)
    assert fresh["X-Cache"] == "miss"
    assert "Seen everywhere at once" in [item["title"] for item in fresh.json()["items"]]


def test_a_lost_subscription_is_noticed_and_replaced(redis_cache, counter_reads):
    first = api_cache_generation()
    listener = GenerationListener._instance
    host, port = listener.pubsub.connection._sock.getsockname()[:2]
    redis.Redis.from_url(REDIS_URL).client_kill_filter(_type="pubsub", addr=f"{host}:{port}")

    # Published while this process was not listening: it must not keep the old number.
    invalidate_in_another_process(redis_cache)

    assert api_cache_generation() == first + 1
    assert GenerationListener._instance is not listener
    reads = len(counter_reads)
    assert api_cache_generation() == first + 1  # subscribed again
    invalidate_in_another_process(redis_cache)
    assert api_cache_generation() == first + 2
    assert len(counter_reads) == reads + 1  # the new subscription's own read only


def test_a_listener_closed_by_another_thread_is_not_read(redis_cache, counter_reads):
    first = api_cache_generation()
    listener = GenerationListener._instance
    listener.close()  # what a thread that found the subscription broken does
    assert listener.current() is None
    GenerationListener._instance = None
    assert api_cache_generation() == first
    assert GenerationListener._instance is not listener


def test_a_bump_that_was_never_published_is_read_again_later(redis_cache, monkeypatch):
    first = api_cache_generation()
    cache.incr(generation._generation_key())  # a writer whose PUBLISH was lost
    monkeypatch.setattr(GenerationListener, "RESYNC_SECONDS", 0.0)
    assert api_cache_generation() == first + 1


def test_without_redis_the_generation_is_read_per_request(settings, counter_reads):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    first = api_cache_generation()
    generation.invalidate_api_cache()
    assert api_cache_generation() == first + 1
    assert GenerationListener.for_this_process() is None
    assert len(counter_reads) == 2


def test_an_unreachable_redis_falls_back_to_reading_per_request(settings, counter_reads):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    GenerationListener._retry_after = 0.0
    first = api_cache_generation()
    assert GenerationListener._instance is None
    assert isinstance(first, int)
    assert len(counter_reads) == 1
