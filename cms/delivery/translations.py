"""A page's ``meta.translations``: its public translations, each with its public path.

Read when an answer is sent (one query for a detail, and one for a whole page of listing
items), never stored with a page's API document, so publishing or withdrawing a
translation shows on the other editions at once.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from wagtail.models import Page

from cms.delivery import visibility
from cms.delivery.conf import settings
from cms.delivery.paths import page_path


def translations_by_page(pages: Iterable[tuple[int, Any]]) -> dict[int, list[dict]]:
    """``{page id: meta.translations}`` for ``(page id, translation key)`` pairs, in one query:
    ``[{"locale", "id", "title", "html_path", "url"}]`` of the publicly visible translations
    of each page (not the page itself), by language code."""
    pairs = list(pages)
    if not pairs:
        return {}
    found = visibility.public_pages(
        Page.objects.filter(translation_key__in={key for _, key in pairs})
    ).select_related("locale")
    by_key = defaultdict(list)
    for page in sorted(found, key=lambda page: (page.locale.language_code, page.pk)):
        path = page_path(page)
        if path is None:  # outside every site
            continue
        entry = {
            "locale": page.locale.language_code,
            "id": page.pk,
            "title": page.title,
            "html_path": path,
            "url": settings.FRONTEND_URL + path,
        }
        by_key[page.translation_key].append(entry)
    return {pk: [entry for entry in by_key[key] if entry["id"] != pk] for pk, key in pairs}


def translations_of(page_id: int, translation_key: Any) -> list[dict]:
    """``meta.translations`` of one page (``translations_by_page``)."""
    return translations_by_page([(page_id, translation_key)])[page_id]


def attach_translations(pages: Iterable[Any]) -> None:
    """Read the translations of these pages in one query for ``TranslationsField`` (a
    listing's ``fields=translations``), instead of one query per page."""
    pages = list(pages)
    found = translations_by_page((page.pk, page.translation_key) for page in pages)
    for page in pages:
        page._api_translations = found[page.pk]
