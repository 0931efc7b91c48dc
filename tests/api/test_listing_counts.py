"""A reader counts at most ``API_COUNT_EXACT_THRESHOLD + 1`` pages of a listing: a larger one
answers with its last exact count (or, never counted, that lower bound), labelled an estimate,
while the worker counts it (a real ``db_worker`` on the database backend)."""

import pickle
import re
import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from cms.countries.factories import CountryFactory
from cms.delivery import count_store, tasks
from cms.delivery.generation import invalidate_api_cache
from news.factories import (
    ArticleBylineFactory,
    ArticlePageFactory,
    AuthorFactory,
    WireSourceFactory,
)
from tests.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

#: Answered from stored documents (a typed listing) and by Wagtail's serializers (untyped).
LISTINGS = [
    "/api/v2/pages/?type=news.ArticlePage&fields=*&order=-date&limit=2",
    "/api/v2/pages/?child_of={section}&limit=2",
]


@pytest.fixture(autouse=True)
def production_caches(settings, database_tasks):
    settings.API_RESPONSE_CACHE_SECONDS = 3600
    settings.API_COUNT_CACHE_SECONDS = 3600
    settings.API_COUNT_EXACT_THRESHOLD = 2


@pytest.fixture
def stories(section):
    return [ArticlePageFactory(parent=section, title=f"Story {n}") for n in range(4)]


