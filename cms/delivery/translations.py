"""A page's ``meta.translations``: its public translations, each with its public path.

Read when a detail or find answer is sent (one query), never stored with the page's API
document, so publishing or withdrawing a translation shows on the other editions at once.
"""

from wagtail.models import Page

from cms.delivery import visibility
from cms.delivery.conf import settings
from cms.delivery.paths import page_path


def translations_of(page_id: int, translation_key) -> list[dict]:
    """``[{"locale", "id", "title", "html_path", "url"}]`` of the publicly visible
    translations of the page (not the page itself), by language code."""
    pages = visibility.public_pages(
        Page.objects.filter(translation_key=translation_key).exclude(pk=page_id)
    ).select_related("locale")
    found = []
    for page in sorted(pages, key=lambda page: page.locale.language_code):
        path = page_path(page)
        if path is None:  # outside every site
            continue
        found.append(
            {
                "locale": page.locale.language_code,
                "id": page.pk,
                "title": page.title,
                "html_path": path,
                "url": settings.FRONTEND_URL + path,
            }
        )
    return found
