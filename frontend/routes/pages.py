"""Reader pages: every CMS page (the catch-all route), tag listings and search.

Any path no other route claims is resolved through ``pages/find/?html_path=``,
so the editors' page tree is the site's URL space.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from frontend import alternates, listings, locales, pages, search, seo
from frontend.api_client import (
    CMSBadRequest,
    CMSClient,
    CMSNotFound,
    CMSUnavailable,
    Fetch,
    JSONObject,
)
from frontend.chrome import load_chrome
from frontend.messages import N_, gettext
from frontend.page_cache import Build, PageUnavailable, serve_cached
from frontend.page_types import BadPageRequest, Context
from frontend.rate_limit import limited, too_many
from frontend.renderer import Rendered, Renderer
from frontend.rendering import page_path
from frontend.routes.feeds import build_feed
from frontend.settings import Settings

ListingLoader = Callable[..., Awaitable[Context]]
TOO_MANY_SEARCHES = N_("Too many searches from your connection. Try again in %(seconds)s seconds.")


async def cms_page(request: Request) -> Response:
    path = request.url.path
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        query = ("?" + request.url.query) if request.url.query else ""
        return RedirectResponse(path + "/" + query, status_code=301)
    if path.endswith("/feed.xml"):
        return await serve_cached(request, lambda fetch: build_feed(request, fetch))
    return await serve_cached(request, lambda fetch: build_page(request, fetch))


async def page_and_chrome(
    fetch: Fetch, path: str, settings: Settings
) -> tuple[JSONObject | BaseException, Context]:
    """The page at ``path`` and the site chrome, concurrently. Page errors are returned."""
    page, chrome = await asyncio.gather(
        fetch.find_page(path),
        load_chrome(fetch, settings),
        return_exceptions=True,
    )
    if isinstance(chrome, BaseException):
        raise chrome
    return page, chrome


async def build_page(request: Request, fetch: Fetch) -> Rendered:
    renderer: Renderer = request.state.renderer
    settings: Settings = request.state.settings
    client: CMSClient = request.state.client
    path = request.url.path
    page, chrome = await page_and_chrome(fetch, path, settings)
    if isinstance(page, CMSNotFound | CMSBadRequest):  # no page can have a path it refuses
        return renderer.error_page(request, 404, chrome)
    if isinstance(page, CMSUnavailable):
        raise PageUnavailable(chrome)
    if isinstance(page, BaseException):
        raise page
    canonical_path = page_path(page) or path
    if canonical_path != path:
        query = ("?" + request.url.query) if request.url.query else ""
        return Rendered(301, location=canonical_path + query)
    kind = pages.page_type_for(page)
    query_params = dict(request.query_params)
    try:
        extra = await kind.load(fetch, client, page, query_params, settings)
    except CMSNotFound:
        return renderer.error_page(request, 404, chrome)
    except (BadPageRequest, CMSBadRequest) as e:
        return renderer.error_page(request, 400, chrome, str(e))
    except CMSUnavailable as e:
        raise PageUnavailable(chrome) from e
    context = renderer.base_context(
        request,
        chrome,
        page=page,
        og_type=kind.og_type,
        alternates=alternates.alternates(page, settings.editions),
        switch=alternates.switch_links(page, settings.editions),
        **extra,
        **seo.page_meta(page),
    )
    context["is_home"] = page["meta"]["type"] == "home.HomePage"
    if kind.og_type == "article":
        context["json_ld"] = seo.article_json_ld(
            page, settings, chrome["site"]["name"], context["canonical"]
        )
    return renderer.render(kind.template, **context)


async def listing(request: Request, template: str, load: ListingLoader, *args: Any) -> Response:
    """A listing that is not a CMS page (tag, search): chrome and stories concurrently."""
    renderer: Renderer = request.state.renderer
    settings: Settings = request.state.settings

    async def build(fetch: Fetch) -> Rendered:
        chrome_task = asyncio.ensure_future(load_chrome(fetch, settings))
        try:
            extra = await load(fetch, *args, dict(request.query_params), settings)
        except CMSNotFound:
            return renderer.error_page(request, 404, await chrome_task)
        except (BadPageRequest, CMSBadRequest) as e:
            return renderer.error_page(request, 400, await chrome_task, str(e))
        except CMSUnavailable as e:
            raise PageUnavailable(await chrome_task) from e
        return renderer.render(
            template, **renderer.base_context(request, await chrome_task, **extra)
        )

    return await serve_cached(request, build)


async def tag_page(request: Request) -> Response:
    tag: str = request.path_params["tag"]
    if len(tag) > 100 or listings.slugify(tag) != tag:
        slug = listings.slugify(tag)[:100]
        if slug:
            tags = locales.prefix(locales.locale_of_path(request.url.path)) + "/tags/"
            return RedirectResponse(f"{tags}{slug}/", status_code=301)
        return await serve_cached(request, not_found(request))
    return await listing(request, "pages/tag.html", listings.load_tag, tag)


def not_found(request: Request) -> Build:
    """A build of the 404 page, with the site chrome."""
    renderer: Renderer = request.state.renderer
    settings: Settings = request.state.settings

    async def build(fetch: Fetch) -> Rendered:
        return renderer.error_page(request, 404, await load_chrome(fetch, settings))

    return build


async def search_page(request: Request) -> Response:
    retry_after = limited(request, "search")
    if retry_after is not None:
        renderer: Renderer = request.state.renderer
        locale = locales.locale_of_path(request.url.path)
        message = gettext(locale, TOO_MANY_SEARCHES) % {"seconds": retry_after}
        rendered = renderer.error_page(request, 429, message=message)
        return too_many(rendered.body, rendered.content_type, retry_after)
    return await listing(request, "pages/search.html", search.load_search)


async def author_page(request: Request) -> Response:
    slug: str = request.path_params["slug"]
    return await listing(request, "pages/author.html", listings.load_author, slug)


routes: list[BaseRoute] = [
    Route("/search/", search_page),
    Route("/authors/{slug}/", author_page),
    Route("/tags/{tag}/", tag_page),
    # Last: it claims every path the other groups do not.
    Route("/{path:path}", cms_page, methods=["GET"]),
]
