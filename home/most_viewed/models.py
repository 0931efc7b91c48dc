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

import contextlib
import datetime
import logging
import re
import threading
import uuid

import redis
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from wagtail.models import Page

from cms.delivery.generation import api_cache_key
from cms.delivery.paths import page_path
from cms.delivery.teasers import fetch_teasers
from cms.delivery.visibility import cache_seconds, public_ids, public_pages

logger = logging.getLogger(__name__)

PERIODS = {"24h": 24, "7d": 24 * 7}

DEFAULT_BOT_PATTERN = (
    r"bot\b|bot/|robot|crawl|spider|slurp|facebookexternalhit|facebookcatalog|embedly|"
    r"preview|mediapartners|adsbot|headless|lighthouse|pingdom|uptime|monitor|scrap|"
    r"curl/|wget/|httpie|python-|httpx|aiohttp|go-http-client|java/|okhttp|libwww|"
    r"feedfetcher|ia_archiver|archive\.org|validator|whatsapp|telegram|slack|discord"
)


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


# --- Counting --------------------------------------------------------------------

_bot_re = None


def is_bot(user_agent):
    global _bot_re
    pattern = getattr(settings, "MOST_VIEWED_BOT_PATTERN", DEFAULT_BOT_PATTERN)
    if _bot_re is None or _bot_re.pattern != pattern:
        _bot_re = re.compile(pattern, re.IGNORECASE)
    user_agent = (user_agent or "").strip()
    return not user_agent or bool(_bot_re.search(user_agent))


def hour_bucket(moment=None):
    moment = (moment or timezone.now()).astimezone(datetime.UTC)
    return moment.replace(minute=0, second=0, microsecond=0)


def page_is_countable(page_id):
    """Whether a page exists and is publicly visible (cached: a hit costs no page query most
    of the time)."""

    key = f"home.most_viewed.page.{page_id}"
    countable = cache.get(key)
    if countable is None:
        countable = page_id in public_ids([page_id])
        cache.set(key, countable, 300)
    return countable


def use_redis():
    return settings.MOST_VIEWED_BACKEND == "redis"


def record_hit(page_id, user_agent):
    """Count one view of a page. Returns whether it was counted; never raises."""
    try:
        if is_bot(user_agent) or not page_is_countable(page_id):
            return False
        hour = hour_bucket()
        if use_redis():
            try:
                _redis().hincrby(_pending_key(), f"{page_id}:{int(hour.timestamp())}", 1)
                return True
            except redis.RedisError:
                logger.warning("Redis unavailable for view counting; counting in the database")
        add_views(page_id, hour, 1)
        return True
    except Exception:
        logger.exception("Could not count a view of page %s", page_id)
        return False


def add_views(page_id, hour, count):
    """Atomically add ``count`` views to a page's hour, creating the row if needed."""
    for _attempt in range(3):
        updated = PageViewCount.objects.filter(page_id=page_id, hour=hour).update(
            count=F("count") + count
        )
        if updated:
            return
        try:
            with transaction.atomic():
                PageViewCount.objects.create(page_id=page_id, hour=hour, count=count)
            return
        except IntegrityError:
            # Someone created the row between our UPDATE and INSERT: add to theirs.
            continue
    raise IntegrityError(f"could not add views to page {page_id} at {hour}")


# --- Redis -----------------------------------------------------------------------

_clients = {}
_clients_lock = threading.Lock()


def _redis():
    url = settings.MOST_VIEWED_REDIS_URL
    with _clients_lock:
        client = _clients.get(url)
        if client is None:
            client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
            _clients[url] = client
    return client


def _pending_key():
    return f"{settings.MOST_VIEWED_REDIS_PREFIX}:pending"


def _flushing_prefix():
    return f"{settings.MOST_VIEWED_REDIS_PREFIX}:flushing:"


def flush_view_counts():
    """Move counts from Redis to the database. Returns the number of views moved.

    Safe to run concurrently and after a crash: batches left behind by an
    interrupted flush are picked up, and a batch already applied is only deleted.
    """
    if not use_redis():
        return 0
    client = _redis()
    batch_key = f"{_flushing_prefix()}{uuid.uuid4().hex}"
    with contextlib.suppress(redis.ResponseError):  # raised when nothing is pending
        client.rename(_pending_key(), batch_key)
    moved = 0
    for key in client.scan_iter(match=f"{_flushing_prefix()}*", count=100):
        key = key.decode() if isinstance(key, bytes) else key
        moved += _apply_batch(client, key)
    return moved


