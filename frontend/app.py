"""The public site: ``uvicorn --factory frontend.app:create_app``.

Every reader-facing GET goes through ``Frontend.serve_cached``: a fresh
rendered copy is served as is (``ETag``, 304 on ``If-None-Match``); otherwise
the page is rebuilt from the API (cached answers, concurrent calls). When the
CMS is down, the last rendered copy (up to ``FRONTEND_STALE_MAX_AGE``) is
served; a page never seen before gets a 503 page.
"""

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from frontend import newsletter, pages, preview, seo
from frontend.api_client import (
    CMSBadRequest,
    CMSClient,
    CMSError,
    CMSNotFound,
    CMSUnavailable,
    Fetch,
    error_message,
)
from frontend.cache import PURGE_ALL, Cache
from frontend.rendering import make_environment, page_path, rendition
from frontend.settings import Settings

logger = logging.getLogger("frontend")

STATIC_DIR = Path(__file__).parent / "static"
HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
# Pages whose content depends on every story: any purge refreshes them.
LISTINGS_MARK = "group:listings"
MAX_PURGE_URLS = 2000
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@dataclass
class Rendered:
    status: int
    body: str = ""
    content_type: str = HTML
    location: str = ""
    cacheable: bool = True
    headers: dict = field(default_factory=dict)


class PageUnavailable(Exception):
    """The CMS could not be reached for a page we have no copy of."""

    def __init__(self, chrome=None):
        super().__init__("CMS unavailable")
        self.chrome = chrome


def is_listing(path):
    return (
        path.endswith("feed.xml")
        or path.startswith("/sitemap")
        or path == "/news-sitemap.xml"
        or path.startswith("/tags/")
        or path == "/search/"
    )


