"""The frontend's only door to the CMS: its HTTP API (``CMS_API_URL``).

``CMSClient`` owns the HTTP connection pool and the cache; a ``Fetch`` is one
page build's view of it. Every GET goes through the cache:

* a fresh answer (younger than the TTL, newer than a purge of the page being
  built) is used without asking the CMS;
* otherwise the CMS is asked; identical requests in flight are shared;
* when the CMS is unreachable or answers 5xx, a stale copy (up to
  ``stale_max_age``) is used and the build is marked stale; with no copy,
  ``CMSUnavailable`` is raised (the page becomes a 503, a box is left out).

A 404 from the CMS is an answer too (cached like any other), raised as
``CMSNotFound``; any other 4xx (400, 422, 413…) becomes ``CMSBadRequest`` with the CMS's
message: the reader's request was refused, the CMS is not down (a 4xx page, never a 503).
"""

import asyncio
import functools
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from frontend import request_id
from frontend.cache import Cache
from frontend.locales import DEFAULT_LOCALE
from frontend.metrics import CACHE
from frontend.settings import Settings

logger = logging.getLogger("frontend.api")

# Fields of an article listing: enough for a teaser, a feed item and a sitemap entry.
MAX_REDIRECTS = 3
TEASER_FIELDS = "deck,date,lead_image,section,dateline,source,bylines,tags,last_updated"

# A JSON object from the API (a page, a listing, a box's data), as the templates read it.
JSONObject = dict[str, Any]
# Query parameters of an API GET.
Params = Mapping[str, str | int]
# Page listings always name their locale (a listing without one mixes both editions);
# the furniture endpoints default to English, so only another edition's is asked for.
LISTINGS = frozenset({"v2/pages/"})
FURNITURE = frozenset({"v3/site/", "v3/markets/", "v3/most-viewed/", "v3/directory/links/"})
# Reads of one object whose labels are the edition's (an author's job title and bio).
EDITION_OBJECTS = ("v3/authors/",)


class CMSError(Exception):
    """The CMS answered in a way the page cannot be built from."""

    status = 502


class CMSUnavailable(CMSError):
    """Unreachable, timed out, or 5xx, and no usable cached copy."""

    status = 503


class CMSNotFound(CMSError):
    status = 404


class CMSBadRequest(CMSError):
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def error_message(data: object, default: str = "The request was not accepted.") -> str:
    """The human message of a CMS error body (DRF, ninja and Wagtail shapes)."""
    if isinstance(data, dict):
        for key in ("message", "detail", "error", "errors"):
            value = data.get(key)
            if isinstance(value, str) and value:
                return value
            if isinstance(value, list) and value:
                first = value[0]
                if isinstance(first, dict):
                    return str(first.get("msg") or first.get("message") or first)
                return str(first)
            if isinstance(value, dict) and value:
                return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(data, str) and data:
        return data
    return default


def cache_key(path: str, params: Params | None = None) -> str:
    query = urlencode(sorted((params or {}).items()), doseq=True)
    return "api:" + path + ("?" + query if query else "")


