"""Most viewed, rankings: the top live stories over 24 hours and 7 days, per section, cacheable
and at a constant query count."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.factories import ArticlePageFactory, SectionPageFactory
from tests.home.most_viewed.conftest import most_viewed, views


@pytest.fixture
def stories(home):
    world = SectionPageFactory(parent=home, title="World", slug="world")
    business = SectionPageFactory(parent=home, title="Business", slug="business")
    return {
        "world": world,
        "business": business,
        "a": ArticlePageFactory(parent=world, title="Story A"),
        "b": ArticlePageFactory(parent=world, title="Story B"),
        "c": ArticlePageFactory(parent=business, title="Story C"),
    }


def titles(payload):
    return [(item["title"], item["views"]) for item in payload["items"]]


@pytest.mark.django_db
def test_top_stories_over_24_hours_and_7_days(client, stories):
    views(stories["a"], 5)
    views(stories["b"], 3)
    views(stories["b"], 40, hours_ago=48)  # outside 24 h, inside 7 days
    views(stories["c"], 100, hours_ago=24 * 8)  # outside both
    views(stories["c"], 1, hours_ago=23)

    day = most_viewed(client)
    assert day["period"] == "24h"
    assert titles(day) == [("Story A", 5), ("Story B", 3), ("Story C", 1)]
    assert [item["rank"] for item in day["items"]] == [1, 2, 3]
    first = day["items"][0]
    assert first["html_path"] == "/world/story-a/"
    assert first["url"].endswith("/world/story-a/")

    week = most_viewed(client, period="7d")
    assert titles(week) == [("Story B", 43), ("Story A", 5), ("Story C", 1)]
    assert titles(most_viewed(client, period="7d", limit=1)) == [("Story B", 43)]


@pytest.mark.django_db
def test_top_stories_per_section(client, stories):
    views(stories["a"], 5)
    views(stories["c"], 50)
    payload = most_viewed(client, section=stories["world"].pk)
    assert titles(payload) == [("Story A", 5)]
    assert payload["section"]["title"] == "World"
    assert titles(most_viewed(client, section=stories["business"].pk)) == [("Story C", 50)]


@pytest.mark.django_db
def test_only_live_stories_are_ranked(client, stories):
    views(stories["a"], 5)
    views(stories["b"], 9)
    views(stories["c"], 7)
    stories["b"].unpublish()
    # Past its expiry, not yet unpublished by the scheduler.
    stories["c"].expire_at = timezone.now() - datetime.timedelta(minutes=1)
    stories["c"].save()
    assert titles(most_viewed(client)) == [("Story A", 5)]


@pytest.mark.django_db
def test_an_unpublished_story_leaves_the_cached_list_at_once(
    client, stories, django_capture_on_commit_callbacks, settings
):
    settings.MOST_VIEWED_CACHE_SECONDS = 60  # as with REDIS_URL (a shared cache)
    views(stories["a"], 5)
    views(stories["b"], 3)
    assert titles(most_viewed(client)) == [("Story A", 5), ("Story B", 3)]  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        stories["a"].unpublish()
    assert titles(most_viewed(client)) == [("Story B", 3)]


@pytest.mark.django_db
def test_bad_parameters_are_422(client, stories):
    assert client.get("/api/v3/most-viewed/", {"period": "1y"}).status_code == 422
    assert client.get("/api/v3/most-viewed/", {"limit": 0}).status_code == 422
    response = client.get("/api/v3/most-viewed/", {"section": 999999})
    assert response.status_code == 422
    assert "999999" in response.json()["detail"]


@pytest.mark.django_db
def test_most_viewed_is_cacheable_with_an_etag(client, stories):
    views(stories["a"], 2)
    response = client.get("/api/v3/most-viewed/")
    assert "public" in response["Cache-Control"]
    again = client.get("/api/v3/most-viewed/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


@pytest.mark.django_db
def test_most_viewed_query_count_does_not_grow_with_limit(client, stories, home):
    section = stories["world"]
    for index in range(12):
        story = ArticlePageFactory(parent=section, title=f"Extra {index}")
        views(story, index + 1)

    def count_queries(limit):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            payload = most_viewed(client, limit=limit)
        assert len(payload["items"]) == limit
        return len(queries)

    count_queries(12)  # renditions are made once, on first use
    assert count_queries(2) == count_queries(12)
