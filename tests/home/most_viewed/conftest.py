"""Most viewed: hits counted through the API (and the frontend's pixel), bots ignored,
database and Redis counters exact under concurrency, rankings of live stories only."""

import datetime

import pytest
from django.core.cache import cache

from home.most_viewed.counting import add_views, hour_bucket
from home.most_viewed.models import PageViewCount

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


HITS = "/api/v3/most-viewed/hits/"


# A live server answers from other threads, so the data must be committed; the rollback
# restores what migrations created (Wagtail's root page) for the tests that follow.
LIVE_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def total_views(page):
    return sum(PageViewCount.objects.filter(page=page).values_list("count", flat=True))


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    # Database counters unless a test asks for Redis (REDIS_URL in the environment would
    # otherwise switch every test to Redis).
    settings.MOST_VIEWED_BACKEND = "db"
    cache.clear()
    yield
    cache.clear()


def most_viewed(client, **params):
    response = client.get("/api/v3/most-viewed/", params)
    assert response.status_code == 200, response.content
    return response.json()


def views(page, count, hours_ago=0):
    add_views(page.pk, hour_bucket() - datetime.timedelta(hours=hours_ago), count)
