"""The cache in front of every reader-facing GET.

A fresh rendered copy is served as is (``ETag``, 304 on ``If-None-Match``);
otherwise the page is rebuilt from the API (cached answers, concurrent calls).
When the CMS is down or slower than ``FRONTEND_STALE_BUDGET``, the last rendered copy
(up to ``FRONTEND_STALE_MAX_AGE``) is served; a page never seen before gets a 503 page
once ``FRONTEND_PAGE_BUDGET`` has passed.
"""

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from frontend.api_client import CMSError, CMSUnavailable, Fetch, JSONObject
from frontend.cache import Cache
from frontend.locales import locale_of_path, unprefixed
from frontend.page_types import Context
from frontend.renderer import Rendered, Renderer
from frontend.settings import Settings

logger = logging.getLogger("frontend")

# Pages whose content depends on every story: any purge refreshes them.
LISTINGS_MARK = "group:listings"

Build = Callable[[Fetch], Awaitable[Rendered]]


class PageUnavailable(Exception):
    """The CMS could not be reached for a page we have no copy of."""

    def __init__(self, chrome: Context | None = None) -> None:
        super().__init__("CMS unavailable")
        self.chrome = chrome


def is_listing(path: str) -> bool:
    path = unprefixed(path)  # each edition's listings are listings too
    return (
        path.endswith("feed.xml")
        or path.startswith("/sitemap")
        or path == "/news-sitemap.xml"
        or path.startswith("/tags/")
        or path == "/search/"
    )


async def serve_cached(request: Request, build: Build) -> Response:
    """The page at this URL from the cache, or from ``build`` (stored when it may be)."""
    cache: Cache = request.state.cache
    renderer: Renderer = request.state.renderer
    settings: Settings = request.state.settings
    path = request.url.path
    key = "page:" + path + ("?" + request.url.query if request.url.query else "")
    marks = [path] + ([LISTINGS_MARK] if is_listing(path) else [])
    entry, purged_at = await cache.get_with_purge_time(key, marks)
    if entry is not None and cache.is_fresh(entry, purged_at):
        return respond(request, settings, entry.value, "HIT", cache.age(entry))
    started = cache.clock()
    fetch = Fetch(request.state.client, not_before=purged_at, locale=locale_of_path(path))
    has_copy = entry is not None and cache.is_usable_stale(entry)
    try:
        # A slow CMS costs a reader at most the budget: API requests still under way go on
        # (they are shared and shielded) and refresh the cache for the next reader.
        async with asyncio.timeout(settings.stale_budget if has_copy else settings.page_budget):
            rendered = await build(fetch)
    except (PageUnavailable, CMSUnavailable, TimeoutError) as e:  # a page without chrome too
        if entry is not None and has_copy:
            age = cache.age(entry)
            logger.warning("CMS unavailable: serving %s from a copy %ds old", key, age)
            return respond(request, settings, entry.value, "STALE", age)
        chrome = e.chrome if isinstance(e, PageUnavailable) else None
        rendered = renderer.error_page(request, 503, chrome)
        rendered.headers["Retry-After"] = "30"
    except CMSError as e:  # an answer the page cannot be built from: not a 404
        logger.error("CMS error building %s: %s", key, e)
        if entry is not None and cache.is_usable_stale(entry):
            return respond(request, settings, entry.value, "STALE", cache.age(entry))
        rendered = renderer.error_page(request, 502)
    value = to_value(rendered)
    if rendered.cacheable and not fetch.stale and rendered.status in (200, 301, 404):
        await cache.set(key, value, stored_at=started)
        return respond(request, settings, value, "MISS", 0)
    state = "STALE" if fetch.stale else "MISS"
    return respond(request, settings, value, state, 0, shared=False)


def to_value(rendered: Rendered) -> JSONObject:
    """A rendered page as a cache entry (JSON-able, with its ETag)."""
    value: JSONObject = {
        "status": rendered.status,
        "body": rendered.body,
        "content_type": rendered.content_type,
        "headers": rendered.headers,
    }
    if rendered.location:
        value["location"] = rendered.location
    if rendered.status == 200:
        value["etag"] = '"' + hashlib.sha256(rendered.body.encode()).hexdigest()[:32] + '"'
    return value


def cache_control(settings: Settings, value: JSONObject, age: float, shared: bool = True) -> str:
    status = value["status"]
    if status in (200, 301, 404) and shared:
        remaining = max(0, int(settings.cache_ttl - age))
        return (
            f"public, max-age={remaining}, stale-while-revalidate={settings.cache_ttl}, "
            f"stale-if-error={settings.stale_max_age}"
        )
    if status in (200, 404):
        return "public, max-age=5"
    return "no-store"


def respond(
    request: Request,
    settings: Settings,
    value: JSONObject,
    state: str,
    age: float,
    shared: bool = True,
) -> Response:
    """The HTTP response for a cache entry: 301, 304 on a matching ETag, else the body."""
    headers: dict[str, Any] = {
        "Cache-Control": cache_control(settings, value, age, shared),
        "X-Cache": state,
        **value.get("headers", {}),
    }
    if value["status"] == 301:
        headers["Location"] = value["location"]
        return Response(status_code=301, headers=headers)
    etag = value.get("etag")
    if etag:
        headers["ETag"] = etag
        if etag_matches(request.headers.get("if-none-match", ""), etag):
            return Response(status_code=304, headers=headers)
    return Response(
        value["body"],
        status_code=value["status"],
        media_type=value["content_type"],
        headers=headers,
    )


def etag_matches(header: str, etag: str) -> bool:
    if not header:
        return False
    if header.strip() == "*":
        return True
    candidates = [item.strip() for item in header.split(",")]
    return etag in candidates or ("W/" + etag) in candidates
