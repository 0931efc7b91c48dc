"""Every private name of Wagtail, DRF, django-taggit, treebeard, django-ninja and Django we use.

The rest of the code calls these instead of touching a library's private attribute
or undocumented behaviour, so an upgrade has one place to look at. Each entry says
what we rely on and why no public API does it; each has a test against the
installed libraries that names the assumption (``tests/platform/test_wagtail_internals.py``),
and ``tests/platform/test_private_names.py`` fails when another module of ``cms``,
``home``, ``news`` or ``directory`` reaches for a private name itself.

Where a public API exists it is used instead, not wrapped here: the RFC 7807 title of
a status (``wagtail.api.v3.errors.build_problem_detail``), tag fields
(``Model._meta.get_field`` and ``taggit.managers.TaggableManager``), a formset form's
deletion (its ``DELETE`` field), whether a relation is loaded (``field.is_cached``).
"""

import re
from types import SimpleNamespace

from django.db.models import Value
from django.db.models.functions import Concat, Length, Substr
from wagtail import hooks
from wagtail.blocks.list_block import ListValue
from wagtail.models import Page, ReferenceIndex, Site

# --- treebeard: materialised paths ------------------------------------------------------

#: Width of one step of a page's tree path (treebeard's ``MP_Node.steplen``, 4 for pages).
_STEPLEN = Page.steplen
#: Digits of a path step, lowest first (treebeard's ``MP_Node.alphabet``: base 36).
_ALPHABET = Page.alphabet


def parent_path(path):
    """The tree path of a page's parent: its own path minus the last ``steplen`` characters
    (treebeard's ``_get_basepath``, private; ``get_parent()`` costs a query)."""
    return path[:-_STEPLEN]


def parent_path_expression(path_expression):
    """``parent_path`` as a query expression (e.g. of ``OuterRef("path")``), for reading each
    page's parent in the query that lists the pages."""
    return Substr(path_expression, 1, Length(path_expression) - _STEPLEN)


def children_path_range(parent_path_expression):
    """``(lowest, highest)`` tree paths of the children of the page at that path (a string or
    a query expression), for a ``path__range`` the path index serves, as treebeard's
    ``get_children`` (which needs the parent loaded first) filters them."""
    first, last = _ALPHABET[0] * _STEPLEN, _ALPHABET[-1] * _STEPLEN
    if isinstance(parent_path_expression, str):
        return parent_path_expression + first, parent_path_expression + last
    return (
        Concat(parent_path_expression, Value(first)),
        Concat(parent_path_expression, Value(last)),
    )


def path_step(position):
    """The last step of the path of a parent's ``position``-th child, as treebeard numbers
    children (``MP_Node._get_path``/``_int2str``, private); ``ValueError`` past the last one."""
    digits = []
    while position:
        position, digit = divmod(position, len(_ALPHABET))
        digits.append(_ALPHABET[digit])
    value = "".join(reversed(digits)) or _ALPHABET[0]
    if len(value) > _STEPLEN:
        raise ValueError(f"a page cannot hold more than {len(_ALPHABET) ** _STEPLEN - 1} children")
    return value.rjust(_STEPLEN, _ALPHABET[0])


def step_position(path):
    """The position among its siblings of the page at ``path`` (the inverse of ``path_step``;
    treebeard's ``_str2int``, private)."""
    return int(path[-_STEPLEN:], len(_ALPHABET))


def cache_parents(pages):
    """Reads the parents of ``pages`` in one query (with their locale) and keeps each where
    treebeard's ``get_parent()`` looks before it queries (``_cached_parent_obj``, private; no
    public setter), for views that call it row by row (the page chooser's search results)."""
    paths = {parent_path(page.path) for page in pages if page.depth > 1}
    parents = {
        parent.path: parent
        for parent in Page.objects.filter(path__in=paths).select_related("locale")
    }
    for page in pages:
        if page.depth > 1 and (parent := parents.get(parent_path(page.path))) is not None:
            page._cached_parent_obj = parent


# --- Wagtail: the request's site --------------------------------------------------------

#: What ``site_found_for_request`` answers before ``Site.find_for_request`` ran.
NOT_LOOKED_UP = object()


