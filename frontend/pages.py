"""Building pages from the API: the page-type registry and each type's loader.

A URL resolves through ``pages/find/?html_path=`` (so the editors' page tree
is the site's URL space). The page's ``meta.type`` picks a ``PageType``: a
template and a loader that fetches what else the page needs. Loads are issued
concurrently: the page itself and the site chrome in one wave, then at most
one more wave for listings that need the page's id.
"""

import asyncio
import logging
import math
import re
import unicodedata
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from frontend import chrome, locales
from frontend.api_client import CMSClient, CMSNotFound, Fetch, JSONObject
from frontend.messages import N_, gettext
from frontend.rendering import page_path, parse_datetime, rendition
from frontend.settings import Settings

logger = logging.getLogger("frontend.pages")

# Home/section blocks whose data lives behind another endpoint (named in "source").
WIDGET_BLOCKS = {"markets_box", "most_viewed"}
# Home blocks shown in the side column rather than the main one.
ASIDE_BLOCKS = {"markets_box", "most_viewed", "newsletter_promo"}
CHROME_MOST_VIEWED: dict[str, str | int] = {"period": "24h", "limit": 5}

# A reader's query string, and what a loader adds to the template context.
Query = Mapping[str, str]
Context = dict[str, Any]
Loader = Callable[[Fetch, CMSClient, JSONObject, Query, Settings], Awaitable[Context]]


class BadPageRequest(Exception):
    """A reader's query string we cannot honour (shown as a 400 page with this message)."""


@dataclass(frozen=True)
class PageType:
    template: str
    load: Loader
    og_type: str = "website"


PAGE_TYPES: dict[str, PageType] = {}


def page_type(
    type_name: str, template: str, og_type: str = "website"
) -> Callable[[Loader], Loader]:
    """Register a loader for a Wagtail page type (``meta.type``)."""

    def decorator(func: Loader) -> Loader:
        PAGE_TYPES[type_name] = PageType(template, func, og_type)
        return func

    return decorator


def slugify(value: object) -> str:
    """Django's slugify, for tag links (``tags__slug``) without importing Django."""
    value = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")


#: Far past any archive's last page, and far below an offset the CMS refuses (64 bits).
MAX_PAGE_NUMBER = 1_000_000


def parse_page_number(query: Query) -> int:
    raw = query.get("page", "1")
    try:
        number = int(raw)
    except ValueError:
        raise BadPageRequest(f"'page' must be a whole number, not '{raw[:40]}'.") from None
    if number < 1:
        raise BadPageRequest("'page' starts at 1.")
    if number > MAX_PAGE_NUMBER:
        raise BadPageRequest(f"'page' goes up to {MAX_PAGE_NUMBER}.")
    return number


def pagination(
    total: int, number: int, per_page: int, base_path: str, extra_query: str = ""
) -> Context:
    pages = max(1, math.ceil(total / per_page))

    def link(n: int) -> str:
        query = "&".join(part for part in (extra_query, f"page={n}" if n > 1 else "") if part)
        return base_path + ("?" + query if query else "")

    return {
        "number": number,
        "pages": pages,
        "total": total,
        "previous": link(number - 1) if number > 1 else None,
        "next": link(number + 1) if number < pages else None,
    }


def items_of(data: object) -> list[Any]:
    """The list inside a list-ish payload (``items``, ``results``, or the list itself)."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("items", "results", "instruments", "quotes", "stories", "pages"):
            if isinstance(data.get(key), list):
                found: list[Any] = data[key]
                return found
    return []


async def load_chrome(fetch: Fetch, settings: Settings) -> Context:
    site, markets, most_viewed = await asyncio.gather(
        fetch.optional("v3/site/"),
        fetch.optional("v3/markets/"),
        fetch.optional("v3/most-viewed/", CHROME_MOST_VIEWED),
    )
    site_info = chrome.normalize_site(site, settings, fetch.locale)
    if site is None:
        site_info["navigation"] = await fallback_navigation(fetch)
    return {
        "site": site_info,
        "markets": markets,
        "markets_items": items_of(markets),
        "most_viewed": most_viewed,
        "most_viewed_items": items_of(most_viewed),
    }


async def fallback_navigation(fetch: Fetch) -> list[Context]:
    """Without the site endpoint: the home page's children shown in menus."""
    try:
        home = await fetch.find_page(locales.home_path(fetch.locale))
        children = await fetch.pages(child_of=home["id"], show_in_menus="true", limit=12)
    except Exception as e:  # the chrome never breaks a page
        logger.warning("No navigation available: %s", e)
        return []
    return [
        {"title": item["title"], "url": page_path(item), "children": []}
        for item in children.get("items", [])
    ]


# --- Blocks -------------------------------------------------------------------


