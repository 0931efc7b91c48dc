"""What search engines and feed readers get: page metadata, JSON-LD, feeds, sitemaps, robots.txt."""

import asyncio
import math
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from frontend import locales
from frontend.alternates import alternates, page_locale
from frontend.api_client import CMSBadRequest, CMSNotFound, Fetch, JSONObject
from frontend.listings import AUTHOR_SLUG
from frontend.rendering import page_path, parse_datetime, rendition
from frontend.settings import Settings

SITEMAP_CHUNK = 500  # URLs per sitemap file (10 API pages of 50, fetched concurrently)
API_PAGE = 50  # WAGTAILAPI_LIMIT_MAX
NEWS_SITEMAP_HOURS = 48
NEWS_SITEMAP_MAX = 1000  # Google News sitemaps hold at most 1,000 URLs
FEED_ITEMS = 30


def story_date(story: JSONObject) -> Any:
    return story.get("date") or (story.get("meta") or {}).get("first_published_at")


def byline_names(story: JSONObject) -> list[str]:
    names = []
    for byline in story.get("bylines") or []:
        if not isinstance(byline, dict):
            continue
        author = byline.get("author") if isinstance(byline.get("author"), dict) else None
        name = byline.get("display_name") or (author or {}).get("name") or byline.get("name")
        if name:
            names.append(name)
    return names


def is_agency_byline(name: str, source: JSONObject | None) -> bool:
    """A free-text byline naming the story's agency ("EFE", "EFE staff"): the agency itself."""
    agency = str((source or {}).get("name") or "").strip().lower()
    if not agency or not (source or {}).get("is_agency", True):
        return False
    name = name.strip().lower()
    return name == agency or name.startswith(agency + " ")


def json_ld_authors(page: JSONObject, source: JSONObject | None, settings: Settings) -> list[Any]:
    """Each author once: staff as a Person (with their page), an agency byline and the wire
    source as one Organization."""
    authors: list[JSONObject] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, name: str, url: str = "") -> None:
        key = (kind, name.strip().lower())
        if name.strip() and key not in seen:
            seen.add(key)
            authors.append({"@type": kind, "name": name.strip(), **({"url": url} if url else {})})

    for byline in page.get("bylines") or []:
        if not isinstance(byline, dict):
            continue
        author = byline.get("author") if isinstance(byline.get("author"), dict) else None
        name = str(byline.get("display_name") or (author or {}).get("name") or "")
        name = name or str(byline.get("name") or "")
        if author is None and is_agency_byline(name, source):
            add("Organization", str((source or {}).get("name")))
        elif author and author.get("html_path"):
            add("Person", name, settings.site_url + str(author["html_path"]))
        else:
            add("Person", name)
    if source and source.get("name"):
        add("Organization", str(source["name"]))
    return authors


def page_meta(page: JSONObject) -> dict[str, Any]:
    """Title, description and share image of a page, for its ``<head>``."""
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


def _strip_tags(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def article_json_ld(
    page: JSONObject, settings: Settings, site_name: str, canonical: str
) -> JSONObject:
    """schema.org NewsArticle for an article page."""
    image = page.get("lead_image")
    images = [
        r["url"] for name in ("large", "medium", "thumbnail") if (r := rendition(image, name, ()))
    ]
    published = story_date(page)
    data: JSONObject = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": page.get("title", "")[:110],
        "description": page.get("deck") or (page.get("meta") or {}).get("search_description", ""),
        "datePublished": _iso(published),
        "dateModified": _iso(page.get("last_updated") or published),
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": site_name,
            "url": settings.site_url + "/",
            "logo": {"@type": "ImageObject", "url": settings.site_url + "/static/favicon.svg"},
        },
        "isAccessibleForFree": True,
        "inLanguage": page_locale(page),
    }
    source = page.get("source") if isinstance(page.get("source"), dict) else None
    authors = json_ld_authors(page, source, settings)
    if source and source.get("name"):
        data["sourceOrganization"] = {"@type": "Organization", "name": source["name"]}
    if not authors:
        authors = [{"@type": "Organization", "name": site_name}]
    data["author"] = authors
    if images:
        data["image"] = images
    if page.get("dateline"):
        data["dateline"] = page["dateline"].rstrip(" –-").strip()
    if page.get("dateline_city"):
        place = page["dateline_city"]
        if page.get("dateline_country"):
            place = f"{place}, {page['dateline_country']}"
        data["locationCreated"] = {"@type": "Place", "name": place}
    section = page.get("section") if isinstance(page.get("section"), dict) else None
    if section and section.get("title"):
        data["articleSection"] = section["title"]
    if page.get("tags"):
        data["keywords"] = list(page["tags"])
    # Clarifications and updates are not corrections: schema.org's ``correction`` is for errors.
    corrections = [
        {"@type": "CorrectionComment", "text": c.get("text", ""), "datePublished": c.get("date")}
        for c in page.get("corrections") or []
        if isinstance(c, dict) and (c.get("kind") or "correction") == "correction"
    ]
    if corrections:
        data["correction"] = corrections
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _iso(value: object) -> str | None:
    parsed = parse_datetime(value)
    return parsed.isoformat() if parsed else None