def site_found_for_request(request):
    """The site ``Site.find_for_request`` already found for this request, or ``NOT_LOOKED_UP``:
    Wagtail keeps it on ``request._wagtail_site`` and has no public way to ask whether it
    looked it up (calling it looks it up, a query)."""
    return getattr(request, "_wagtail_site", NOT_LOOKED_UP)


def set_site_for_request(request, site):
    """Make ``Site.find_for_request(request)`` (Wagtail's code and ours) answer ``site`` for
    the rest of the request without a query: Wagtail reads ``request._wagtail_site`` first
    and has no public setter (``cms.delivery.paths.find_site``, ``api.render_documents``)."""
    request._wagtail_site = site


def url_parts_cache():
    """An object to pass as ``request`` to ``Page.get_url_parts`` so Wagtail reads the site
    root paths once for every page it is given with: Wagtail keeps them on whatever object it
    gets (``_get_site_root_paths(cache_object)``); a real request is not always at hand."""
    return SimpleNamespace()


def share_site_root_paths(pages):
    """Lets every page of ``pages`` find its URL without asking for the site root paths (a
    cache read, Redis in production) once per page: asked without a request (``page.url``, as
    the admin's status badges and "View live" buttons ask), Wagtail keeps them on the page itself
    (``_wagtail_cached_site_root_paths``, the attribute ``url_parts_cache`` relies on)."""
    root_paths = Site.get_site_root_paths()
    for page in pages:
        page._wagtail_cached_site_root_paths = root_paths


# --- Wagtail: hooks ---------------------------------------------------------------------


def unregister_hook(hook_name, fn):
    """Take ``fn`` out of a Wagtail hook (its registry, ``wagtail.hooks._hooks``, private:
    Wagtail has no public way to unregister outside ``register_temporarily``)."""
    registered = hooks._hooks.get(hook_name, [])
    registered[:] = [entry for entry in registered if entry[0] is not fn]


# --- Wagtail: API v2 serializers --------------------------------------------------------


def api_serializer_class(viewset, router, model, fields_config, show_details):
    """The serializer class ``viewset`` would use for ``model`` and a parsed ``?fields=``
    (``parse_fields_parameter``), its 400s included: the classmethod
    ``BaseAPIViewSet._get_serializer_class``; the public ``get_serializer_class`` needs a
    request and its view, and we build these once per process (``projection.projection``)."""
    return viewset._get_serializer_class(router, model, fields_config, show_details=show_details)


# --- Wagtail: blocks --------------------------------------------------------------------


def list_value(list_block, items):
    """A ``ListBlock`` value from ``(value, id)`` pairs that keeps the stored item ids, without
    ``to_python`` querying the values again: ``ListValue.ListChild`` (undocumented) is the only
    way to give an item its id (``ListValue(values=…)`` makes new ones)."""
    children = [ListValue.ListChild(list_block.child_block, value, id=id) for value, id in items]
    return ListValue(list_block, bound_blocks=children)


# --- Wagtail: reference index -----------------------------------------------------------


def reference_base_content_type(model):
    """The content type Wagtail's reference index stores as ``base_content_type`` and
    ``to_content_type`` for ``model`` (its root concrete model): ``ReferenceIndex.
    _get_base_content_type``, private; ``generate_stories`` writes the rows itself."""
    return ReferenceIndex._get_base_content_type(model)


def reference_content_path_hash(content_path):
    """The ``content_path_hash`` Wagtail's reference index stores for a content path:
    ``ReferenceIndex._get_content_path_hash``, private; ``generate_stories`` writes the rows
    itself."""
    return ReferenceIndex._get_content_path_hash(content_path)


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


# --- django-ninja: the operations an API serves -----------------------------------------


def api_operations(api):
    """``(path, operation)`` for every operation ``api`` serves (the path below the API's
    root, e.g. ``/pages/{page_id}/``), as its OpenAPI document
    reads them: ninja builds per-API copies of its routers' operations when the URLs
    are first read (``NinjaAPI._get_bound_routers``, private) and offers no public list.
    ``operation.openapi_extra`` (public, a route decorator's argument) is merged into the
    operation's entry in the document."""
    for bound_router in api._get_bound_routers():
        for path, path_view in bound_router.path_operations.items():
            for operation in path_view.operations:
                full_path = re.sub("/+", "/", f"/{bound_router.prefix}/{path}")
                yield full_path, operation
