"""Building pages from the API: the page-type registry and each CMS page type's loader.

A URL resolves through ``pages/find/?html_path=`` (so the editors' page tree
is the site's URL space). The page's ``meta.type`` picks a ``PageType``: a
template and a loader that fetches what else the page needs. Loads are issued
concurrently: the page itself and the site chrome in one wave, then at most
one more wave for listings that need the page's id.
"""

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from frontend import locales
from frontend.api_client import CMSClient, CMSNotFound, Fetch, JSONObject
from frontend.breadcrumbs import breadcrumbs_for
from frontend.chrome import CHROME_MOST_VIEWED
from frontend.listings import slugify
from frontend.page_types import Context, Loader, PageType, Query
from frontend.paging import pagination, parse_page_number
from frontend.rendering import page_path, parse_datetime
from frontend.settings import Settings
from frontend.widgets import ASIDE_BLOCKS, body_types, items_of, load_widgets

logger = logging.getLogger("frontend.pages")

PAGE_TYPES: dict[str, PageType] = {}


def page_type(
    type_name: str, template: str, og_type: str = "website"
) -> Callable[[Loader], Loader]:
    """Register a loader for a Wagtail page type (``meta.type``)."""

    def decorator(func: Loader) -> Loader:
        PAGE_TYPES[type_name] = PageType(template, func, og_type)
        return func

    return decorator


@page_type("home.HomePage", "pages/home.html")
async def load_home(
    fetch: Fetch, client: CMSClient, page: JSONObject, query: Query, settings: Settings
) -> Context:
    """The editors' blocks; the boxes among them (markets, most viewed, newsletter) go to
    the side column, in the editors' order, in place of the default boxes."""
    blocks = [block for block in page.get("body") or [] if isinstance(block, dict)]
    widgets = await load_widgets(fetch, client, blocks)
    return {
        "widgets": widgets,
        "body_types": body_types(blocks),
        "main_blocks": [block for block in blocks if block.get("type") not in ASIDE_BLOCKS],
        "aside_blocks": [block for block in blocks if block.get("type") in ASIDE_BLOCKS],
    }


@page_type("news.SectionPage", "pages/section.html")
async def load_section(
    fetch: Fetch, client: CMSClient, page: JSONObject, query: Query, settings: Settings
) -> Context:
    number = parse_page_number(query)
    per_page = settings.page_size
    path = page_path(page)
    stories, subsections, breadcrumbs, widgets, most_viewed = await asyncio.gather(
        fetch.articles(descendant_of=page["id"], limit=per_page, offset=(number - 1) * per_page),
        fetch.optional(
            "v2/pages/",
            {"child_of": page["id"], "type": "news.SectionPage", "fields": "intro", "limit": 50},
        ),
        breadcrumbs_for(fetch, page),
        load_widgets(fetch, client, page.get("body")),
        fetch.optional("v3/most-viewed/", {**CHROME_MOST_VIEWED, "section": page["id"]}),
    )
    total = stories["meta"]["total_count"]
    if number > 1 and not stories["items"]:  # not the total: it may be an estimate
        raise CMSNotFound(f"{path}?page={number}")
    return {
        # The side column's most viewed: this section's, never the site-wide list.
        "section_most_viewed": items_of(most_viewed),
        "stories": stories["items"],
        "pagination": pagination(total, number, per_page, path),
        "subsections": (subsections or {}).get("items", []),
        "breadcrumbs": breadcrumbs,
        "widgets": widgets,
        "body_types": body_types(page.get("body")),
        "feed_path": path + "feed.xml",
    }


def with_dateline(body: Any, dateline: Any) -> tuple[list[JSONObject], bool]:
    """The body with the dateline printed at the start of the first paragraph."""
    blocks = [block for block in body or [] if isinstance(block, dict)]
    if not dateline:
        return blocks, False
    for index, block in enumerate(blocks):
        if block.get("type") != "paragraph":
            continue
        html = block.get("value") or ""
        prefix = f'<span class="dateline">{_escape(dateline)}</span> '
        if html.startswith("<p>"):
            html = "<p>" + prefix + html[3:]
        elif html.startswith("<p "):
            head, sep, rest = html.partition(">")
            html = head + sep + prefix + rest
        else:
            html = prefix + html
        blocks[index] = {**block, "value": html}
        return blocks, True
    return blocks, False


def _escape(text: object) -> str:
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


@page_type("news.ArticlePage", "pages/article.html", og_type="article")
async def load_article(
    fetch: Fetch, client: CMSClient, page: JSONObject, query: Query, settings: Settings
) -> Context:
    body, dateline_in_body = with_dateline(page.get("body"), page.get("dateline"))
    published = parse_datetime(page.get("date") or page["meta"].get("first_published_at"))
    updated: datetime | None = parse_datetime(page.get("last_updated"))
    if not (published and updated and updated - published > timedelta(minutes=10)):
        updated = None
    return {
        "updated": updated,
        "breadcrumbs": await breadcrumbs_for(fetch, page, include_self=False),
        "body": body,
        "dateline_in_body": dateline_in_body,
        "tag_links": [
            {"name": tag, "url": f"{locales.prefix(fetch.locale)}/tags/{slugify(tag)}/"}
            for tag in page.get("tags") or []
            if slugify(tag)
        ],
    }


@page_type("directory.DirectoryIndexPage", "pages/directory_index.html")
async def load_directory_index(
    fetch: Fetch, client: CMSClient, page: JSONObject, query: Query, settings: Settings
) -> Context:
    """The directory's countries by region, from the summaries the page carries."""
    regions: dict[str, list[JSONObject]] = {}
    for country in page.get("countries") or []:
        region = (country.get("region") or "other").replace("-", " ").title()
        regions.setdefault(region, []).append(country)
    return {"breadcrumbs": await breadcrumbs_for(fetch, page), "regions": regions}


@page_type("directory.CountryPage", "pages/country.html")
async def load_country(
    fetch: Fetch, client: CMSClient, page: JSONObject, query: Query, settings: Settings
) -> Context:
    return {"breadcrumbs": await breadcrumbs_for(fetch, page)}


@page_type("directory.LinkCategoryPage", "pages/link_category.html")
async def load_link_category(
    fetch: Fetch, client: CMSClient, page: JSONObject, query: Query, settings: Settings
) -> Context:
    return {"breadcrumbs": await breadcrumbs_for(fetch, page)}


async def load_generic(
    fetch: Fetch, client: CMSClient, page: JSONObject, query: Query, settings: Settings
) -> Context:
    return {"breadcrumbs": await breadcrumbs_for(fetch, page)}


GENERIC = PageType("pages/generic.html", load_generic)


def page_type_for(page: JSONObject) -> PageType:
    type_name = (page.get("meta") or {}).get("type", "")
    found = PAGE_TYPES.get(type_name)
    if found is None:
        logger.warning("No template for page type %r: using the generic page", type_name)
        return GENERIC
    return found
