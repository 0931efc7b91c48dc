"""Most viewed stories: page views counted per page per hour.

The frontend serves a 1x1 pixel on every story page and forwards each hit to
``POST /api/v3/most-viewed/hits/`` with the reader's User-Agent, so views count
even when the page HTML came from a cache. Counting must never slow or break
page delivery: :func:`record_hit` swallows and logs every failure.

Storage: by default each hit is an atomic ``UPDATE ... SET count = count + 1``
on the page's row for the current hour (created on first hit; a concurrent
creator is detected by the unique constraint and the hit is added to its row).
When ``MOST_VIEWED_BACKEND`` is ``"redis"`` (the default when ``REDIS_URL`` is
set) a hit is one ``HINCRBY`` in Redis; :func:`flush_view_counts` moves the hash
aside with ``RENAME`` (atomic: later hits start a new hash), adds it to the
database and records the batch id in the same transaction, so a batch is
applied exactly once even if a flush crashes or two flushes run at once.

Bots are not counted: a User-Agent that is empty or matches
``MOST_VIEWED_BOT_PATTERN`` (crawlers, link unfurlers, monitors and HTTP
libraries such as curl, wget, python-requests) is ignored.
"""

import logging

from django.db import models

logger = logging.getLogger(__name__)


class PageViewCount(models.Model):
    """Views of one page during one hour (UTC)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField(help_text="Start of the hour the views happened in.")
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "hour"], name="unique_view_count_per_hour")
        ]
        indexes = [models.Index(fields=["hour", "page"], name="view_count_hour_page")]
        verbose_name = "page view count"

    def __str__(self):
        return f"page {self.page_id} at {self.hour:%Y-%m-%d %H}:00: {self.count}"


class ViewCountFlush(models.Model):
    """A batch of Redis counts added to the database (makes each batch apply once)."""

    batch = models.CharField(max_length=64, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    entries = models.PositiveIntegerField(default=0)
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "view count flush"

    def __str__(self):
        return f"{self.batch}: {self.views} views"
