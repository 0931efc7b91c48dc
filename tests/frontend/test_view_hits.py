"""The pixel's queue: bounded, coalesced per page, one view per reader and page, accounted."""

import asyncio
import json

import httpx

from frontend.settings import Settings
from frontend.view_hits import ViewHits

BROWSER = "Mozilla/5.0 Firefox/128.0"


def run_with(settings, answer, steps):
    """Run ``steps(hits)`` (a coroutine function) against a CMS answering with ``answer``."""
    posted = []

    def handler(request):
        posted.append(json.loads(request.content))
        return answer(request)

    async def main():
        hits = ViewHits(settings, transport=httpx.MockTransport(handler))
        try:
            await steps(hits)
        finally:
            await hits.close()
        return hits

    return asyncio.run(main()), posted


def counted_all(request):
    views = sum(hit["views"] for hit in json.loads(request.content)["hits"])
    return httpx.Response(202, json={"counted": views})


def test_views_of_a_page_are_sent_as_one_count():
    async def steps(hits):
        for reader in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
            assert hits.record(7, reader, BROWSER) == "accepted"
        await hits.flush()

    hits, posted = run_with(Settings(), counted_all, steps)

    assert posted == [{"hits": [{"page_id": 7, "views": 3}]}]
    assert (hits.stats.accepted, hits.stats.sent, hits.stats.dropped) == (3, 3, 0)


def test_one_reader_viewing_a_page_again_counts_once_and_bots_not_at_all():
    async def steps(hits):
        assert hits.record(7, "198.51.100.1", BROWSER) == "accepted"
        assert hits.record(7, "198.51.100.1", BROWSER) == "repeat"
        assert hits.record(8, "198.51.100.1", BROWSER) == "accepted"
        assert hits.record(7, "198.51.100.1", "Googlebot/2.1") == "bot"
        assert hits.record(7, "198.51.100.1", "") == "bot"

    hits, _posted = run_with(Settings(), counted_all, steps)

    assert (hits.stats.accepted, hits.stats.repeats, hits.stats.bots) == (2, 1, 2)


def test_a_full_queue_drops_views_of_new_pages_and_counts_them():
    async def steps(hits):
        assert hits.record(1, "a", BROWSER) == "accepted"
        assert hits.record(2, "a", BROWSER) == "accepted"
        assert hits.record(3, "a", BROWSER) == "dropped"
        assert hits.record(1, "b", BROWSER) == "accepted"  # a waiting page still counts

    hits, posted = run_with(Settings(hit_queue_pages=2), counted_all, steps)

    assert posted == [{"hits": [{"page_id": 1, "views": 2}, {"page_id": 2, "views": 1}]}]
    stats = hits.stats
    assert (stats.accepted, stats.sent, stats.dropped) == (4, 3, 1)


def test_views_the_cms_does_not_store_are_counted_as_dropped():
    async def steps(hits):
        hits.record(1, "a", BROWSER)
        hits.record(2, "a", BROWSER)

    hits, _posted = run_with(Settings(), lambda request: httpx.Response(503, text="down"), steps)

    assert (hits.stats.accepted, hits.stats.sent, hits.stats.dropped) == (2, 0, 2)
    assert hits.idle
