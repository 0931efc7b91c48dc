"""A page's other editions: ``hreflang`` alternates and the language switcher's links.

Both come from what the CMS says about the page: its ``meta.locale`` and the public
translations listed in ``meta.translations`` (detail and find answers; listings carry
them only when asked for ``fields=translations``).
"""

from typing import Any

from frontend import locales
from frontend.api_client import JSONObject
from frontend.rendering import page_path


def page_locale(page: JSONObject) -> str:
    """``meta.locale`` of an API page; its path's prefix when the CMS does not say."""
    locale = str((page.get("meta") or {}).get("locale") or "")
    return locale if locale in locales.LOCALES else locales.locale_of_path(page_path(page))


def translations_of(page: JSONObject) -> dict[str, str]:
    """Locale → site path of each public translation the page names (``meta.translations``)."""
    found: dict[str, str] = {}
    for item in (page.get("meta") or {}).get("translations") or []:
        if not isinstance(item, dict):
            continue
        locale, path = item.get("locale"), page_path(item)
        if locale in locales.LOCALES and path.startswith("/"):
            found[str(locale)] = path
    return found


def alternates(page: JSONObject, editions: locales.Editions) -> list[dict[str, str]]:
    """``hreflang`` links of a page with translations: each version (the page included) and
    ``x-default``, the default edition's version. None for a page in one language only."""
    versions = {**translations_of(page), page_locale(page): page_path(page)}
    if len(versions) < 2:
        return []
    links = [
        {"hreflang": locale, "href": editions.absolute(versions[locale])}
        for locale in locales.LOCALES
        if locale in versions
    ]
    default = versions.get(locales.DEFAULT_LOCALE)
    if default:
        links.append({"hreflang": "x-default", "href": editions.absolute(default)})
    return links


def switch_links(page: JSONObject, editions: locales.Editions) -> list[dict[str, Any]]:
    """The language switcher: each other edition's version of the page, else its home."""
    locale = page_locale(page)
    versions = translations_of(page)
    return [
        {
            "locale": other,
            "name": locales.NATIVE_NAMES[other],
            "url": editions.link(versions.get(other) or locales.home_path(other)),
            "translated": other in versions,
        }
        for other in locales.other_locales(locale)
    ]