async def load_widgets(fetch: Fetch, client: CMSClient, blocks: Any) -> Context:
    """Data for widget blocks (markets, most viewed) from the endpoint each names."""
    wanted = [
        block
        for block in blocks or []
        if isinstance(block, dict)
        and block.get("type") in WIDGET_BLOCKS
        and isinstance(block.get("value"), dict)
        and str(block["value"].get("source", "")).startswith("/api/")
    ]
    if not wanted:
        return {}

    async def one(block: JSONObject) -> tuple[Any, Any]:
        path, _, query = client.api_path(block["value"]["source"]).partition("?")
        params = dict(part.split("=", 1) for part in query.split("&") if "=" in part)
        return block.get("id"), await fetch.optional(path, params or None)

    return {
        block_id: {"data": data, "items": items_of(data)}
        for block_id, data in await asyncio.gather(*(one(block) for block in wanted))
    }


def body_types(blocks: Any) -> set[Any]:
    return {block.get("type") for block in blocks or [] if isinstance(block, dict)}


# --- Page types ---------------------------------------------------------------


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


async def ancestors_of(fetch: Fetch, page_id: int) -> list[Context]:
    """The pages above ``page_id``, home first."""
    data = await fetch.optional("v2/pages/", {"ancestor_of": page_id, "limit": 20})
    items = sorted((data or {}).get("items", []), key=lambda item: len(page_path(item)))
    return [
        {"title": item["title"], "url": page_path(item), "type": item["meta"]["type"]}
        for item in items
    ]


HOME = N_("HOME")


async def breadcrumbs_for(
    fetch: Fetch, page: JSONObject, include_self: bool = True
) -> list[Context]:
    """ "HOME | World | Venezuela": the trail to a page, from its ``meta.parent`` when that
    is enough (a page one level below home), else from one ``ancestor_of`` query of the
    parent: a draft in preview (never published, or still being created) is no public page
    to ask about, but its section is."""
    parent = (page.get("meta") or {}).get("parent") or {}
    parent_path = page_path(parent)
    parent_crumb = {
        "title": parent.get("title", ""),
        "url": parent_path,
        "type": (parent.get("meta") or {}).get("type", ""),
    }
    home = locales.home_path(fetch.locale)
    if not parent or parent_path == home:
        trail = []
    elif locales.unprefixed(parent_path).strip("/").count("/") == 0 or parent.get("id") is None:
        trail = [parent_crumb]
    else:
        ancestors = await ancestors_of(fetch, int(parent["id"]))
        trail = [crumb for crumb in ancestors if crumb["url"] != home] + [parent_crumb]
    if include_self:
        trail.append({"title": page.get("title", ""), "url": page_path(page), "current": True})
    crumbs = [{"title": gettext(fetch.locale, HOME), "url": home, "type": "home.HomePage"}, *trail]
    return crumbs


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


# The directory pages carry their children's summaries (countries, categories, links).
@page_type("directory.DirectoryIndexPage", "pages/directory_index.html")
async def load_directory_index(
    fetch: Fetch, client: CMSClient, page: JSONObject, query: Query, settings: Settings
) -> Context:
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


# --- Listings that are not CMS pages -------------------------------------------


async def load_tag(fetch: Fetch, tag: str, query: Query, settings: Settings) -> Context:
    number = parse_page_number(query)
    per_page = settings.page_size
    stories = await fetch.articles(tag=tag, limit=per_page, offset=(number - 1) * per_page)
    total = stories["meta"]["total_count"]
    if not stories["items"]:
        raise CMSNotFound(f"tag {tag}")
    name = tag
    for story in stories["items"]:
        for candidate in story.get("tags") or []:
            if slugify(candidate) == tag or candidate.lower() == tag.lower():
                name = candidate
    return {
        "tag": tag,
        "tag_name": name,
        "stories": stories["items"],
        "pagination": pagination(
            total, number, per_page, f"{locales.prefix(fetch.locale)}/tags/{tag}/"
        ),
    }


#: What an author's slug may look like (``news.Author.slug``, a Django SlugField).
AUTHOR_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,255}$")


async def load_author(fetch: Fetch, slug: str, query: Query, settings: Settings) -> Context:
    """An author's page: who they are (``/api/v3/authors/<slug>/``) and their stories, newest
    first (the v2 listing's ``?author=``), fetched concurrently."""
    if not AUTHOR_SLUG.match(slug):
        raise CMSNotFound(f"author {slug[:40]}")
    number = parse_page_number(query)
    per_page = settings.page_size
    author, stories = await asyncio.gather(
        fetch.get(f"v3/authors/{slug}/"),
        fetch.articles(author=slug, limit=per_page, offset=(number - 1) * per_page),
    )
    total = stories["meta"]["total_count"]
    if number > 1 and not stories["items"]:
        raise CMSNotFound(f"/authors/{slug}/?page={number}")
    path = f"{locales.prefix(fetch.locale)}/authors/{slug}/"
    return {
        "author": author,
        "title": author.get("name") or slug,
        "description": (author.get("bio") or author.get("job_title") or "")[:300],
        "og_image": rendition(author.get("photo"), "large"),
        "stories": stories["items"],
        "pagination": pagination(total, number, per_page, path),
        "feed_path": path + "feed.xml",
    }
