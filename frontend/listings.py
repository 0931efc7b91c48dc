"""Story listings that are not CMS pages: a tag's and an author's, newest first, in
numbered pages."""

import asyncio
import re
import unicodedata

from frontend import locales
from frontend.api_client import CMSNotFound, Fetch
from frontend.page_types import Context, Query
from frontend.paging import pagination, parse_page_number
from frontend.rendering import rendition
from frontend.settings import Settings

#: What an author's slug may look like (``news.Author.slug``, a Django SlugField).
AUTHOR_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,255}$")


def slugify(value: object) -> str:
    """Django's slugify, for tag links (``tags__slug``) without importing Django."""
    value = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")


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
