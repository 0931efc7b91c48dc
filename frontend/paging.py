"""Numbered pages of a listing: the reader's ``?page=`` and the links around it."""

import math

from frontend.page_types import BadPageRequest, Context, Query

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