def read(client, url):
    """(meta, Cache-Control, X-Cache, the number of pages the request counted at most: None
    when it counted none, "all" when it counted the whole listing)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    # A sliced count: ``SELECT COUNT(*) FROM (SELECT … LIMIT n) subquery``.
    sliced = [re.search(r"LIMIT (\d+)\)\s*subquery\s*$", sql) for sql in counts]
    counted = None
    if counts:
        counted = "all" if not all(sliced) else max(int(m.group(1)) for m in sliced)
    return response.json()["meta"], response["Cache-Control"], response.get("X-Cache"), counted


def queued_recounts():
    return DBTaskResult.objects.filter(task_path=tasks.recount_listing.module_path).count()


@pytest.mark.parametrize("listing", LISTINGS)
def test_a_large_listing_is_counted_by_the_worker_and_its_readers_meanwhile_get_an_estimate(
    client, section, stories, listing
):
    url = listing.format(section=section.pk)
    meta, cache_control, x_cache, counted = read(client, url)
    assert meta == {"total_count": 3, "total_count_exact": False}  # at least threshold + 1
    assert counted == 3
    assert "max-age=0" in cache_control and x_cache is None  # not kept: exact soon
    run_worker()
    meta, cache_control, x_cache, counted = read(client, url)
    assert meta == {"total_count": 4} and counted is None
    assert "max-age=60" in cache_control and x_cache == "miss"
    assert read(client, url)[2] == "hit"

    ArticlePageFactory(parent=section, title="Breaking").save_revision().publish()
    for _ in range(2):
        meta, cache_control, x_cache, counted = read(client, url)
        assert meta == {"total_count": 4, "total_count_exact": False}  # the last count
        assert counted is None
        assert "max-age=0" in cache_control and x_cache is None
    assert queued_recounts() == 2  # once per listing waiting, however many readers came

    run_worker()
    meta, _, _, counted = read(client, url)
    assert meta == {"total_count": 5} and counted is None


def test_a_listing_within_the_threshold_is_counted_exactly_by_its_readers(
    client, section, stories, settings
):
    settings.API_COUNT_EXACT_THRESHOLD = 5
    url = LISTINGS[0]
    assert read(client, url)[0::3] == ({"total_count": 4}, 6)
    ArticlePageFactory(parent=section, title="Breaking").save_revision().publish()
    assert read(client, url)[0::3] == ({"total_count": 5}, 6)
    assert queued_recounts() == 0


def test_a_listing_that_shrank_within_the_threshold_is_counted_by_its_readers_again(
    client, section, stories
):
    url = LISTINGS[0]
    read(client, url)
    run_worker()
    assert read(client, url)[0] == {"total_count": 4}
    for story in stories[1:]:
        story.unpublish()
    assert read(client, url)[0] == {"total_count": 4, "total_count_exact": False}
    run_worker()
    assert read(client, url)[0] == {"total_count": 1}
    stories[1].save_revision().publish()
    assert read(client, url)[0::3] == ({"total_count": 2}, 3)


def test_with_no_worker_no_estimate_is_older_than_the_count_cache(
    client, section, stories, settings, monkeypatch
):
    """A last count is given for ``API_COUNT_CACHE_SECONDS`` at most, whether a worker counts
    again or not; after that readers get the lower bound until the worker has counted."""
    settings.API_COUNT_CACHE_SECONDS = 1
    digests = []
    remember = count_store.remember
    monkeypatch.setattr(
        count_store,
        "remember",
        lambda alias, digest, *args: [digests.append(digest), remember(alias, digest, *args)],
    )
    url = LISTINGS[0]
    read(client, url)
    run_worker()
    (digest,) = digests
    deadline = time.monotonic() + 10
    while count_store.last("default", digest) is not None:  # kept for one second
        assert time.monotonic() < deadline, "the last count outlived API_COUNT_CACHE_SECONDS"
        threading.Event().wait(0.05)
    ArticlePageFactory(parent=section, title="Breaking").save_revision().publish()
    assert read(client, url)[0::3] == ({"total_count": 3, "total_count_exact": False}, 3)


def test_a_recount_whose_listing_no_longer_waits_does_nothing(client, section, stories):
    url = LISTINGS[0]
    assert read(client, url)[0]["total_count_exact"] is False
    (queued,) = DBTaskResult.objects.filter(task_path=tasks.recount_listing.module_path)
    alias, digest = queued.args_kwargs["args"]
    cache.delete(count_store.pending_key(alias, digest))  # waited too long
    run_worker()
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL" and queued.return_value is None
    assert read(client, url)[0] == {"total_count": 3, "total_count_exact": False}
    assert queued_recounts() == 2  # the next reader queued it again


def test_a_listing_whose_query_cannot_be_kept_for_the_worker_is_counted_by_its_reader(
    client, section, stories, monkeypatch
):
    def refuse(*args, **kwargs):
        raise pickle.PicklingError("Can't pickle local object")

    monkeypatch.setattr(count_store.cache, "add", refuse)
    assert read(client, LISTINGS[0])[0::3] == ({"total_count": 4}, "all")
    assert queued_recounts() == 0


#: A filter of a story listing, and how many of the test's two stories it keeps.
FILTERS = {
    "tag=oil": 1,
    "country=ve": 1,
    "source=reuters": 1,
    "author=ana": 1,
    "year={year}": 1,
    "section={section}": 1,
    "descendant_of={section}": 1,
    "child_of={section}": 1,
    "title=A": 1,
    "locale=en": 2,
}


@pytest.mark.django_db(transaction=False)
def test_every_filter_of_a_story_listing_is_counted_again_by_the_worker(
    client, home, section, settings
):
    """The worker counts the reader's own query, kept in the cache: each filter survives it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.API_RESPONSE_CACHE_SECONDS = 0
    settings.API_COUNT_EXACT_THRESHOLD = 0
    story = ArticlePageFactory(
        parent=section, title="A", source=WireSourceFactory(name="Reuters", slug="reuters")
    )
    story.tags.add("oil")
    story.countries.add(CountryFactory(code="VE", name="Venezuela"))
    story.save_revision().publish()
    ArticleBylineFactory(page=story, author=AuthorFactory(name="Ana", slug="ana"))
    ArticlePageFactory(parent=home, title="B")  # outside the section, matches no filter
    story.refresh_from_db()
    values = {"year": story.first_published_at.year, "section": section.pk}
    for query, count in FILTERS.items():
        url = "/api/v2/pages/?type=news.ArticlePage&" + query.format(**values)
        lower_bound = {"total_count": 1, "total_count_exact": False}  # never counted
        assert client.get(url).json()["meta"] == lower_bound, url
        assert client.get(url).json()["meta"] == {"total_count": count}, url  # the worker's
        invalidate_api_cache()  # a publication: the next reader gets the estimate
        with CaptureQueriesContext(connection) as queries:  # and the worker counts (inline)
            assert client.get(url).json()["meta"] == {
                "total_count": count,
                "total_count_exact": False,
            }, url
        assert sum("COUNT(" in q["sql"].upper() for q in queries.captured_queries) == 1, url
        assert client.get(url).json()["meta"] == {"total_count": count}, url
