"""What to refresh when a page goes live, changes or disappears.

``invalidate_page(page)`` is the single entry point (contract for other apps):
it computes every frontend path that shows the page or a list containing it and
the API paths that serve it, and after the current transaction commits:

1. clears the CMS's own API response cache: keys built with ``api_cache_key()``
   (prefix ``settings.API_CACHE_PREFIX``) include a generation number that is
   bumped, so every cached page *and* listing is dropped at once;
2. purges the frontend cache through ``wagtail.contrib.frontend_cache``
   (``WAGTAILFRONTENDCACHE``; ``cms.delivery.frontend_cache`` POSTs to the frontend's ``/_purge``);
3. sends ``content_invalidated(paths=..., urls=..., api_paths=..., page_ids=...)``
   for anyone else who caches.

Dependent frontend paths: the page, its ancestors (sections, the home page),
each ancestor's ``feed.xml``, ``/feed.xml``, ``/sitemap.xml``, ``/news-sitemap.xml``,
live pages that link to it (Wagtail's reference index) and whatever the page
type adds through an optional ``get_frontend_cache_paths()`` method.

All invalidations in one transaction are merged and sent once, after the commit.
The transitions (publish, unpublish, expiry, move, delete, slug change) are wired
in ``cms/delivery/signals.py``.
"""

import logging
import os
import threading
import time

import redis
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.db import transaction
from django.dispatch import Signal
from django_redis import get_redis_connection
from django_redis.cache import RedisCache
from redis.backoff import NoBackoff
from redis.retry import Retry
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, ReferenceIndex, Site

from cms.delivery import documents
from cms.delivery.batch import current_batch
from cms.delivery.conf import settings
from cms.delivery.paths import page_path
from cms.delivery.replica import record_primary_lsn

logger = logging.getLogger("herald.invalidation")

#: Sent after commit with ``paths``, ``urls``, ``api_paths`` and ``page_ids``.
content_invalidated = Signal()

SITEWIDE_PATHS = ("/", "/feed.xml", "/sitemap.xml", "/news-sitemap.xml")
#: Above this many moved or deleted descendants, purge everything ("/*").
MAX_DESCENDANT_PATHS = 500
MAX_REFERENCING_PAGES = 100

_state = threading.local()


# --- API response cache -----------------------------------------------------------


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
        GenerationListener.publish(generation)


# --- Dependent paths ------------------------------------------------------------------


def path_for_url_path(url_path):
    """Frontend path of a Wagtail ``url_path`` (``/home-page/world/x/`` → ``/world/x/``)."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return None


def ancestor_paths(page):
    """Paths of the page's ancestors (sections and home) with their feeds."""
    paths = set()
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        path = page_path(ancestor)
        if path is None:
            continue
        paths.add(path)
        paths.add(path + "feed.xml")
    return paths


def referencing_paths(page):
    """Paths of live pages that link to ``page`` (related stories, page blocks)."""
    page_ids = (
        ReferenceIndex.get_references_to(page)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
        .distinct()[:MAX_REFERENCING_PAGES]
    )
    ids = [int(pk) for pk in page_ids if str(pk).isdigit() and int(pk) != page.pk]
    if not ids:
        return set()
    return {path for p in Page.objects.live().filter(pk__in=ids) if (path := page_path(p))}


def frontend_paths(page):
    """Every frontend path that shows ``page`` or a list containing it."""
    paths = set(SITEWIDE_PATHS)
    own = page_path(page)
    if own:
        paths.add(own)
        if page.depth > 2 and not page.is_leaf():
            paths.add(own + "feed.xml")
    paths |= ancestor_paths(page)
    paths |= referencing_paths(page)
    specific = page.specific_deferred
    if hasattr(specific, "get_frontend_cache_paths"):
        paths |= set(specific.get_frontend_cache_paths())
    return paths


def api_paths(page):
    return {
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/",
        f"/api/v3/pages/{page.pk}/",
        "/api/v3/pages/",
    }


