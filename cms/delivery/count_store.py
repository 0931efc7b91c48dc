"""Where listings' counts are kept: the exact count of the current content generation, the
last exact count of each listing (for the estimates of later generations), and the query of
a listing waiting to be counted again (``cms.delivery.counts`` decides which is used)."""

import logging
import pickle

from django.core.cache import cache
from django.db.models import QuerySet
from django.db.models.sql import Query

from cms.delivery import visibility
from cms.delivery.conf import settings
from cms.delivery.generation import api_cache_key

logger = logging.getLogger("herald.api")

#: A listing waits at most this long for its recount; after that a reader queues another.
PENDING_SECONDS = 300


def current_key(alias: str, digest: str) -> str:
    """The exact count of the current generation (dropped with every publication)."""
    return api_cache_key(f"count:{alias}:{digest}")


def last_key(alias: str, digest: str) -> str:
    return f"{settings.API_CACHE_PREFIX}:last-count:{alias}:{digest}"


def pending_key(alias: str, digest: str) -> str:
    return f"{settings.API_CACHE_PREFIX}:count-pending:{alias}:{digest}"


def current(alias: str, digest: str) -> int | None:
    return cache.get(current_key(alias, digest))


def last(alias: str, digest: str) -> int | None:
    return cache.get(last_key(alias, digest))


def remember(alias: str, digest: str, count: int, key: str | None = None) -> None:
    """Keep ``count`` as the listing's exact count, under ``key`` (its generation's key when
    it was counted; by default the current one), and as its last exact count for
    ``API_COUNT_CACHE_SECONDS``, so that no estimate is older (every recount keeps it again)."""
    seconds = settings.API_COUNT_CACHE_SECONDS
    cache.set(key or current_key(alias, digest), count, visibility.cache_seconds(seconds))
    cache.set(last_key(alias, digest), count, seconds)


def mark_pending(queryset: QuerySet, digest: str) -> bool | None:
    """Keep the listing's query for its recount: False when one is already waiting, None when
    the query cannot be kept (a filter holding something that does not pickle)."""
    query = queryset.order_by().query
    try:
        return cache.add(pending_key(queryset.db, digest), query, PENDING_SECONDS)
    except (pickle.PicklingError, TypeError, AttributeError):
        logger.warning("A listing's query cannot be kept for the worker: counted by its reader")
        return None


def recount(alias: str, digest: str) -> int | None:
    """Count the waiting listing ``digest`` on database ``alias`` and keep the count; None
    when none waits (counted already, or waited too long)."""
    query: Query | None = cache.get(pending_key(alias, digest))
    if query is None:
        return None
    key = current_key(alias, digest)  # the generation before counting: never newer than the rows
    queryset = query.model._default_manager.db_manager(alias).all()
    queryset.query = query
    try:
        count = queryset.count()
        remember(alias, digest, count, key)
    finally:
        cache.delete(pending_key(alias, digest))
    return count
