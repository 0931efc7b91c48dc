"""The API cache generation: one counter shared by every process; changing it drops every cached
API answer at once, and each process learns it from a Redis subscription."""

import logging
import os
import threading
import time

import redis
from django.core.cache import cache, caches
from django.db import DatabaseError, transaction
from django.db.models import Min
from django.utils import timezone
from django_redis import get_redis_connection
from django_redis.cache import RedisCache
from redis.backoff import NoBackoff
from redis.retry import Retry
from wagtail.models import Page

from cms.delivery.batch import current_batch
from cms.delivery.conf import settings
from cms.delivery.replica.positions import record_primary_lsn

logger = logging.getLogger("herald.invalidation")


def _generation_key():
    return f"{settings.API_CACHE_PREFIX}:generation"


def _first_generation():
    """Where a generation counter starts: the time in milliseconds, so a counter lost with
    the cache (flushed, evicted, Redis restarted) never restarts at a number already used
    (processes keep recent entries in memory by key, cms.delivery.response_cache.LocalEntries)."""
    return int(time.time() * 1000)


def api_cache_generation():
    """The current generation of the API response cache (shared through the cache backend).

    Read once per API request (kept in its ``cms.delivery.batch.api_batch``): one answer is
    built under one generation. With Redis, a process learns new generations from
    ``GenerationListener`` instead of asking Redis on every request.
    """
    batch = current_batch()
    if batch is not None and "generation" in batch:
        return batch["generation"]
    listener = GenerationListener.for_this_process()
    generation = listener.current() if listener is not None else None
    if generation is None:
        generation = _read_generation()
    if batch is not None:
        batch["generation"] = generation
    return generation


def _read_generation():
    generation = cache.get(_generation_key())
    if generation is None:
        cache.add(_generation_key(), _first_generation(), timeout=None)
        generation = cache.get(_generation_key(), _first_generation())
    return generation


class GenerationListener:
    """This process's copy of the generation, kept current by Redis pub/sub.

    Reading the generation from Redis costs a network round trip on every API request,
    most of what a response cache hit costs beyond serving a static file.
    ``invalidate_api_cache()`` publishes every new generation on a channel; each process
    subscribes once (before reading the counter, so nothing published after that read is
    missed) and, on every request, takes whatever has arrived on its socket without
    waiting (a non-blocking poll, no round trip). A publication is therefore seen by the
    next request in every process: its message is on each subscriber's socket before the
    publisher's ``PUBLISH`` returns, so before any purge or reader the publisher triggers.

    Any error on the subscription (Redis restarted, connection killed) drops the listener:
    the request reads the counter itself and the next one subscribes again (at most once
    a second while Redis is unreachable). The counter is also read again every
    ``RESYNC_SECONDS``, bounding what a publication lost in some other way could cost.
    Only with django-redis as the default cache; other caches are read on every request.
    """

    RESYNC_SECONDS = 5.0
    RETRY_SECONDS = 1.0

    _instance = None
    _retry_after = 0.0
    _creating = threading.Lock()

    @staticmethod
    def channel():
        """The channel of the default cache, or None when it is not django-redis."""
        backend = caches["default"]
        if not isinstance(backend, RedisCache):
            return None
        return backend.make_key(_generation_key() + ":published")

    @classmethod
    def for_this_process(cls):
        channel = cls.channel()
        if channel is None:
            return None
        location = settings.CACHES["default"]["LOCATION"]
        instance = cls._instance
        if instance is not None and instance.matches(location, channel):
            return instance
        if time.monotonic() < cls._retry_after:
            return None
        with cls._creating:
            instance = cls._instance
            if instance is not None and instance.matches(location, channel):
                return instance
            if instance is not None and instance.pid == os.getpid():
                instance.close()  # (a forked child leaves its parent's connection alone)
            cls._instance = None
            try:
                cls._instance = cls(location, channel)
            except Exception:  # noqa: BLE001 (any failure: read the counter instead)
                logger.warning("Could not subscribe to %s; reading it per request", channel)
                cls._retry_after = time.monotonic() + cls.RETRY_SECONDS
            return cls._instance

    def __init__(self, location, channel):
        self.location, self.channel, self.pid = location, channel, os.getpid()
        self.lock = threading.Lock()
        self.closed = False
        # No silent reconnection: a lost subscription must show, or its messages would
        # be missed without anyone knowing.
        self.client = redis.Redis.from_url(
            location, retry=Retry(NoBackoff(), 0), socket_connect_timeout=1, socket_timeout=1
        )
        self.pubsub = self.client.pubsub()
        try:
            self.pubsub.subscribe(channel)
            confirmation = self.pubsub.get_message(timeout=1.0)
            if not confirmation or confirmation["type"] != "subscribe":
                raise ConnectionError(f"no confirmation of the subscription to {channel}")
            self.generation = _read_generation()
        except BaseException:
            self.close()
            raise
        self.read_at = time.monotonic()

    def matches(self, location, channel):
        return (self.location, self.channel, self.pid) == (location, channel, os.getpid())

    def current(self):
        """The newest generation this process knows of, or None if the listener failed."""
        with self.lock:
            if self.closed:  # another thread found it broken while this one waited
                return None
            try:
                while True:
                    message = self.pubsub.get_message(timeout=0)
                    if message is None:
                        break
                    if message["type"] == "message":
                        self.learn(int(message["data"]))
            except (redis.RedisError, OSError, ValueError):
                logger.warning("Lost the subscription to %s; subscribing again", self.channel)
                self.close()
                if GenerationListener._instance is self:
                    GenerationListener._instance = None
                return None
            if time.monotonic() - self.read_at > self.RESYNC_SECONDS:
                self.learn(_read_generation())
                self.read_at = time.monotonic()
            return self.generation

    def learn(self, generation):
        # Messages of two publishers can arrive in either order; generations only grow
        # (a counter recreated after a loss starts at the time in milliseconds).
        if generation > self.generation:
            self.generation = generation

    def close(self):
        self.closed = True
        try:
            self.pubsub.close()
            self.client.close()
        except Exception:  # noqa: BLE001, S110 (closing a broken connection)
            pass

    @classmethod
    def publish(cls, generation):
        """Tell every process (this one at once) about ``generation``."""
        channel = cls.channel()
        if channel is None:
            return
        # A process that only publishes (a management command, say) does not subscribe:
        # it would never read what piled up on its subscription.
        listener = cls._instance
        if listener is not None and listener.matches(
            settings.CACHES["default"]["LOCATION"], channel
        ):
            with listener.lock:
                listener.learn(generation)
            client = listener.client
        else:
            client = get_redis_connection("default")
        try:
            client.publish(channel, generation)
        except Exception:  # noqa: BLE001 (Redis down: listeners resubscribe and read it)
            logger.warning("Could not publish API cache generation %s", generation)


