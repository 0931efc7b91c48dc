"""Counting views: one per human hit, in Redis counters (or the database) flushed hourly."""

import contextlib
import datetime
import re
import threading
import uuid

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from cms.delivery.visibility import public_ids
from home.most_viewed.models import PageViewCount, ViewCountFlush, logger

DEFAULT_BOT_PATTERN = (
    r"bot\b|bot/|robot|crawl|spider|slurp|facebookexternalhit|facebookcatalog|embedly|"
    r"preview|mediapartners|adsbot|headless|lighthouse|pingdom|uptime|monitor|scrap|"
    r"curl/|wget/|httpie|python-|httpx|aiohttp|go-http-client|java/|okhttp|libwww|"
    r"feedfetcher|ia_archiver|archive\.org|validator|whatsapp|telegram|slack|discord"
)

_bot_re = None
#: One Redis client per URL for the process: each holds a connection pool.
_clients = {}
_clients_lock = threading.Lock()


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
    return not is_bot(user_agent) and record_views(page_id, 1) == 1


def record_views(page_id, views):
    """Count ``views`` views of a page (already told from bots). Returns how many were
    stored: 0 for a page that is not public or a counter failure; never raises."""
    try:
        if not page_is_countable(page_id):
            return 0
        hour = hour_bucket()
        if use_redis():
            try:
                _redis().hincrby(_pending_key(), f"{page_id}:{int(hour.timestamp())}", views)
                return views
            except redis.RedisError:
                logger.warning("Redis unavailable for view counting; counting in the database")
        add_views(page_id, hour, views)
        return views
    except Exception:
        logger.exception("Could not count %d views of page %s", views, page_id)
        return 0


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