def descendant_paths(page, old_url_path=None):
    """Paths of the page's live descendants; with ``old_url_path``, where they used to be.

    Returns ``{"/*"}`` (purge everything) when there are too many to list.
    """
    descendants = list(
        Page.objects.descendant_of(page)
        .live()
        .values_list("url_path", flat=True)[: MAX_DESCENDANT_PATHS + 1]
    )
    if len(descendants) > MAX_DESCENDANT_PATHS:
        return {"/*"}
    paths = set()
    for url_path in descendants:
        if old_url_path:
            url_path = old_url_path + url_path[len(page.url_path) :]
        path = path_for_url_path(url_path)
        if path:
            paths.add(path)
    return paths


# --- Queue and flush after commit ------------------------------------------------------------


def invalidate_page(page, *, extra_paths=(), subtree=False):
    """Refresh everything that shows ``page``, once the current transaction commits.

    Its API documents and those showing it (``cms.delivery.documents``) are dropped at once too;
    with ``subtree`` (a move, a slug change, a privacy change) also those of every page
    below it and those showing any of them.
    """
    paths = frontend_paths(page) | set(extra_paths)
    targets = documents.Targets(pages={page.pk}, subtrees={page.path} if subtree else set())
    queue(paths=paths, api=api_paths(page), page_ids={page.pk}, targets=targets)


def invalidate_object(instance):
    """Refresh what shows a non-page object (an image, an author, a country…) after commit:
    the API documents showing it (dropped at once too), the API response cache, and the
    frontend pages of the live pages showing it (everything when there are many)."""
    model = documents.base_model(type(instance))
    targets = documents.Targets(objects={(documents.content_type_id(model), instance.pk)})
    page_ids = documents.dependent_page_ids(targets, limit=MAX_REFERENCING_PAGES + 1)
    if len(page_ids) > MAX_REFERENCING_PAGES:
        paths = {"/*"}
    else:
        pages = Page.objects.live().filter(pk__in=page_ids)
        paths = {path for page in pages if (path := page_path(page))}
    queue(paths=paths, api={"/api/v2/pages/"}, page_ids=set(page_ids), targets=targets)


def invalidate_all_documents():
    """Every API document and cached API answer (a site or locale changed, a release)."""
    queue(paths=set(), api={"/api/v2/pages/"}, targets=documents.Targets(everything=True))


def invalidate_paths(paths, *, api=(), page_ids=()):
    """Refresh arbitrary frontend paths (e.g. a site-wide change), after commit."""
    queue(paths=set(paths), api=set(api), page_ids=set(page_ids))


def queue(*, paths, api=(), page_ids=(), targets=None):
    pending = _pending()
    connection = transaction.get_connection()
    if not any(entry[1] is flush for entry in connection.run_on_commit):
        # No flush is waiting: what is pending belongs to a rolled-back transaction.
        for value in pending.values():
            value.clear()
    pending["paths"].update(paths)
    pending["api"].update(api)
    pending["page_ids"].update(page_ids)
    if targets:
        # Dropped now, inside the transaction that changes the content (it reads its own
        # writes), and again after the commit (cms.delivery.documents explains why).
        documents.drop(targets)
        pending["documents"].update(targets)
    # Runs at once outside a transaction. Inside one, every call registers a
    # callback (a rolled-back savepoint only drops its own): the first after the
    # commit sends everything, the others find nothing left.
    transaction.on_commit(flush)


def _pending():
    pending = getattr(_state, "pending", None)
    if pending is None:
        pending = _state.pending = {
            "paths": set(),
            "api": set(),
            "page_ids": set(),
            "documents": documents.Targets(),
        }
    return pending


def flush():
    pending = _pending()
    if not pending["paths"] and not pending["api"] and not pending["documents"]:
        return
    paths = sorted(pending["paths"])
    api = sorted(pending["api"])
    page_ids = sorted(pending["page_ids"])
    targets = documents.Targets()
    targets.update(pending["documents"])
    for value in pending.values():
        value.clear()
    urls = [settings.FRONTEND_URL + path for path in paths]
    logger.info("Invalidating %d frontend paths for pages %s", len(paths), page_ids)
    # Documents first: an answer rendered under the new API cache generation reads them.
    try:
        documents.drop_after_commit(targets)
    except Exception:
        logger.exception("Dropping API documents failed for pages %s", page_ids)
    invalidate_api_cache()
    try:
        purge_urls_from_cache(urls)
    except Exception:
        logger.exception("Frontend purge failed for pages %s", page_ids)
    content_invalidated.send(sender=Page, paths=paths, urls=urls, api_paths=api, page_ids=page_ids)
