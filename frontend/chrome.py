"""The site's chrome (name, navigation, social links, copyright, newsletter box) from
``GET /api/v3/site/``, in the shape the templates use, with the edition's defaults for
anything the CMS leaves out."""

from typing import Any

from frontend import locales
from frontend.messages import N_, gettext
from frontend.settings import Settings

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
