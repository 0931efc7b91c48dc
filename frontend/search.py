"""The search page: ranked stories with their matches marked, facets as links, sorting and
pages, plus matching links of the directory.

Every choice is a plain link carrying the whole state in its query string (``q``,
``order``, the facet filters, ``page``), so the page works without JavaScript and caches
per URL. Pages are offsets into the CMS's ranking, up to ``MAX_SEARCH_PAGE``.
"""

import asyncio
import re
from html import escape, unescape
from urllib.parse import urlencode

from markupsafe import Markup

from frontend import locales
from frontend.api_client import CMSNotFound, Fetch, JSONObject
from frontend.messages import N_, gettext
from frontend.page_types import BadPageRequest, Context, Query
from frontend.paging import parse_page_number
from frontend.settings import Settings
from frontend.widgets import items_of

MAX_QUERY_LENGTH = 200
SEARCH_TOO_LONG = N_("Search for at most %(count)s characters.")
#: The deepest page offered (20 stories a page: the first 10 000 matches).
MAX_SEARCH_PAGE = 500
ORDERS = {"relevance": None, "newest": "-first_published_at"}
FACETS = ("section", "country", "author", "year")
FACET_VALUE = re.compile(r"[-\w]{1,100}")
BAD_FILTER = N_("'%(name)s' is not a valid filter value.")
MARK = re.compile(r"(</?mark>)")


def marked(html: str | None) -> Markup:
    """The CMS's highlight as markup in which ``<mark>`` is the only element: every other
    piece is read as text (entities decoded) and escaped again."""
    parts, open_marks = [], 0
    for piece in MARK.split(html or ""):
        if piece == "<mark>" and not open_marks:
            parts.append(piece)
            open_marks = 1
        elif piece == "</mark>" and open_marks:
            parts.append(piece)
            open_marks = 0
        elif piece not in ("<mark>", "</mark>"):
            parts.append(escape(unescape(piece), quote=False))
    return Markup("".join(parts) + ("</mark>" if open_marks else ""))  # noqa: S704


def state_of(query: Query, locale: str) -> dict[str, str]:
    """The search's state from the query string, checked (400 on a malformed filter)."""
    state = {"q": (query.get("q") or "").strip()}
    if query.get("order") in ORDERS and query.get("order") != "relevance":
        state["order"] = query["order"]
    for name in FACETS:
        value = query.get(name)
        if value:
            if not FACET_VALUE.fullmatch(value):
                raise BadPageRequest(gettext(locale, BAD_FILTER) % {"name": name})
            state[name] = value
    return state


def link(
    base: str, state: dict[str, str], change: dict[str, str | None] | None = None, page: int = 1
) -> str:
    """The search URL of ``state`` with ``change`` (None removes a key), on page ``page``."""
    merged = {**state, **(change or {})}
    params = [(key, value) for key, value in merged.items() if value]
    if page > 1:
        params.append(("page", str(page)))
    return base + "?" + urlencode(params)


def page_numbers(number: int, pages: int) -> list[int | None]:
    """The pages linked around ``number``: the first, the last and two either side (None is a
    gap)."""
    shown = sorted({1, pages, *range(max(1, number - 2), min(pages, number + 2) + 1)})
    numbers: list[int | None] = []
    for n in shown:
        if numbers and n - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


def paging(base: str, state: dict[str, str], number: int, total: int, per_page: int) -> Context:
    pages = max(1, min(-(-total // per_page), MAX_SEARCH_PAGE))
    return {
        "number": number,
        "pages": pages,
        "previous": link(base, state, page=number - 1) if number > 1 else None,
        "next": link(base, state, page=number + 1) if number < pages else None,
        "numbers": [
            {"number": n, "url": link(base, state, page=n) if n else None, "current": n == number}
            for n in page_numbers(number, pages)
        ],
    }


def facet_links(base: str, state: dict[str, str], facets: JSONObject) -> Context:
    """Each facet's values as links that narrow the search (or, when active, widen it)."""
    found: Context = {}
    for name in FACETS:
        values = facets.get(name) if isinstance(facets, dict) else None
        if not isinstance(values, list):
            continue
        found[name] = [
            {
                "label": str(value.get("label", value.get("value"))),
                "count": value.get("count", 0),
                "active": state.get(name) == str(value.get("value")),
                "url": link(base, state, {name: str(value.get("value"))}),
            }
            for value in values
            if isinstance(value, dict) and value.get("value") is not None
        ]
    return found


def active_filters(base: str, state: dict[str, str], facets: Context) -> list[Context]:
    """The filters in force, each with the link that removes it."""
    active = []
    for name in FACETS:
        if name in state:
            labels = [value["label"] for value in facets.get(name, []) if value["active"]]
            label = labels[0] if labels else state[name]
            active.append({"name": name, "label": label, "url": link(base, state, {name: None})})
    return active


async def load_search(fetch: Fetch, query: Query, settings: Settings) -> Context:
    state = state_of(query, fetch.locale)
    text = state["q"]
    if len(text) > MAX_QUERY_LENGTH:
        message = gettext(fetch.locale, SEARCH_TOO_LONG)
        raise BadPageRequest(message % {"count": MAX_QUERY_LENGTH})
    number = parse_page_number(query)
    if not text:
        return {"q": "", "stories": [], "links": [], "pagination": None}
    if number > MAX_SEARCH_PAGE:
        raise CMSNotFound(f"search pages stop at {MAX_SEARCH_PAGE}")
    per_page = settings.page_size
    filters = {name: state[name] for name in FACETS if name in state}
    stories, links = await asyncio.gather(
        fetch.articles(
            search=text,
            order=ORDERS[state.get("order", "relevance")],
            limit=per_page,
            offset=(number - 1) * per_page,
            **filters,
        ),
        fetch.optional("v3/directory/links/", {"q": text, "limit": 10})
        if number == 1 and not filters
        else _none(),
    )
    meta = stories["meta"]
    total = meta["total_count"]
    if number > 1 and not stories["items"]:
        raise CMSNotFound(f"search page {number} is past the last")
    base = locales.prefix(fetch.locale) + "/search/"
    facets = facet_links(base, state, meta.get("facets") or {})
    return {
        "q": text,
        "stories": stories["items"],
        "total": total,
        "exact": meta.get("total_count_exact", True),
        "order": state.get("order", "relevance"),
        "sorts": {
            name: link(base, state, {"order": None if name == "relevance" else name})
            for name in ORDERS
        },
        "facets": facets,
        "active_filters": active_filters(base, state, facets),
        "links": items_of(links),
        "pagination": paging(base, state, number, total, per_page),
        "marked": marked,
    }


async def _none() -> None:
    return None
