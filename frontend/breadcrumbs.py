"""The trail from the home page to a page ("HOME | World | Venezuela")."""

from frontend import locales
from frontend.api_client import Fetch, JSONObject
from frontend.messages import N_, gettext
from frontend.page_types import Context
from frontend.rendering import page_path

HOME = N_("HOME")


async def ancestors_of(fetch: Fetch, page_id: int) -> list[Context]:
    """The pages above ``page_id``, home first."""
    data = await fetch.optional("v2/pages/", {"ancestor_of": page_id, "limit": 20})
    items = sorted((data or {}).get("items", []), key=lambda item: len(page_path(item)))
    return [
        {"title": item["title"], "url": page_path(item), "type": item["meta"]["type"]}
        for item in items
    ]


async def breadcrumbs_for(
    fetch: Fetch, page: JSONObject, include_self: bool = True
) -> list[Context]:
    """The trail to a page, from its ``meta.parent`` when that is enough (a page one level
    below home), else from one ``ancestor_of`` query of the parent: a draft in preview
    (never published, or still being created) is no public page to ask about, but its
    section is."""
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