@dataclass
class PostResult:
    status: int
    data: Any
    retry_after: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class CMSClient:
    def __init__(
        self, settings: Settings, cache: Cache, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.http = httpx.AsyncClient(
            base_url=settings.cms_api_base,
            timeout=httpx.Timeout(settings.api_timeout, connect=settings.api_connect_timeout),
            follow_redirects=False,
            headers={"Accept": "application/json", "User-Agent": "herald-frontend"},
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
            transport=transport,
            event_hooks={"request": [request_id.forward]},
        )
        self._in_flight: dict[str, tuple[float, asyncio.Future[JSONObject]]] = {}
        self.requests_made = 0

    async def close(self) -> None:
        await self.http.aclose()

    def api_path(self, source: str) -> str:
        """A path relative to the API root from a CMS-given URL or path ('/api/v3/markets/')."""
        parts = urlsplit(source)
        path = parts.path
        root = urlsplit(self.settings.cms_api_base).path
        if path.startswith(root):
            path = path[len(root) :]
        elif path.startswith("/api/"):
            path = path[len("/api/") :]
        return path.lstrip("/") + ("?" + parts.query if parts.query else "")

    async def _request(self, path: str, params: Params | None) -> tuple[int, Any]:
        """One GET against the CMS: (status, json or None). Raises httpx errors.

        Redirects (stock Wagtail answers ``pages/find/`` with one to the page's detail
        URL; this CMS answers with the page itself) are followed by path only: the CMS
        builds them from its public base URL, which need not be the internal
        ``CMS_API_URL`` this process talks to.
        """
        self.requests_made += 1
        response = await self.http.get(path, params=params)
        for _ in range(MAX_REDIRECTS):
            if not response.is_redirect:
                break
            location = urlsplit(response.headers.get("location", ""))
            self.requests_made += 1
            response = await self.http.get(self.api_path(location.geturl()))
        data = None
        if response.content:
            try:
                data = response.json()
            except ValueError as e:
                if response.status_code < 500:
                    raise CMSError(f"the CMS answered {path} with something other than JSON") from e
        return response.status_code, data

    async def get_entry(
        self, path: str, params: Params | None = None, not_before: float = 0.0
    ) -> tuple[JSONObject, bool]:
        """(entry value, stale flag) for a GET, through the cache. See the module docstring."""
        key = cache_key(path, params)
        entry = await self.cache.get(key)
        if entry is not None and self.cache.is_fresh(entry, not_before):
            CACHE.labels("hit").inc()
            return entry.value, False
        CACHE.labels("miss").inc()
        flight = self._in_flight.get(key)
        if flight is None or flight[0] <= not_before:
            started = self.cache.clock()
            task = asyncio.ensure_future(self._fetch_and_store(key, path, params, started))
            flight = (started, task)
            self._in_flight[key] = flight
            task.add_done_callback(functools.partial(self._forget, key, flight))
        try:
            return await asyncio.shield(flight[1]), False
        except CMSUnavailable:
            if entry is not None and self.cache.is_usable_stale(entry):
                logger.warning(
                    "CMS unavailable for %s: serving a copy %ds old", key, self.cache.age(entry)
                )
                CACHE.labels("stale").inc()
                return entry.value, True
            raise

    def _forget(
        self,
        key: str,
        flight: tuple[float, asyncio.Future[JSONObject]],
        _done: asyncio.Future[JSONObject],
    ) -> None:
        if self._in_flight.get(key) is flight:
            del self._in_flight[key]

    async def _fetch_and_store(
        self, key: str, path: str, params: Params | None, started: float
    ) -> JSONObject:
        try:
            status, data = await self._request(path, params)
        except httpx.HTTPError as e:
            logger.warning("CMS request %s failed: %s", key, e)
            raise CMSUnavailable(f"the CMS did not answer: {e.__class__.__name__}") from e
        if status >= 500:
            logger.warning("CMS answered %s with %s", key, status)
            raise CMSUnavailable(f"the CMS answered {status}")
        if 400 <= status < 500 and status != 404:  # the request was refused, not the CMS down
            raise CMSBadRequest(error_message(data))
        if status == 404:
            value = {"status": 404}
        elif 200 <= status < 300:
            value = {"status": 200, "data": data}
        else:
            raise CMSError(f"the CMS answered {status} for {path}")
        await self.cache.set(key, value, stored_at=started)
        return value

    async def post(
        self, path: str, payload: JSONObject, headers: Mapping[str, str] | None = None
    ) -> PostResult:
        """A write (newsletter): never cached. Transport errors become a 503 result."""
        self.requests_made += 1
        try:
            response = await self.http.post(path, json=payload, headers=headers or {})
        except httpx.HTTPError as e:
            logger.warning("CMS POST %s failed: %s", path, e)
            return PostResult(503, None)
        try:
            data = response.json() if response.content else None
        except ValueError:
            data = None
        return PostResult(response.status_code, data, response.headers.get("retry-after", ""))


@dataclass
class Fetch:
    """One page build's access to the API: remembers whether anything came from a stale copy.

    ``locale`` is the edition being built: listings and furniture are asked for in it."""

    client: CMSClient
    not_before: float = 0.0
    locale: str = DEFAULT_LOCALE
    stale: bool = False
    missing: list[str] = field(default_factory=list)

    def localized(self, path: str, params: Params | None) -> Params | None:
        if params is not None and ("locale" in params or "translation_of" in params):
            return params  # a page's translations are in the other editions
        in_edition = path in FURNITURE or path.startswith(EDITION_OBJECTS)
        if path in LISTINGS or (in_edition and self.locale != DEFAULT_LOCALE):
            return {**(params or {}), "locale": self.locale}
        return params

    async def get(self, path: str, params: Params | None = None) -> Any:
        """JSON of a GET; raises CMSNotFound, CMSBadRequest or CMSUnavailable."""
        params = self.localized(path, params)
        value, stale = await self.client.get_entry(path, params, self.not_before)
        self.stale = self.stale or stale
        if value["status"] == 404:
            raise CMSNotFound(path)
        return value["data"]

    async def optional(self, path: str, params: Params | None = None) -> Any:
        """JSON of a GET for a box on the page, or None when it cannot be had (logged)."""
        try:
            return await self.get(path, params)
        except CMSNotFound:
            logger.warning("%s is not available (404): rendering without it", path)
        except CMSError as e:
            logger.warning("%s failed (%s): rendering without it", path, e)
        self.missing.append(path)
        return None

    async def with_translations(self, params: Params) -> JSONObject:
        """A page listing whose items name their translations (``meta.translations``, for
        sitemaps' alternates) when the CMS lists that field; without them when it refuses."""
        fields = str(params.get("fields") or "")
        try:
            listing: JSONObject = await self.get(
                "v2/pages/", {**params, "fields": ",".join(filter(None, (fields, "translations")))}
            )
        except CMSBadRequest:
            listing = await self.get("v2/pages/", params)
        return listing

    async def find_page(self, html_path: str) -> JSONObject:
        """The page at a site path, all fields (``pages/find/?html_path=``)."""
        page: JSONObject = await self.get("v2/pages/find/", {"html_path": html_path})
        return page

    async def articles(self, **params: str | int | None) -> JSONObject:
        query = {"type": "news.ArticlePage", "fields": TEASER_FIELDS, "order": "-date", **params}
        listing: JSONObject = await self.get(
            "v2/pages/", {k: v for k, v in query.items() if v is not None}
        )
        return listing

    async def pages(self, **params: str | int | None) -> JSONObject:
        listing: JSONObject = await self.get(
            "v2/pages/", {k: v for k, v in params.items() if v is not None}
        )
        return listing
