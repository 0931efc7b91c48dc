"""Background work of the desk (django-tasks, run by the worker): one task per feed poll,
so a slow or failing feed never holds up the others."""

from cms.operations.background import retrying
from news.wires.feeds import poll
from news.wires.models import WireFeed


@retrying(timeout=120, attempts=1)
def poll_feed(feed_id: int) -> str | None:
    feed = WireFeed.objects.filter(pk=feed_id, enabled=True).first()
    return poll(feed) if feed is not None else None
