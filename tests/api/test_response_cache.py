"""Anonymous /api/v2/ reads come from the CMS's response cache until content changes."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=news.ArticlePage&fields=*&order=-date&limit=20"


@pytest.fixture(autouse=True)
def response_cache(settings):
    settings.API_RESPONSE_CACHE_SECONDS = 3600
    cache.clear()
    yield
    cache.clear()


def titles(response):
    return [item["title"] for item in response.json()["items"]]


def test_second_read_is_served_from_the_cache_without_queries(client, article):
    first = client.get(LISTING)
    assert first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(LISTING)
    assert second.status_code == 200
    assert second["X-Cache"] == "hit"
    assert len(queries.captured_queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_public_reads_carry_cdn_directives_and_an_etag(client, article):
    response = client.get(f"/api/v2/pages/{article.pk}/")
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=" in cache_control and "stale-while-revalidate=" in cache_control
    etag = response["ETag"]
    for _ in range(2):  # on a miss and on a hit
        revalidated = client.get(f"/api/v2/pages/{article.pk}/", HTTP_IF_NONE_MATCH=etag)
        assert revalidated.status_code == 304
        assert revalidated.content == b""


def test_publishing_a_story_drops_cached_listings(
    client, section, article, django_capture_on_commit_callbacks
):
    assert titles(client.get(LISTING)) == [article.title]
    assert client.get(LISTING)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=section, title="Breaking: a new story").save_revision().publish()
    fresh = client.get(LISTING)
    assert fresh["X-Cache"] == "miss"
    assert "Breaking: a new story" in titles(fresh)


def test_unpublishing_drops_the_cached_detail(client, article, django_capture_on_commit_callbacks):
    url = f"/api/v2/pages/{article.pk}/"
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(url).status_code == 404


def test_errors_are_not_cached(client, article):
    url = "/api/v2/pages/?type=news.ArticlePage&nonsense=1"
    assert client.get(url).status_code == 400
    again = client.get(url)
    assert again.status_code == 400
    assert "X-Cache" not in again


def test_requests_with_credentials_bypass_the_cache(client, article):
    client.get(LISTING)
    assert "X-Cache" not in client.get(LISTING, HTTP_AUTHORIZATION="Bearer something")
    user = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    client.force_login(user)
    assert "X-Cache" not in client.get(LISTING)


def test_the_cache_can_be_turned_off(client, article, settings):
    settings.API_RESPONSE_CACHE_SECONDS = 0
    client.get(LISTING)
    assert "X-Cache" not in client.get(LISTING)


def test_making_a_section_private_drops_its_cached_pages(
    client, section, article, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    assert titles(client.get(LISTING)) == [article.title]
    detail = f"/api/v2/pages/{article.pk}/"
    assert client.get(detail).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert titles(client.get(LISTING)) == []
    assert client.get(detail).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert titles(client.get(LISTING)) == [article.title]


class TestCountCache:
    """``total_count`` is counted once per content generation (API_COUNT_CACHE_SECONDS)."""

    @pytest.fixture(autouse=True)
    def count_cache_only(self, settings):
        settings.API_RESPONSE_CACHE_SECONDS = 0
        settings.API_COUNT_CACHE_SECONDS = 3600

    def counts(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            data = client.get(url).json()
        sql = [query["sql"] for query in queries.captured_queries]
        return data["meta"]["total_count"], sum("COUNT(*)" in query for query in sql)

    def test_the_count_is_reused_until_something_is_published(
        self, client, section, article, django_capture_on_commit_callbacks
    ):
        assert self.counts(client, LISTING) == (1, 1)
        assert self.counts(client, LISTING) == (1, 0)
        assert self.counts(client, LISTING + "&offset=1") == (1, 0)  # same filters, same count
        with django_capture_on_commit_callbacks(execute=True):
            ArticlePageFactory(parent=section, title="Another").save_revision().publish()
        assert self.counts(client, LISTING) == (2, 1)
        with django_capture_on_commit_callbacks(execute=True):
            article.unpublish()
        assert self.counts(client, LISTING) == (1, 1)

    def test_each_filter_has_its_own_count(self, client, section, article):
        ArticlePageFactory(parent=section, title="Second")
        assert self.counts(client, LISTING)[0] == 2
        filtered = LISTING + f"&id={article.pk}"
        assert self.counts(client, filtered) == (1, 1)
        assert self.counts(client, filtered) == (1, 0)
        assert self.counts(client, LISTING) == (2, 0)


def test_site_furniture_is_cached_until_an_editor_changes_it(
    client, site, django_capture_on_commit_callbacks
):
    from home.site_settings.models import SiteFurniture

    first = client.get("/api/v3/site/")
    assert first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v3/site/")["X-Cache"] == "hit"
    assert len(queries.captured_queries) == 0
    furniture = SiteFurniture.for_site(site)
    furniture.copyright_line = "© 2026 The Herald, Caracas"
    with django_capture_on_commit_callbacks(execute=True):
        furniture.save()
    fresh = client.get("/api/v3/site/")
    assert fresh["X-Cache"] == "miss"
    assert fresh.json()["copyright"] == "© 2026 The Herald, Caracas"


def test_a_lost_generation_counter_never_serves_an_older_answer(
    client, section, article, django_capture_on_commit_callbacks
):
    """Processes keep recent answers in memory by key; a counter lost with the shared cache
    (Redis restarted) must not start again at a generation those keys were made with."""
    assert titles(client.get(LISTING)) == [article.title]
    assert client.get(LISTING)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=section, title="After the restart").save_revision().publish()
    cache.clear()  # the shared cache lost everything, the process's memory did not
    assert "After the restart" in titles(client.get(LISTING))


def test_a_release_drops_answers_cached_by_the_previous_code(client, article):
    """``migrate`` runs once per release: what the old code rendered is not served after it."""
    from django.core.management import call_command

    assert client.get(LISTING)["X-Cache"] == "miss"
    assert client.get(LISTING)["X-Cache"] == "hit"
    call_command("migrate", verbosity=0)
    assert client.get(LISTING)["X-Cache"] == "miss"