def _apply_batch(client, key):
    batch = key.removeprefix(_flushing_prefix())
    counts = {}
    for raw_field, raw_count in client.hgetall(key).items():
        try:
            page_id, hour = (int(part) for part in raw_field.decode().split(":"))
            counts[(page_id, hour)] = counts.get((page_id, hour), 0) + int(raw_count)
        except ValueError:
            logger.warning("Ignoring malformed view count field %r in %s", raw_field, key)
    existing = set(
        Page.objects.filter(pk__in={page_id for page_id, _ in counts}).values_list("pk", flat=True)
    )
    views = 0
    try:
        with transaction.atomic():
            ViewCountFlush.objects.create(batch=batch, entries=len(counts))
            for (page_id, hour), count in sorted(counts.items()):
                if page_id in existing and count > 0:
                    add_views(
                        page_id, datetime.datetime.fromtimestamp(hour, tz=datetime.UTC), count
                    )
                    views += count
            ViewCountFlush.objects.filter(batch=batch).update(views=views)
    except IntegrityError:
        if not ViewCountFlush.objects.filter(batch=batch).exists():
            raise
        views = 0  # another flush applied this batch already
    client.delete(key)
    return views


def prune_view_counts():
    """Forget hourly counts and flush records older than ``MOST_VIEWED_RETENTION_DAYS``."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.MOST_VIEWED_RETENTION_DAYS)
    deleted, _ = PageViewCount.objects.filter(hour__lt=cutoff).delete()
    ViewCountFlush.objects.filter(
        flushed_at__lt=timezone.now() - datetime.timedelta(days=7)
    ).delete()
    return deleted


# --- Ranking ---------------------------------------------------------------------


class SectionNotFound(ValueError):
    pass


def story_content_types():
    models_ = []
    for label in settings.MOST_VIEWED_PAGE_TYPES:
        try:
            models_.append(apps.get_model(label))
        except (LookupError, ValueError):
            continue
    return list(ContentType.objects.get_for_models(*models_).values()) if models_ else []


def top_page_ids(period="24h", limit=10, section=None, now=None):
    """``[(page_id, views)]`` of publicly visible stories, most viewed first."""

    now = now or timezone.now()
    since = hour_bucket(now) - datetime.timedelta(hours=PERIODS[period] - 1)
    # The public boundary: a page past its expiry counts as gone even before the scheduler
    # has unpublished it, and so does a story under an unpublished section.
    pages = public_pages(Page.objects.filter(content_type__in=story_content_types()), now)
    if section is not None:
        pages = pages.descendant_of(section)
    rows = (
        PageViewCount.objects.filter(hour__gte=since, page__in=pages.values("pk"))
        .values("page_id")
        .annotate(views=Sum("count"))
        .order_by("-views", "-page_id")[:limit]
    )
    return [(row["page_id"], row["views"]) for row in rows]


def get_section(section_id):

    section = public_pages(Page.objects.filter(pk=section_id)).first()
    if section is None:
        raise SectionNotFound(f"section {section_id} is not a published page")
    return section


def most_viewed_payload(period="24h", limit=10, section_id=None):
    """The most viewed stories with their teasers (cached briefly)."""

    # Dropped with every other cached API response whenever a page is published,
    # unpublished, expires or moves: a story taken down leaves the list at once.
    key = api_cache_key(f"most-viewed:{period}:{limit}:{section_id}")
    payload = cache.get(key)
    if payload is not None:
        return payload
    section = get_section(section_id) if section_id is not None else None
    ranked = top_page_ids(period, limit, section)
    teasers = fetch_teasers([page_id for page_id, _ in ranked])
    items = []
    for page_id, views in ranked:
        if page_id in teasers:
            items.append({**teasers[page_id], "rank": len(items) + 1, "views": views})
    payload = {
        "period": period,
        "limit": limit,
        "section": (
            {"id": section.pk, "title": section.title, "html_path": page_path(section)}
            if section
            else None
        ),
        "items": items,
    }

    cache.set(key, payload, cache_seconds(settings.MOST_VIEWED_CACHE_SECONDS))
    return payload
