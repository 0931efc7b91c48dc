"""A flood of view pixels over real HTTP: pages keep answering and every accepted view is
either stored by the CMS or counted as dropped."""

import asyncio
import time

import httpx
import pytest
from django.db.models import Sum

from home.most_viewed.models import PageViewCount
from news.factories import ArticlePageFactory
from tests.frontend.servers import flood, serve_frontend

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HITS = 10_000
CONCURRENCY = 1_000
# Fewer readers than hits (a multiple of the three stories): hit n and hit n + READERS are
# the same reader viewing the same story again, which counts once.
READERS = 6_000
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"


def pixel_hits(page_ids):
    """HITS pixel requests from READERS addresses behind the proxy (the test's own
    connection, 127.0.0.1, is a trusted proxy), each with a forged entry on the left."""
    hits = []
    for n in range(HITS):
        reader = f"10.{n % READERS // 250}.{n % 250}.1"
        headers = {"User-Agent": BROWSER, "X-Forwarded-For": f"6.6.6.6, {reader}"}
        hits.append((f"/_hit/{page_ids[n % len(page_ids)]}.gif", headers))
    return hits


def wait_until(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the frontend did not finish sending its views"
        time.sleep(0.05)


def test_a_pixel_flood_leaves_pages_answering_and_every_view_accounted_for(
    live_server, settings, section
):
    stories = [ArticlePageFactory(parent=section, title=f"Flood story {n}") for n in range(3)]
    # A queue of two pages for three stories: views of the third are dropped while both wait.
    # Budgets far above the defaults: the flood's client shares this process (and its GIL)
    # with the frontend and the CMS, so latency here says nothing; sharing is what is tested.
    budgets = {
        "api_connect_timeout": 30.0,
        "api_timeout": 60.0,
        "page_budget": 60.0,
        "stale_budget": 60.0,
    }
    with (
        serve_frontend(live_server, settings, hit_queue_pages=2, **budgets) as server,
        httpx.Client(base_url=server.url, timeout=30) as reader,
    ):
        # Readers keep opening a story in the middle of the flood: one page every 100 hits.
        story_path = f"/world/{stories[0].slug}/"
        requests = pixel_hits([story.pk for story in stories])
        for n in range(0, len(requests), 100):
            requests.insert(n, (story_path, {"User-Agent": BROWSER}))
        statuses = asyncio.run(flood(server.url, requests, CONCURRENCY))
        assert len(statuses) == len(requests)
        assert set(statuses) == {200}

        for path in ("/", "/world/", story_path):
            assert reader.get(path).status_code == 200
        view_hits = server.app.state.view_hits
        wait_until(lambda: view_hits.idle)

    stats = view_hits.stats
    stored = PageViewCount.objects.aggregate(total=Sum("count"))["total"] or 0
    assert (stats.accepted, stats.repeats) == (READERS, HITS - READERS)
    assert stored == stats.sent
    assert stored + stats.dropped == stats.accepted
