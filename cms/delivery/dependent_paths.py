"""Which paths show a page: what an invalidation (``cms.delivery.invalidation``) refreshes.

Dependent frontend paths: the page, its ancestors (sections, the home page),
each ancestor's ``feed.xml``, ``/feed.xml``, ``/sitemap.xml``, ``/news-sitemap.xml``
(under ``/es/`` for a Spanish page), its live translations (their alternates and language
switcher name it), live pages that link to it (Wagtail's reference index) and whatever the
page type adds through an optional ``get_frontend_cache_paths()`` method.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex, Site

from cms.delivery.locales import path_prefix
from cms.delivery.paths import page_path

SITEWIDE_PATHS = ("/", "/feed.xml", "/sitemap.xml", "/news-sitemap.xml")
#: Above this many moved or deleted descendants, purge everything ("/*").
MAX_DESCENDANT_PATHS = 500
MAX_REFERENCING_PAGES = 100


def path_for_url_path(url_path):
    """Frontend path of a Wagtail ``url_path`` (``/home-page/world/x/`` → ``/world/x/``, a
    Spanish page's under ``/es/``)."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return path_prefix(root.language_code) + url_path[len(root.root_path) :]
    return None


def ancestor_paths(page):
    """Paths of the page's ancestors (sections and home) with their feeds."""
    paths = set()
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        path = page_path(ancestor)
        if path is None:
            continue
        paths.add(path)
        paths.add(path + "feed.xml")
    return paths


def referencing_paths(page):
    """Paths of live pages that link to ``page`` (related stories, page blocks)."""
    page_ids = (
        ReferenceIndex.get_references_to(page)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
        .distinct()[:MAX_REFERENCING_PAGES]
    )
    ids = [int(pk) for pk in page_ids if str(pk).isdigit() and int(pk) != page.pk]
    if not ids:
        return set()
    return {path for p in Page.objects.live().filter(pk__in=ids) if (path := page_path(p))}


def translation_paths(page):
    """Paths of the page's live translations: their ``meta.translations`` name this page."""
    translations = Page.objects.live().filter(translation_key=page.translation_key)
    return {path for p in translations.exclude(pk=page.pk) if (path := page_path(p))}


def frontend_paths(page):
    """Every frontend path that shows ``page`` or a list containing it."""
    prefix = path_prefix(page.locale.language_code)
    paths = {prefix + path.lstrip("/") for path in SITEWIDE_PATHS}
    paths |= translation_paths(page)
    own = page_path(page)
    if own:
        paths.add(own)
        if page.depth > 2 and not page.is_leaf():
            paths.add(own + "feed.xml")
    paths |= ancestor_paths(page)
    paths |= referencing_paths(page)
    specific = page.specific_deferred
    if hasattr(specific, "get_frontend_cache_paths"):
        paths |= set(specific.get_frontend_cache_paths())
    return paths


def api_paths(page):
    return {
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/",
        f"/api/v3/pages/{page.pk}/",
        "/api/v3/pages/",
    }


def descendant_paths(page, old_url_path=None):
    """Paths of the page's live descendants; with ``old_url_path``, where they used to be.

    Returns ``{"/*"}`` (purge everything) when there are too many to list.
    """
    descendants = list(
        Page.objects.descendant_of(page)
        .live()
        .values_list("url_path", flat=True)[: MAX_DESCENDANT_PATHS + 1]
    )
    if len(descendants) > MAX_DESCENDANT_PATHS:
        return {"/*"}
    paths = set()
    for url_path in descendants:
        if old_url_path:
            url_path = old_url_path + url_path[len(page.url_path) :]
        path = path_for_url_path(url_path)
        if path:
            paths.add(path)
    return paths
