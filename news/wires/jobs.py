"""Periodic work of the desk, queued by the scheduler and run by the worker: the watched
folder's scan, and the feeds that are due (``cms.publishing.jobs``)."""

from cms.publishing.jobs import register
from news.wires.conf import settings
from news.wires.feeds import due_feeds
from news.wires.inbox import scan_inbox
from news.wires.tasks import poll_feed


@register("wires.scan_inbox", every=settings.WIRE_SCAN_EVERY, timeout=300, attempts=1)
def scan_inbox_job() -> str:
    results = scan_inbox()
    rejected = sum(1 for result in results if not result.ok)
    return f"{len(results)} file(s), {rejected} rejected"


@register("wires.poll_feeds", every=settings.WIRE_SCAN_EVERY, timeout=60, attempts=1)
def poll_feeds_job() -> str:
    """Queue a poll of every feed that is due (each feed once per its interval)."""
    feeds = due_feeds()
    for feed in feeds:
        poll_feed.enqueue(feed.pk)
    return f"{len(feeds)} feed(s) due"