class Frontend:
    def __init__(self, settings, cache, client, env):
        self.settings = settings
        self.cache = cache
        self.client = client
        self.env = env
        self._background = set()
        self._static_versions = {}
        env.globals["static"] = self.static_url

    # --- Assets ---------------------------------------------------------------

    def static_url(self, name):
        version = self._static_versions.get(name)
        if version is None:
            try:
                version = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]
            except OSError:
                version = "0"
            self._static_versions[name] = version
        return f"/static/{name}?v={version}"

    # --- Rendering ------------------------------------------------------------

    def render(self, template, http_status=200, /, **context):
        body = self.env.get_template(template).render(**context)
        return Rendered(http_status, body)

    def base_context(self, request, chrome, **extra):
        chrome = chrome or {"site": pages.normalize_site(None, self.settings)}
        path = request.url.path
        return {
            "request_path": path,
            "canonical": self.settings.site_url + path,
            "chrome": chrome,
            "site": chrome["site"],
            "is_home": False,
            "now_date": self.env.filters["date_long"](datetime.now(UTC)),
            **extra,
        }

    def error_page(self, request, status, chrome=None, message=""):
        templates = {404: "404.html", 503: "503.html"}
        titles = {
            400: "That request could not be understood",
            404: "Page not found",
            429: "Too many requests",
            502: "Something went wrong",
            503: "The newsroom is briefly unavailable",
        }
        rendered = self.render(
            templates.get(status, "error.html"),
            status,
            **self.base_context(
                request,
                chrome,
                status=status,
                title=titles.get(status, "Something went wrong"),
                message=message,
                noindex=True,
            ),
        )
        rendered.cacheable = status == 404
        return rendered

    # --- The cache in front of every reader-facing GET -------------------------

    async def serve_cached(self, request, build):
        path = request.url.path
        key = "page:" + path + ("?" + request.url.query if request.url.query else "")
        marks = [path] + ([LISTINGS_MARK] if is_listing(path) else [])
        entry, purged_at = await self.cache.get_with_purge_time(key, marks)
        if self.cache.is_fresh(entry, purged_at):
            return self.respond(request, entry.value, "HIT", self.cache.age(entry))
        started = self.cache.clock()
        fetch = Fetch(self.client, not_before=purged_at)
        try:
            rendered = await build(fetch)
        except (PageUnavailable, CMSUnavailable) as e:  # the latter: a page without chrome
            if self.cache.is_usable_stale(entry):
                age = self.cache.age(entry)
                logger.warning("CMS unavailable: serving %s from a copy %ds old", key, age)
                return self.respond(request, entry.value, "STALE", age)
            rendered = self.error_page(request, 503, getattr(e, "chrome", None))
            rendered.headers["Retry-After"] = "30"
        except CMSError as e:  # an answer the page cannot be built from: not a 404
            logger.error("CMS error building %s: %s", key, e)
            if self.cache.is_usable_stale(entry):
                return self.respond(request, entry.value, "STALE", self.cache.age(entry))
            rendered = self.error_page(request, 502)
        value = self.to_value(rendered)
        if rendered.cacheable and not fetch.stale and rendered.status in (200, 301, 404):
            await self.cache.set(key, value, stored_at=started)
            return self.respond(request, value, "MISS", 0)
        return self.respond(request, value, "STALE" if fetch.stale else "MISS", 0, shared=False)

    def to_value(self, rendered):
        value = {
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

    def cache_control(self, value, age, shared=True):
        status = value["status"]
        if status in (200, 301, 404) and shared:
            remaining = max(0, int(self.settings.cache_ttl - age))
            return (
                f"public, max-age={remaining}, stale-while-revalidate={self.settings.cache_ttl}, "
                f"stale-if-error={self.settings.stale_max_age}"
            )
        if status in (200, 404):
            return "public, max-age=5"
        return "no-store"

    def respond(self, request, value, state, age, shared=True):
        headers = {
            "Cache-Control": self.cache_control(value, age, shared),
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

    # --- CMS pages ----------------------------------------------------------

    async def cms_page(self, request):
        path = request.url.path
        if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
            query = ("?" + request.url.query) if request.url.query else ""
            return RedirectResponse(path + "/" + query, status_code=301)
        if path.endswith("/feed.xml"):
            return await self.serve_cached(request, lambda fetch: self.build_feed(request, fetch))
        return await self.serve_cached(request, lambda fetch: self.build_page(request, fetch))

    async def page_and_chrome(self, fetch, path):
        """The page at ``path`` and the site chrome, concurrently. Page errors are returned."""
        page, chrome = await asyncio.gather(
            fetch.find_page(path),
            pages.load_chrome(fetch, self.settings),
            return_exceptions=True,
        )
        if isinstance(chrome, BaseException):
            raise chrome
        return page, chrome

    async def build_page(self, request, fetch):
        path = request.url.path
        page, chrome = await self.page_and_chrome(fetch, path)
        if isinstance(page, CMSNotFound):
            return self.error_page(request, 404, chrome)
        if isinstance(page, CMSUnavailable):
            raise PageUnavailable(chrome)
        if isinstance(page, BaseException):
            raise page
        canonical_path = page_path(page) or path
        if canonical_path != path:
            query = ("?" + request.url.query) if request.url.query else ""
            return Rendered(301, location=canonical_path + query)
        kind = pages.page_type_for(page)
        query = dict(request.query_params)
        try:
            extra = await kind.load(fetch, self.client, page, query, self.settings)
        except CMSNotFound:
            return self.error_page(request, 404, chrome)
        except pages.BadPageRequest as e:
            return self.error_page(request, 400, chrome, str(e))
        except CMSUnavailable as e:
            raise PageUnavailable(chrome) from e
        context = self.base_context(
            request, chrome, page=page, og_type=kind.og_type, **extra, **self.page_meta(page)
        )
        context["is_home"] = page["meta"]["type"] == "home.HomePage"
        if kind.og_type == "article":
            context["json_ld"] = seo.article_json_ld(
                page, self.settings, chrome["site"]["name"], context["canonical"]
            )
        return self.render(kind.template, **context)

    def page_meta(self, page):
        meta = page.get("meta") or {}
        description = (
            meta.get("search_description")
            or page.get("deck")
            or _strip_tags(page.get("intro_html") or page.get("intro") or "")
        )
        image = rendition(page.get("lead_image"), "large")
        return {
            "title": meta.get("seo_title") or page.get("title", ""),
            "description": description[:300],
            "og_image": image,
        }

    async def build_feed(self, request, fetch):
        section_path = request.url.path[: -len("feed.xml")]
        section, chrome = None, None
        if section_path != "/":
            try:
                section = await fetch.find_page(section_path)
            except CMSNotFound:
                return self.error_page(request, 404)
            if section["meta"]["type"] != "news.SectionPage":
                return self.error_page(request, 404)
        try:
            items = await seo.feed_items(fetch, section)
        except CMSUnavailable as e:
            raise PageUnavailable(chrome) from e
        title = self.settings.site_name + (f": {section['title']}" if section else "")
        rendered = self.render(
            "feeds/rss.xml",
            title=title,
            link=self.settings.site_url + section_path,
            self_url=self.settings.site_url + request.url.path,
            description=(section or {}).get("meta", {}).get("search_description")
            or f"Latest news from the {title}",
            items=items,
        )
        rendered.content_type = RSS
        return rendered

    # --- Pages that are not CMS pages -----------------------------------------

    async def home_feed(self, request):
        return await self.serve_cached(request, lambda fetch: self.build_feed(request, fetch))

    async def listing(self, request, template, load, *args):
        async def build(fetch):
            chrome_task = asyncio.ensure_future(pages.load_chrome(fetch, self.settings))
            try:
                extra = await load(fetch, *args, dict(request.query_params), self.settings)
            except CMSNotFound:
                return self.error_page(request, 404, await chrome_task)
            except (pages.BadPageRequest, CMSBadRequest) as e:
                return self.error_page(request, 400, await chrome_task, str(e))
            except CMSUnavailable as e:
                raise PageUnavailable(await chrome_task) from e
            return self.render(template, **self.base_context(request, await chrome_task, **extra))

        return await self.serve_cached(request, build)

    async def tag_page(self, request):
        tag = request.path_params["tag"]
        if len(tag) > 100 or pages.slugify(tag) != tag:
            slug = pages.slugify(tag)[:100]
            if slug:
                return RedirectResponse(f"/tags/{slug}/", status_code=301)
            return await self.serve_cached(request, self._not_found(request))
        return await self.listing(request, "pages/tag.html", pages.load_tag, tag)

    def _not_found(self, request):
        async def build(fetch):
            return self.error_page(request, 404, await pages.load_chrome(fetch, self.settings))

        return build

    async def search_page(self, request):
        return await self.listing(request, "pages/search.html", pages.load_search)

    async def robots(self, request):
        return Response(
            seo.robots_txt(self.settings),
            media_type="text/plain; charset=utf-8",
            headers={"Cache-Control": f"public, max-age={self.settings.cache_ttl}"},
        )

    async def sitemap_index(self, request):
        async def build(fetch):
            count = await seo.sitemap_index(fetch)
            files = ["/sitemap-pages.xml"] + [
                f"/sitemap-articles-{n}.xml" for n in range(1, count + 1)
            ]
            return self.xml("feeds/sitemap_index.xml", files=files)

        return await self.serve_cached(request, build)

    async def sitemap_pages(self, request):
        async def build(fetch):
            entries = await seo.sitemap_pages(fetch)
            return self.xml("feeds/sitemap.xml", entries=entries)

        return await self.serve_cached(request, build)

    async def sitemap_articles(self, request):
        number = request.path_params["number"]

        async def build(fetch):
            entries = await seo.sitemap_articles(fetch, number) if number >= 1 else None
            if entries is None:
                return self.error_page(request, 404)
            return self.xml("feeds/sitemap.xml", entries=entries)

        return await self.serve_cached(request, build)

    async def news_sitemap(self, request):
        async def build(fetch):
            items = await seo.news_sitemap_items(fetch)
            return self.xml("feeds/news_sitemap.xml", items=items)

        return await self.serve_cached(request, build)

    def xml(self, template, **context):
        rendered = self.render(template, **context)
        rendered.content_type = XML
        return rendered

    # --- Newsletter -------------------------------------------------------------

    async def newsletter_page(self, request, template, status=200, **extra):
        """A newsletter page (never cached) with the reader's CSRF token; a valid cookie
        token is kept, so a refused forgery cannot log the reader's own form out."""
        fetch = Fetch(self.client)
        chrome = await pages.load_chrome(fetch, self.settings)
        csrf, set_cookie = newsletter.token_for(request, self.settings.secret_key)
        context = self.base_context(
            request, chrome, csrf_token=csrf, noindex=True, status=status, **extra
        )
        body = self.env.get_template(template).render(**context)
        response = Response(body, status_code=status, media_type=HTML)
        response.headers["Cache-Control"] = "no-store"
        if set_cookie:
            newsletter.set_token_cookie(response, csrf, self.settings.secure_cookies)
        return response

    async def newsletter_form(self, request):
        return await self.newsletter_page(
            request, "newsletter/subscribe.html", title="Receive Our Daily Headlines"
        )

    async def newsletter_subscribe(self, request):
        form = await newsletter.read_form(request)
        page = "newsletter/subscribe.html"
        title = "Receive Our Daily Headlines"
        if form is None:
            return await self.newsletter_page(
                request, page, 400, title=title, error="The form could not be read. Try again."
            )
        email, problem = newsletter.validate_email(form.get("email"))
        check = newsletter.check_double_submit(
            self.settings.secret_key,
            request.cookies.get(newsletter.CSRF_COOKIE),
            form.get(newsletter.CSRF_FIELD),
        )
        if check == "missing":
            # From the box on a (shared, cached) page: ask once more, with a token.
            if problem:
                return await self.newsletter_page(
                    request, page, 400, title=title, email=email, error=problem
                )
            return await self.newsletter_page(
                request, page, title="Confirm your subscription", email=email, confirm_step=True
            )
        if check == "invalid":
            return await self.newsletter_page(
                request,
                page,
                403,
                title=title,
                email=email,
                error="This form has expired. Please submit it again.",
            )
        if problem:
            return await self.newsletter_page(
                request, page, 400, title=title, email=email, error=problem
            )
        payload = {"email": email}
        if form.get("consent_text_version"):
            payload["consent_text_version"] = form["consent_text_version"][:50]
        result = await self.client.post(
            "v3/newsletter/subscribe/",
            payload,
            headers={"X-Forwarded-For": newsletter.reader_ip(request)},
        )
        if result.ok:
            return await self.newsletter_page(
                request, "newsletter/done.html", title="Check your inbox", email=email, done=True
            )
        status, message = newsletter.cms_failure_message(
            result, "That address could not be subscribed."
        )
        return await self.newsletter_page(
            request, page, status, title=title, email=email, error=message
        )

    async def newsletter_confirm(self, request):
        return await self.newsletter_action(request, "confirm")

    async def newsletter_unsubscribe(self, request):
        return await self.newsletter_action(request, "unsubscribe")

    async def newsletter_action(self, request, action):
        texts = newsletter.ACTIONS[action]
        template = "newsletter/action.html"
        if request.method == "GET":
            token = request.query_params.get("token", "").strip()
            if not token or len(token) > 200:
                return await self.newsletter_page(
                    request,
                    template,
                    400,
                    texts=texts,
                    title=texts["title"],
                    error=texts["invalid"],
                )
            return await self.newsletter_page(
                request, template, texts=texts, title=texts["title"], token_value=token
            )
        form = await newsletter.read_form(request) or {}
        token = (form.get("token") or "").strip()[:200]
        check = newsletter.check_double_submit(
            self.settings.secret_key,
            request.cookies.get(newsletter.CSRF_COOKIE),
            form.get(newsletter.CSRF_FIELD),
        )
        if check != "ok":
            return await self.newsletter_page(
                request,
                template,
                403,
                texts=texts,
                title=texts["title"],
                token_value=token,
                error="This form has expired. Please press the button again.",
            )
        if not token:
            return await self.newsletter_page(
                request, template, 400, texts=texts, title=texts["title"], error=texts["invalid"]
            )
        result = await self.client.post(
            texts["endpoint"],
            {"token": token},
            headers={"X-Forwarded-For": newsletter.reader_ip(request)},
        )
        if result.ok:
            return await self.newsletter_page(
                request, template, texts=texts, title=texts["done_title"], done=True
            )
        if result.status in (400, 410, 422):
            return await self.newsletter_page(
                request,
                template,
                400,
                texts=texts,
                title=texts["title"],
                error=error_message(result.data, texts["invalid"]),
            )
        status, message = newsletter.cms_failure_message(result, texts["invalid"])
        return await self.newsletter_page(
            request,
            template,
            status,
            texts=texts,
            title=texts["title"],
            token_value=token,
            error=message,
        )

    # --- Machinery: view counting and purge -------------------------------------

    async def hit(self, request):
        page_id = request.path_params["page_id"]
        headers = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
        purpose = request.headers.get("sec-purpose", "") + request.headers.get("purpose", "")
        task = None
        if page_id > 0 and "prefetch" not in purpose:
            forwarded = request.headers.get("x-forwarded-for") or newsletter.reader_ip(request)
            task = BackgroundTask(
                self.client.post_hit, page_id, request.headers.get("user-agent", ""), forwarded
            )
        return Response(PIXEL, media_type="image/gif", headers=headers, background=task)

    async def purge(self, request):
        secret = self.settings.purge_secret
        supplied = request.headers.get("authorization", "")
        if not supplied.lower().startswith("bearer "):
            return JSONResponse(
                {"error": "an 'Authorization: Bearer <secret>' header is needed"},
                401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not secret:
            return JSONResponse(
                {"error": "purging is disabled: FRONTEND_PURGE_SECRET is not set"}, 403
            )
        if not hmac.compare_digest(supplied[len("bearer ") :].strip().encode(), secret.encode()):
            return JSONResponse({"error": "the purge secret is not valid"}, 403)
        try:
            payload = json.loads(await request.body() or b"null")
        except ValueError:
            return JSONResponse({"error": 'the body must be JSON: {"urls": [...]}'}, 400)
        urls = payload.get("urls") if isinstance(payload, dict) else None
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            return JSONResponse({"error": '"urls" must be a list of URLs or paths'}, 400)
        if len(urls) > MAX_PURGE_URLS:
            return JSONResponse({"error": f"at most {MAX_PURGE_URLS} URLs per request"}, 400)
        marks = set()
        for url in urls:
            path = urlsplit(url.strip()).path or "/"
            if path in ("/*", "*"):
                marks.add(PURGE_ALL)
                continue
            if not path.startswith("/"):
                return JSONResponse({"error": f"not a URL or absolute path: {url[:100]!r}"}, 400)
            marks.add(path)
            if path.endswith("/"):
                marks.add(path + "feed.xml")
        if marks:
            marks.add(LISTINGS_MARK)
            await self.cache.purge(sorted(marks))
        logger.info("Purged %d URLs", len(urls))
        return JSONResponse({"purged": len(dict.fromkeys(urls))})

    async def server_error(self, request, exc):
        logger.exception("Error rendering %s", request.url.path, exc_info=exc)
        rendered = self.error_page(request, 500)
        return Response(
            rendered.body, status_code=500, media_type=HTML, headers={"Cache-Control": "no-store"}
        )

    async def not_found(self, request, exc):
        rendered = self.error_page(request, 404)
        return Response(rendered.body, status_code=404, media_type=HTML)


def etag_matches(header, etag):
    if not header:
        return False
    if header.strip() == "*":
        return True
    candidates = [item.strip() for item in header.split(",")]
    return etag in candidates or ("W/" + etag) in candidates


def _strip_tags(html):
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


class CachedStaticFiles(StaticFiles):
    """Static assets; versioned URLs (``?v=``) are cacheable for a year."""

    async def get_response(self, path, scope):
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            versioned = b"v=" in scope.get("query_string", b"")
            response.headers["Cache-Control"] = (
                "public, max-age=31536000, immutable" if versioned else "public, max-age=3600"
            )
        return response


def create_app(settings=None, transport=None, clock=time.time):
    """The ASGI app. Tests pass ``transport`` to answer for the CMS (``httpx.MockTransport``)
    and ``clock`` to age the cache without waiting."""
    settings = settings or Settings.from_env()
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    cache = Cache.from_settings(settings, clock)
    client = CMSClient(settings, cache, transport=transport)
    env = make_environment(settings)
    frontend = Frontend(settings, cache, client, env)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        await client.close()
        await cache.close()

    routes = [
        Mount("/static", app=CachedStaticFiles(directory=STATIC_DIR), name="static"),
        Route("/robots.txt", frontend.robots),
        Route("/sitemap.xml", frontend.sitemap_index),
        Route("/sitemap-pages.xml", frontend.sitemap_pages),
        Route("/sitemap-articles-{number:int}.xml", frontend.sitemap_articles),
        Route("/news-sitemap.xml", frontend.news_sitemap),
        Route("/feed.xml", frontend.home_feed),
        Route("/search/", frontend.search_page),
        Route("/tags/{tag}/", frontend.tag_page),
        Route("/newsletter/", frontend.newsletter_form, methods=["GET"]),
        Route("/newsletter/", frontend.newsletter_subscribe, methods=["POST"]),
        Route("/newsletter/confirm/", frontend.newsletter_confirm, methods=["GET", "POST"]),
        Route("/newsletter/unsubscribe/", frontend.newsletter_unsubscribe, methods=["GET", "POST"]),
        Route("/_hit/{page_id:int}.gif", frontend.hit),
        Route("/_purge", frontend.purge, methods=["POST"]),
        Route("/_preview/", preview.endpoint(frontend)),
        Route("/{path:path}", frontend.cms_page, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(GZipMiddleware, minimum_size=1000)],
        exception_handlers={404: frontend.not_found, 500: frontend.server_error},
        lifespan=lifespan,
    )
    app.state.frontend = frontend
    return app
