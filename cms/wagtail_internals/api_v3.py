"""Wagtail's API v3 page reads."""

from wagtail.models import Page


def narrow_v3_public_pages(narrow):
    """Make Wagtail's API v3 page reads (list, detail, find, ``ancestor_of`` …) pass through
    ``narrow(request, queryset)``.

    Wagtail 8's v3 pages router takes every page queryset from the module-level name
    ``get_pages_queryset`` of ``wagtail.api.v3.routers.pages`` and offers no hook or setting
    for it, so that name is wrapped, once (idempotent).
    """
    # Imported here: the router builds its schemas on import, after every app is ready.
    from wagtail.api.v3.routers import pages as v3_pages_router

    original = v3_pages_router.get_pages_queryset
    if getattr(original, "herald_narrowed", False):
        return

    def get_pages_queryset(request, model=Page):
        return narrow(request, original(request, model))

    get_pages_queryset.herald_narrowed = True
    get_pages_queryset.__wrapped__ = original
    v3_pages_router.get_pages_queryset = get_pages_queryset
