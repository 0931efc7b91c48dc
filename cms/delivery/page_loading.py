"""Pages as their specific types with what the API shows, each kind in one query."""

from functools import cache

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page, get_page_models

from cms.delivery.visibility import public_annotation


@cache
def _specific_paths():
    """``{page model: select_related path from Page}`` for every concrete page type."""
    paths = {}
    for model in get_page_models():
        chain, current = [], model
        while current is not Page:
            parents = [parent for parent in current._meta.parents if issubclass(parent, Page)]
            if not parents:
                break
            chain.append(current._meta.model_name)
            current = parents[0]
        if current is Page and chain:
            paths[model] = "__".join(reversed(chain))
    return paths


@cache
def _stream_fields():
    """``path__field`` of every page type's stream fields: pages loaded to point at
    (teasers, links, parents) never show their bodies, the largest values of a page."""
    from wagtail.fields import StreamField

    return tuple(
        f"{path}__{field.name}"
        for model, path in _specific_paths().items()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField) and field.model is model
    )


def select_specific(queryset):
    """A ``Page`` queryset that brings each page's specific row in the same query.

    Wagtail's ``.specific()`` costs one query for the ids and content types and
    one more per page type; here every page type's table is a ``LEFT JOIN`` (with
    what the type's API representation joins, ``api_select_related``), and
    ``as_specific`` picks the right instance. For short lists of pages (a
    listing's references, one page's detail).
    """
    related = []
    for model, path in _specific_paths().items():
        related.append(path)
        related += [f"{path}__{name}" for name in getattr(model, "api_select_related", ())]
    return queryset.select_related(*related)


def as_specific(page):
    """The specific instance of a page loaded through ``select_specific`` (no query)."""
    model = page.specific_class
    path = _specific_paths().get(model)
    if path is None:
        return page
    specific = page
    for name in path.split("__"):
        specific = getattr(specific, name, None)
        if specific is None:  # a row missing from a type's table: fall back to Wagtail
            return page.specific
    if Page._meta.get_field("locale").is_cached(page):
        specific.locale = page.locale
    for name in ("_api_visible", "_api_public"):
        if hasattr(page, name):
            setattr(specific, name, getattr(page, name))
    return specific


@cache
def _pages_for_api():
    """Pages with their specific rows and ``_api_public``, without stream fields, built once
    per process (filtering clones it): resolving the boundary's subqueries costs more than
    running them, and their time is the database's."""
    queryset = Page.objects.annotate(_api_public=public_annotation())
    return select_specific(queryset).defer(*_stream_fields())


def load_pages(page_ids=(), paths=(), visible_in=None):
    """Pages by id and by tree path, as their specific types, in one query.

    Every page carries ``_api_public`` (publicly visible: ``cms.delivery.visibility``);
    with ``visible_in`` (a queryset) also ``_api_visible`` (whether that queryset holds it).
    Returns ``(by_id, by_path)``.
    """
    page_ids, paths = set(page_ids), set(paths)
    if not page_ids and not paths:
        return {}, {}
    queryset = _pages_for_api().filter(Q(pk__in=page_ids) | Q(path__in=paths))
    if visible_in is not None:
        queryset = queryset.annotate(
            _api_visible=Exists(visible_in.filter(pk=OuterRef("pk")).values("pk"))
        )
    pages = [as_specific(page) for page in queryset]
    by_id = {page.pk: page for page in pages if page.pk in page_ids}
    by_path = {page.path: page for page in pages if page.path in paths}
    return by_id, by_path
