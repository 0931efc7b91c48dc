"""The CMS's own response cache for anonymous public API reads (``/api/v2/``, ``/api/v3/site/``).

A public read is rendered once and then served from the shared cache (Redis when
``REDIS_URL`` is set) until content changes: responses are stored under
``cms.delivery.generation.api_cache_key(path)``, whose generation is bumped after every
publish, unpublish, expiry, move, delete, privacy change or site furniture edit
commits, so every cached page and listing is dropped at once (no stale listing can
survive a publication). Other v3 reads change without a publication (market quotes,
view counts, link health) and keep their own short caches.

Only what anyone may read is cached: GET/HEAD without credentials (no
``Authorization`` header, no session cookie), answered 200 with ``Cache-Control:
public`` (not ``max-age=0``) and no cookie. Previews answer ``no-store, private`` and are
never stored.
Every cached answer carries a strong ``ETag``; a client that sends it back in
``If-None-Match`` gets a 304 without a body. ``GZipMiddleware`` (outside this one)
weakens the tag of a compressed answer to ``W/"..."``; If-None-Match compares weakly,
so the weak tag revalidates too.

Cached answers also carry ``Last-Modified``: not the page's ``last_published_at``
(a detail or listing also shows its section, images, authors and URLs, which change
without it, and a listing cannot date a deletion) but the time of the last cache
invalidation (``api_cache_generation_time()``), which is no earlier than any change
the cached answer can be missing. It is sent rounded up to the next whole second and
only once that second has passed, so a change in the same second as the client's copy
can never answer ``If-Modified-Since`` with a 304. When both validators are sent,
``If-None-Match`` decides (RFC 9110 13.2.2).

No cached answer outlives the next expiry of a page (``expire_at``): the scheduler's
unpublication bumps the generation, but it may run seconds later. Each entry carries
``valid_until``, the next expiry when it was stored (``cms.delivery.visibility.
next_expiry``, read once per generation), and is a miss from then on.
"""

import hashlib
import math
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, get_max_age, patch_cache_control
from django.utils.http import http_date

from cms.delivery.conf import settings
from cms.delivery.generation import api_cache_generation_time, api_cache_key, next_expiry
from cms.operations.metrics import API_RESPONSE_CACHE

CACHED_PREFIXES = ("/api/v2/", "/api/v3/site/")
NEVER_CACHED_PREFIXES = ("/api/v2/preview/",)
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Content-Language", "Vary")


class LocalEntries:
    """The process's most recently used cache entries, in front of the shared cache.

    Keys include the cache generation, so an entry never changes and never needs
    invalidating here: a publication moves readers to new keys and the old entries
    age out. Saves a hit the transfer and unpickling of the answer from Redis
    (~150 KB for a listing of 20 full stories); with Redis, the generation itself is
    known in process too (``cms.delivery.generation.GenerationListener``), so a hit of a
    recent answer makes no network call at all.
    """

    def __init__(self, max_entries=256, max_bytes=64 * 1024 * 1024):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.entries = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def discard(self, key):
        with self.lock:
            entry = self.entries.pop(key, None)
            if entry is not None:
                self.size -= len(entry["content"])

    def set(self, key, entry):
        size = len(entry["content"])
        if size > self.max_bytes // 8:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = entry
            self.size += size
            while len(self.entries) > self.max_entries or self.size > self.max_bytes:
                _, old = self.entries.popitem(last=False)
                self.size -= len(old["content"])


class APIResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.local = LocalEntries()

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        key = api_cache_key(request.get_full_path())
        entry = self.local.get(key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                self.local.set(key, entry)
        if entry is not None and entry.get("valid_until") and entry["valid_until"] <= time.time():
            self.local.discard(key)  # a page it may show has expired since: render it again
            entry = None
        if entry is not None:
            response = HttpResponse(entry["content"])
            for header, value in entry["headers"]:
                response[header] = value
            response["ETag"] = entry["etag"]
            response["X-Cache"] = "hit"
            API_RESPONSE_CACHE.labels("hit").inc()
            return self.conditional(request, response, entry)

        response = self.get_response(request)
        API_RESPONSE_CACHE.labels("miss").inc()
        if not self.cacheable_response(response):
            return response
        patch_cache_control(
            response,
            s_maxage=settings.API_CACHE_SECONDS,
            stale_while_revalidate=settings.API_CACHE_SECONDS,
        )
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
        valid_until = next_expiry()
        entry = {
            "content": response.content,
            "headers": headers,
            "etag": etag,
            # Read after rendering: never older than what the content shows.
            "generation_time": api_cache_generation_time(),
            "valid_until": valid_until,
        }
        seconds = settings.API_RESPONSE_CACHE_SECONDS
        if valid_until is not None:
            seconds = max(1, min(seconds, math.ceil(valid_until - time.time())))
        cache.set(key, entry, seconds)
        self.local.set(key, entry)
        response["X-Cache"] = "miss"
        return self.conditional(request, response, entry)

    @staticmethod
    def conditional(request, response, entry):
        """Add Last-Modified when it is already in the past; 304 if the client is current."""
        last_modified = None
        if entry.get("generation_time") is not None:
            last_modified = math.floor(entry["generation_time"]) + 1
            if last_modified > time.time():
                last_modified = None
            else:
                response["Last-Modified"] = http_date(last_modified)
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=last_modified, response=response
        )

    @staticmethod
    def cacheable_request(request):
        return (
            settings.API_RESPONSE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and request.path.startswith(CACHED_PREFIXES)
            and not request.path.startswith(NEVER_CACHED_PREFIXES)
            and "HTTP_AUTHORIZATION" not in request.META
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def cacheable_response(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "public" in cache_control
            and "private" not in cache_control
            and "no-store" not in cache_control
            and get_max_age(response) != 0  # e.g. a listing's estimated count (counts.py)
        )
