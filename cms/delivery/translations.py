"""A page's ``meta.translations``: its public translations, each with its public path.

Read when a detail or find answer is sent (one query), never taken from the page's stored
API document, so publishing or withdrawing a translation shows on the other editions at
once. Documents rendered together read theirs in one query (``translations_of_pages``).
"""

from wagtail.models import Page

from cms.delivery import visibility
from cms.delivery.conf import settings
from cms.delivery.paths import page_path


def translations_of(page_id: int, translation_key) -> list[dict]:
    """``[{"locale", "id", "title", "html_path", "url"}]`` of the publicly visible
    translations of the page (not the page itself), by language code."""
    return translations_of_pages([(page_id, translation_key)])[page_id]


def translations_of_pages(pages: list[tuple[int, object]]) -> dict[int, list[dict]]:
    """``translations_of`` for many ``(page id, translation key)`` at once, in one query
    (documents rendered in a batch)."""
    keys = {key for _, key in pages}
    found = visibility.public_pages(Page.objects.filter(translation_key__in=keys))
    groups: dict[object, list[Page]] = {}
    for page in sorted(found.select_related("locale"), key=lambda p: p.locale.language_code):
        groups.setdefault(page.translation_key, []).append(page)
    entries: dict[int, dict | None] = {}
    result = {}
    for page_id, key in pages:
        result[page_id] = []
        for page in groups.get(key, ()):
            if page.pk == page_id:
                continue
            if page.pk not in entries:
                entries[page.pk] = entry(page)
            if entries[page.pk] is not None:
                result[page_id].append(entries[page.pk])
    return result


def entry(page: Page) -> dict | None:
    path = page_path(page)
    if path is None:  # outside every site
        return None
    return {
        "locale": page.locale.language_code,
        "id": page.pk,
        "title": page.title,
        "html_path": path,
        "url": settings.FRONTEND_URL + path,
    }