def api_cache_key(path):
    """Cache key for an API response, e.g. ``api_cache_key(request.get_full_path())``.

    Store cached API responses under these keys: every invalidation changes the
    generation, so all of them (pages and listings) are dropped together. With
    several processes (the scheduler is one) the cache must be shared (REDIS_URL).
    """
    return f"{settings.API_CACHE_PREFIX}:{api_cache_generation()}:{path}"


def _generation_time_key():
    return f"{settings.API_CACHE_PREFIX}:generation-time"


def api_cache_generation_time():
    """Unix time at or after the last change any cached API response may show.

    ``invalidate_api_cache()`` stores it *before* bumping the generation, so a
    response stored under the new generation never reads an older time. When the
    cache has lost it (flushed, evicted), the first reader records "now", which is
    no earlier than any change before it. Basis of ``Last-Modified`` on cached reads.
    """
    key = _generation_time_key()
    generation_time = cache.get(key)
    if generation_time is None:
        cache.add(key, time.time(), timeout=None)
        generation_time = cache.get(key, time.time())
    return generation_time


def _next_expiry_key(generation):
    return f"{settings.API_CACHE_PREFIX}:{generation}:next-expiry"


def _earliest_expiry():
    """Unix time of the next expiry of a live page, or 0 when none is scheduled."""
    earliest = (
        Page.objects.filter(live=True, expire_at__gt=timezone.now())
        .aggregate(earliest=Min("expire_at"))
        .get("earliest")
    )
    return earliest.timestamp() if earliest is not None else 0


def next_expiry():
    """Unix time of the next expiry of a live page, or None: when an answer cached now may
    start showing a page that is no longer public (``cms.delivery.visibility.cache_seconds``).

    Stored with each new generation by ``invalidate_api_cache()`` (every publication
    and expiry bumps it), so readers do not query it; read again once that time passes.
    """
    key = _next_expiry_key(api_cache_generation())
    now = time.time()
    known = cache.get(key)
    if known is not None and (known == 0 or known > now):
        return known or None
    value = _earliest_expiry()
    cache.set(key, value, None)
    return value or None


def _store_next_expiry(generation):
    """Paid once per change by the process that made it, rather than by the first reader of
    the new generation; a process without the database leaves it to that reader."""
    try:
        with transaction.atomic():
            value = _earliest_expiry()
    except DatabaseError:
        logger.warning("Could not read the next expiry for generation %s", generation)
        return
    cache.set(_next_expiry_key(generation), value, None)


def invalidate_api_cache():
    cache.set(_generation_time_key(), time.time(), timeout=None)
    # With a PostgreSQL read replica: refills under the new generation wait for it to replay this.
    record_primary_lsn()
    key = _generation_key()
    try:
        generation = cache.incr(key)
    except ValueError:
        cache.add(key, _first_generation(), timeout=None)
        generation = cache.get(key)
    if generation is not None:
        _store_next_expiry(generation)
        GenerationListener.publish(generation)
