"""The site's chrome (name, navigation, social links, copyright, newsletter box) from
``GET /api/v3/site/``, in the shape the templates use, with the edition's defaults for
anything the CMS leaves out, and the boxes every page shows beside it (markets, most
viewed)."""

import asyncio
import logging
from typing import Any

from frontend import locales
from frontend.api_client import Fetch
from frontend.messages import N_, gettext
from frontend.page_types import Context
from frontend.rendering import page_path
from frontend.settings import Settings
from frontend.widgets import items_of

logger = logging.getLogger("frontend.chrome")

CHROME_MOST_VIEWED: dict[str, str | int] = {"period": "24h", "limit": 5}

DEFAULT_NEWSLETTER_TITLE = N_("Receive Our Daily Headlines")
DEFAULT_NEWSLETTER_TEXT = N_(
    "Enter your email address to subscribe to free headlines from the %(site)s:"
)
DEFAULT_COPYRIGHT = N_("Copyright %(site)s © All rights reserved")


def normalize_site(
    data: Any, settings: Settings, locale: str = locales.DEFAULT_LOCALE
) -> dict[str, Any]:
    """``GET /api/v3/site/`` in the shape the templates use; defaults (in the edition's
    language) for anything missing."""
    data = data if isinstance(data, dict) else {}
    newsletter = data.get("newsletter") if isinstance(data.get("newsletter"), dict) else {}
    social = []
    for item in data.get("social_links") or []:
        if isinstance(item, dict) and item.get("url"):
            platform = str(item.get("platform") or "other").lower()
            social.append({**item, "platform": platform, "label": item.get("label") or platform})
    whats_new = _links([data["whats_new"]], settings) if data.get("whats_new") else []
    return {
        "name": data.get("site_name") or settings.site_name,
        "navigation": _links(data.get("navigation"), settings),
        "social": social,
        "copyright": data.get("copyright")
        or gettext(locale, DEFAULT_COPYRIGHT) % {"site": settings.site_name},
        "whats_new": whats_new[0] if whats_new else None,
        "newsletter": {
            "title": newsletter.get("heading") or gettext(locale, DEFAULT_NEWSLETTER_TITLE),
            "text": newsletter.get("blurb")
            or gettext(locale, DEFAULT_NEWSLETTER_TEXT) % {"site": settings.site_name},
            "consent_text": newsletter.get("consent_text") or "",
            "consent_text_version": newsletter.get("consent_text_version") or "",
        },
    }


def _links(items: Any, settings: Settings) -> list[dict[str, Any]]:
    """Menu links: ``{title, url, children}``; our own pages as paths."""
    result = []
    for item in items or []:
        if not isinstance(item, dict):
            continue
        url = item.get("html_path") or item.get("url")
        label = item.get("label") or item.get("title")
        if not url or not label:
            continue
        result.append(
            {
                "title": label,
                "url": _local(url, settings),
                "children": _links(item.get("children"), settings),
            }
        )
    return result


def _local(url: str, settings: Settings) -> str:
    """Links to our own site as paths; other sites stay absolute."""
    if url.startswith(settings.site_url):
        return url[len(settings.site_url) :] or "/"
    return url


async def load_chrome(fetch: Fetch, settings: Settings) -> Context:
    site, markets, most_viewed = await asyncio.gather(
        fetch.optional("v3/site/"),
        fetch.optional("v3/markets/"),
        fetch.optional("v3/most-viewed/", CHROME_MOST_VIEWED),
    )
    site_info = normalize_site(site, settings, fetch.locale)
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
