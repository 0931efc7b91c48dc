"""Revalidation of public /api/v2/ reads: Last-Modified/If-Modified-Since and gzip with ETags."""

import gzip
import json
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils.http import http_date, parse_http_date

from cms.delivery import generation
from cms.preview.models import PagePreview
from news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=news.ArticlePage&fields=*&order=-date&limit=20"


@pytest.fixture(autouse=True)
def invalidated_at(settings, monkeypatch):
    """The response cache on, and the last invalidation ten seconds ago."""
    settings.API_RESPONSE_CACHE_SECONDS = 3600
    cache.clear()
    ten_seconds_ago = time.time() - 10
    invalidate_at(monkeypatch, ten_seconds_ago)
    yield ten_seconds_ago
    cache.clear()


def invalidate_at(monkeypatch, when):
    with monkeypatch.context() as patched:
        patched.setattr(generation.time, "time", lambda: when)
        generation.invalidate_api_cache()


def test_detail_and_listing_carry_last_modified_of_the_last_invalidation(
    client, article, invalidated_at
):
    for url in (f"/api/v2/pages/{article.pk}/", LISTING, "/api/v2/pages/find/?html_path=/world/"):
        response = client.get(url)
        assert response.status_code == 200, url
        last_modified = parse_http_date(response["Last-Modified"])
        assert invalidated_at < last_modified <= time.time()


def test_a_lost_invalidation_time_answers_in_full(client, article):
    url = f"/api/v2/pages/{article.pk}/"
    last_modified = client.get(url)["Last-Modified"]
    cache.clear()  # the next read renders again (a miss), then is served from the cache (a hit)
    with_ims = {"HTTP_IF_MODIFIED_SINCE": last_modified}
    # the generation time was lost with the cache: the miss dates itself "now", later
    # than the client's copy, so it answers in full and nothing stale is claimed current
    renewed = client.get(url, **with_ims)
    assert renewed.status_code == 200 and renewed["X-Cache"] == "miss"


def test_unchanged_content_revalidates_with_304(client, article):
    url = f"/api/v2/pages/{article.pk}/"
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    for _ in range(2):  # a hit from the response cache each time
        revalidated = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert revalidated.status_code == 304
        assert revalidated.content == b""
        assert revalidated["Last-Modified"] == first["Last-Modified"]
    older = http_date(parse_http_date(first["Last-Modified"]) - 60)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=older).status_code == 200


def test_a_publication_or_a_deletion_is_never_answered_304(
    client, section, article, django_capture_on_commit_callbacks
):
    copy = client.get(LISTING)
    since = {"HTTP_IF_MODIFIED_SINCE": copy["Last-Modified"]}
    assert client.get(LISTING, **since).status_code == 304

    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=section, title="Breaking: a new story").save_revision().publish()
    fresh = client.get(LISTING, **since)
    assert fresh.status_code == 200
    assert "Breaking: a new story" in [item["title"] for item in fresh.json()["items"]]

    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    after_delete = client.get(LISTING, **since)
    assert after_delete.status_code == 200
    assert article.title not in [item["title"] for item in after_delete.json()["items"]]


def test_last_modified_is_never_in_the_future(client, article, monkeypatch):
    """An invalidation in this second (or from a host whose clock runs ahead) is not
    dated yet, so no copy from this second is declared current by date."""
    invalidate_at(monkeypatch, time.time() + 2)
    url = f"/api/v2/pages/{article.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Last-Modified" not in response
    later_copy = http_date(time.time() + 3600)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=later_copy).status_code == 200


def test_previews_are_never_dated_or_revalidated(client, article):
    token = PagePreview.create_for(article).token
    far_future = http_date(time.time() + 86400)
    response = client.get("/api/v2/preview/", {"token": token}, HTTP_IF_MODIFIED_SINCE=far_future)
    assert response.status_code == 200
    assert response.json()["id"] == article.pk
    assert "Last-Modified" not in response and "ETag" not in response
    assert "no-store" in response["Cache-Control"]


def test_authenticated_reads_are_never_dated_or_revalidated(client, article):
    url = f"/api/v2/pages/{article.pk}/"
    far_future = http_date(time.time() + 86400)
    with_token = client.get(url, HTTP_AUTHORIZATION="Bearer abc", HTTP_IF_MODIFIED_SINCE=far_future)
    assert with_token.status_code == 200
    assert "Last-Modified" not in with_token and "X-Cache" not in with_token

    editor = get_user_model().objects.create_superuser("chief", "chief@laht.example", "pw")
    client.force_login(editor)
    with_session = client.get(url, HTTP_IF_MODIFIED_SINCE=far_future)
    assert with_session.status_code == 200
    assert "Last-Modified" not in with_session and "X-Cache" not in with_session


def test_large_listing_is_gzipped_and_its_weak_etag_revalidates(client, section):
    for number in range(20):
        ArticlePageFactory(parent=section, title=f"Story number {number}")
    plain = client.get(LISTING)
    compressed = client.get(LISTING, HTTP_ACCEPT_ENCODING="gzip")
    assert compressed.status_code == 200
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert json.loads(gzip.decompress(compressed.content)) == plain.json()
    assert len(compressed.content) < len(plain.content) / 2

    weak_etag = compressed["ETag"]
    assert weak_etag.startswith('W/"')
    revalidated = client.get(LISTING, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=weak_etag)
    assert revalidated.status_code == 304
    assert revalidated.content == b""
    # the same tag revalidates the uncompressed representation too (weak comparison)
    assert client.get(LISTING, HTTP_IF_NONE_MATCH=weak_etag).status_code == 304
