"""The boxes editors place among a page's blocks (markets, most viewed): each names the API
endpoint its data comes from, fetched concurrently while the page is built."""

import asyncio
from typing import Any

from frontend.api_client import CMSClient, Fetch, JSONObject
from frontend.page_types import Context

# Home/section blocks whose data lives behind another endpoint (named in "source").
WIDGET_BLOCKS = {"markets_box", "most_viewed"}
# Home blocks shown in the side column rather than the main one.
ASIDE_BLOCKS = {"markets_box", "most_viewed", "newsletter_promo"}


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