def robots_txt(settings: Settings) -> str:
    """One sitemap index (every edition's files) and each edition's news sitemap."""
    editions = settings.editions
    disallow = "".join(
        f"Disallow: {locales.prefix(locale)}{path}\n"
        for locale in locales.LOCALES
        if not editions.hosts.get(locale)
        for path in ("/search/", "/newsletter/")
    )
    news = "".join(
        f"Sitemap: {editions.absolute(locales.prefix(locale) + '/news-sitemap.xml')}\n"
        for locale in locales.LOCALES
    )
    return (
        "User-agent: *\n"
        "Disallow: /_hit/\n"
        "Disallow: /_purge\n"
        f"{disallow}"
        "Allow: /\n\n"
        f"Sitemap: {settings.site_url}/sitemap.xml\n"
        f"{news}"
    )


async def feed_items(fetch: Fetch, section: JSONObject | None = None) -> list[JSONObject]:
    params: dict[str, str | int | None] = {"limit": FEED_ITEMS}
    if section is not None:
        params["descendant_of"] = section["id"]
    data = await fetch.articles(**params)
    items: list[JSONObject] = data["items"]
    return items


async def author_feed_items(fetch: Fetch, slug: str) -> tuple[JSONObject, list[JSONObject]]:
    """An author (``/api/v3/authors/<slug>/``) and their latest stories, concurrently."""
    if not AUTHOR_SLUG.match(slug):
        raise CMSNotFound(f"author {slug[:40]}")
    author, data = await asyncio.gather(
        fetch.get(f"v3/authors/{slug}/"), fetch.articles(author=slug, limit=FEED_ITEMS)
    )
    items: list[JSONObject] = data["items"]
    return author, items


# Page types listed in /sitemap-pages.xml (articles have their own, numbered files).
SITEMAP_PAGE_TYPES = (
    "home.HomePage",
    "news.SectionPage",
    "directory.DirectoryIndexPage",
    "directory.CountryPage",
    "directory.LinkCategoryPage",
)


async def sitemap_index(fetch: Fetch, locale: str) -> int:
    """How many article sitemap files an edition has: one API call for the total and, when
    the total is an estimate (a large listing's last count, behind the newest stories), one
    more for a story past the last file it implies, so a file just begun is listed too."""
    params: dict[str, str | int | None] = {"fields": "_,id", "order": "id", "locale": locale}
    data = await fetch.articles(limit=1, **params)
    total: int = data["meta"]["total_count"]
    files = max(1, math.ceil(total / SITEMAP_CHUNK))
    if not data["meta"].get("total_count_exact", True):
        beyond = await fetch.articles(limit=1, offset=files * SITEMAP_CHUNK, **params)
        files += bool(beyond["items"])
    return files


async def _all_of_type(fetch: Fetch, type_name: str) -> list[JSONObject]:
    params: dict[str, str | int] = {"type": type_name, "limit": API_PAGE, "order": "id"}
    try:
        first = await fetch.with_translations(params)
    except CMSBadRequest:  # that app is not installed in this CMS
        return []
    total = first["meta"]["total_count"]
    rest = await asyncio.gather(
        *(
            fetch.with_translations({**params, "offset": offset})
            for offset in range(API_PAGE, min(total, SITEMAP_CHUNK * 20), API_PAGE)
        )
    )
    items: list[JSONObject] = first["items"]
    return items + [item for page in rest for item in page["items"]]


def _entry(item: JSONObject, editions: locales.Editions) -> JSONObject:
    return {
        "path": page_path(item),
        "lastmod": item.get("last_updated") or item["meta"].get("first_published_at"),
        "type": item["meta"]["type"],
        "alternates": alternates(item, editions),
    }


async def sitemap_pages(fetch: Fetch, editions: locales.Editions) -> list[JSONObject]:
    """Every page of the edition that is not a story: home, sections, the directory."""
    found = await asyncio.gather(*(_all_of_type(fetch, name) for name in SITEMAP_PAGE_TYPES))
    return [_entry(item, editions) for items in found for item in items if page_path(item)]


async def sitemap_articles(
    fetch: Fetch, number: int, editions: locales.Editions
) -> list[JSONObject] | None:
    """Stories in the edition's article sitemap file ``number`` (1-based), oldest id first."""
    start = (number - 1) * SITEMAP_CHUNK
    params: dict[str, str | int] = {
        "type": "news.ArticlePage",
        "fields": "last_updated,date",
        "order": "id",
        "limit": API_PAGE,
    }
    first = await fetch.with_translations({**params, "offset": start})
    total = first["meta"]["total_count"]
    if not first["items"] and number > 1:
        return None
    end = start + SITEMAP_CHUNK
    if first["meta"].get("total_count_exact", True):  # an estimate may miss the newest
        end = min(total, end)
    rest = await asyncio.gather(
        *(
            fetch.with_translations({**params, "offset": offset})
            for offset in range(start + API_PAGE, end, API_PAGE)
        )
    )
    items = first["items"] + [item for page in rest for item in page["items"]]
    return [_entry(item, editions) for item in items[: end - start] if page_path(item)]


async def news_sitemap_items(fetch: Fetch, now: datetime | None = None) -> list[JSONObject]:
    """Stories of the last 48 hours, newest first (at most 1,000)."""
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(hours=NEWS_SITEMAP_HOURS)
    found: list[JSONObject] = []
    offset = 0
    while offset < NEWS_SITEMAP_MAX:
        data = await fetch.articles(limit=API_PAGE, offset=offset, fields="tags,date,section")
        items = data["items"]
        for item in items:
            published = parse_datetime(story_date(item))
            if published is None:
                continue
            if published >= cutoff and published <= now + timedelta(minutes=5):
                found.append(item)
        oldest = parse_datetime(story_date(items[-1])) if items else None
        if len(items) < API_PAGE or (oldest is not None and oldest < cutoff):
            break
        offset += API_PAGE
    return found[:NEWS_SITEMAP_MAX]
