"""What feed readers and search engines fetch: RSS feeds, sitemaps and robots.txt.

Section feeds (``/world/feed.xml``) come through the CMS pages' catch-all,
which hands them to ``build_feed``; the home feed has a route of its own. Each
edition has its own feeds, news sitemap and sitemap files (``/es/feed.xml``,
``/es/news-sitemap.xml``, ``/es/sitemap-pages.xml``); ``robots.txt`` and the
sitemap index belong to no edition and list every edition's files.
"""

import asyncio

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from frontend import locales, seo
from frontend.api_client import CMSBadRequest, CMSNotFound, CMSUnavailable, Fetch, JSONObject
from frontend.messages import N_, gettext
from frontend.page_cache import PageUnavailable, serve_cached
from frontend.renderer import Rendered, Renderer
from frontend.settings import Settings

XML = "application/xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
LATEST_NEWS = N_("Latest news from the %(title)s")
LATEST_BY = N_("Latest stories by %(name)s")


async def build_feed(request: Request, fetch: Fetch) -> Rendered:
    """The RSS feed of the section at the path before ``feed.xml`` (``/``: every story)."""
    renderer: Renderer = request.state.renderer
    settings: Settings = request.state.settings
    section_path = request.url.path[: -len("feed.xml")]
    locale = fetch.locale
    section: JSONObject | None = None
    if section_path != locales.home_path(locale):
        try:
            section = await fetch.find_page(section_path)
        except CMSNotFound:
            return renderer.error_page(request, 404)
        if section["meta"]["type"] != "news.SectionPage":
            return renderer.error_page(request, 404)
    try:
        items = await seo.feed_items(fetch, section)
    except CMSUnavailable as e:
        raise PageUnavailable() from e
    title = settings.site_name + (f": {section['title']}" if section else "")
    rendered = renderer.render(
        "feeds/rss.xml",
        title=title,
        link=settings.editions.absolute(section_path),
        self_url=settings.editions.absolute(request.url.path),
        description=(section or {}).get("meta", {}).get("search_description")
        or gettext(locale, LATEST_NEWS) % {"title": title},
        items=items,
        locale=locale,
    )
    rendered.content_type = RSS
    return rendered


async def author_feed(request: Request) -> Response:
    """The RSS feed of an author's stories (``/authors/<slug>/feed.xml``)."""
    renderer: Renderer = request.state.renderer
    settings: Settings = request.state.settings
    slug: str = request.path_params["slug"]

    async def build(fetch: Fetch) -> Rendered:
        try:
            author, items = await seo.author_feed_items(fetch, slug)
        except CMSNotFound:
            return renderer.error_page(request, 404)
        except CMSUnavailable as e:
            raise PageUnavailable() from e
        title = f"{settings.site_name}: {author.get('name') or slug}"
        locale = fetch.locale
        rendered = renderer.render(
            "feeds/rss.xml",
            title=title,
            link=settings.editions.absolute(f"{locales.prefix(locale)}/authors/{slug}/"),
            self_url=settings.editions.absolute(request.url.path),
            description=gettext(locale, LATEST_BY) % {"name": author.get("name") or slug},
            items=items,
            locale=locale,
        )
        rendered.content_type = RSS
        return rendered

    return await serve_cached(request, build)


def xml(renderer: Renderer, template: str, locale: str, **context: object) -> Rendered:
    rendered = renderer.render(template, locale=locale, **context)
    rendered.content_type = XML
    return rendered


async def home_feed(request: Request) -> Response:
    return await serve_cached(request, lambda fetch: build_feed(request, fetch))


async def robots(request: Request) -> Response:
    settings: Settings = request.state.settings
    return Response(
        seo.robots_txt(settings),
        media_type="text/plain; charset=utf-8",
        headers={"Cache-Control": f"public, max-age={settings.cache_ttl}"},
    )


async def sitemap_index(request: Request) -> Response:
    renderer: Renderer = request.state.renderer

    async def build(fetch: Fetch) -> Rendered:
        counts = await asyncio.gather(
            *(seo.sitemap_index(fetch, locale) for locale in locales.LOCALES)
        )
        files = [
            path
            for locale, count in zip(locales.LOCALES, counts, strict=True)
            for path in [
                f"{locales.prefix(locale)}/sitemap-pages.xml",
                *(
                    f"{locales.prefix(locale)}/sitemap-articles-{n}.xml"
                    for n in range(1, count + 1)
                ),
            ]
        ]
        return xml(renderer, "feeds/sitemap_index.xml", locales.DEFAULT_LOCALE, files=files)

    return await serve_cached(request, build)


async def sitemap_pages(request: Request) -> Response:
    renderer: Renderer = request.state.renderer
    settings: Settings = request.state.settings

    async def build(fetch: Fetch) -> Rendered:
        entries = await seo.sitemap_pages(fetch, settings.editions)
        return xml(renderer, "feeds/sitemap.xml", fetch.locale, entries=entries)

    return await serve_cached(request, build)


async def sitemap_articles(request: Request) -> Response:
    renderer: Renderer = request.state.renderer
    settings: Settings = request.state.settings
    number: int = request.path_params["number"]

    async def build(fetch: Fetch) -> Rendered:
        try:
            entries = (
                await seo.sitemap_articles(fetch, number, settings.editions)
                if number >= 1
                else None
            )
        except CMSBadRequest:  # a number past any offset the CMS accepts
            entries = None
        if entries is None:
            return renderer.error_page(request, 404)
        return xml(renderer, "feeds/sitemap.xml", fetch.locale, entries=entries)

    return await serve_cached(request, build)


async def news_sitemap(request: Request) -> Response:
    renderer: Renderer = request.state.renderer

    async def build(fetch: Fetch) -> Rendered:
        items = await seo.news_sitemap_items(fetch)
        return xml(renderer, "feeds/news_sitemap.xml", fetch.locale, items=items)

    return await serve_cached(request, build)


routes: list[BaseRoute] = [
    Route("/robots.txt", robots),
    Route("/sitemap.xml", sitemap_index),
    *locales.localized(
        [
            Route("/sitemap-pages.xml", sitemap_pages),
            Route("/sitemap-articles-{number:int}.xml", sitemap_articles),
            Route("/news-sitemap.xml", news_sitemap),
            Route("/feed.xml", home_feed),
            Route("/authors/{slug}/feed.xml", author_feed),
        ]
    ),
]
