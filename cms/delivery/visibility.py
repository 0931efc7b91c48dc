"""The public boundary: the one definition of which pages anonymous readers may read.

A page is **publicly visible** when

* it and every ancestor up to the site root are live,
* none of them has expired (``expire_at`` in the past, checked when the page is
  read: a story is gone at its expiry even if the scheduler has not unpublished it
  yet),
* none of them has a view restriction (login, password, groups), and
* it is not under embargo (``embargo_until`` in the future; ``cms.publishing.embargo``).

Every anonymous surface reads through this module: API v2 and v3 listings, detail,
find and search, stored API documents (``cms.delivery.documents``), teasers
(``cms.delivery.teasers``), rich-text links (``cms.delivery.page_links``), blocks that
choose pages or sections (``news.layout_blocks``), a story's ``section`` and
``meta.parent``, most viewed, the newsletter's stories, the link directory and the
site furniture's navigation. Previews with a valid token (``cms.preview``) are the
only exception.

Two forms of the same definition:

* ``public_q(model)``: a ``Q`` of correlated subqueries to put inside a query that
  is running anyway (no query of its own, so a read costs the same number of
  queries); ``public_pages(queryset)`` applies it;
* ``is_public(page)`` and ``public_ids(ids)``: for single objects, one query (none
  for a page loaded with the ``_api_public`` annotation, ``public_annotation``);
* ``public_lookups_q(model)``: field lookups only, which search backends accept in
  the queryset they search (one small query first, for the hidden subtrees).

The time is the database's (``Now()``) unless ``now`` is given, so a ``Q`` built
once per process (``public_pages_under``) stays right. Caches that keep
answers (the API response cache, listings' counts, most viewed) must not outlive
the next expiry: ``cache_seconds()`` bounds their lifetime by it.
"""

import math
import time
from functools import cache, lru_cache

from django.core.cache import cache as shared_cache
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import Length, Now, Substr
from wagtail.models import Page, PageViewRestriction, get_page_models

from cms.delivery.batch import current_batch
from cms.delivery.generation import api_cache_key, next_expiry


def _at(now):
    return Now() if now is None else now


def hides_subtree_q(now=None):
    """A page that hides itself and every page below it: not live, or expired."""
    return Q(live=False) | Q(expire_at__lte=_at(now))


def public_q(model=None, now=None, view_restrictions=True):
    """Pages of ``model`` (``Page`` or a page type) that anyone may read, as a ``Q``.

    ``view_restrictions=False`` leaves view restrictions to the caller (Wagtail's own
    check, for a reader who has passed a password or signed in); everything else
    applies to every reader of the public API.
    """
    model = model or Page
    at = _at(now)
    # Only pages with children can hide other pages. The subquery's two arms, unpublished and
    # expired, each read a partial index holding only such pages (migration 0004), usually
    # none, so the check costs the same at any archive size.
    hidden_ancestor = (
        Page.objects.filter(numchild__gt=0, depth__gt=1)
        .filter(hides_subtree_q(now))
        .filter(path=Substr(OuterRef("path"), 1, Length("path")))
    )
    condition = (
        Q(live=True)
        & (Q(expire_at__isnull=True) | Q(expire_at__gt=at))
        & ~Exists(hidden_ancestor)
        & _not_embargoed(model, at)
    )
    if view_restrictions:
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        condition &= ~Exists(restricted)
    return condition


def hidden_subtree_paths(now=None):
    """Tree paths of the pages that hide themselves and everything below them from anonymous
    readers: unpublished pages with children, live pages past their expiry, embargoed pages
    and view-restricted pages.

    Read once per API cache generation (every publication, unpublication and restriction
    change bumps it) until the next expiry, and kept for the request.
    """
    if now is not None:
        return _read_hidden_subtree_paths(now)
    batch = current_batch()
    if batch is not None and "hidden_subtree_paths" in batch:
        return batch["hidden_subtree_paths"]
    key = api_cache_key("hidden-subtree-paths")
    known = shared_cache.get(key)
    if known is not None and (not known["until"] or known["until"] > time.time()):
        paths = known["paths"]
    else:
        # An embargo cannot end on a live page (cms.publishing.embargo refuses to publish
        # under one), so only an expiry changes this set between generations.
        until = next_expiry()
        paths = _read_hidden_subtree_paths(None)
        shared_cache.set(key, {"paths": paths, "until": until or 0}, None)
    if batch is not None:
        batch["hidden_subtree_paths"] = paths
    return paths


def _read_hidden_subtree_paths(now):
    """``hidden_subtree_paths`` from the database: a handful of rows in any archive (the
    scheduler unpublishes what expires), each part read through an index; one query."""
    at = _at(now)
    parents = Page.objects.filter(numchild__gt=0, depth__gt=1, live=False)
    expired = Page.objects.filter(live=True, expire_at__lte=at)
    parts = [
        parents.values_list("path", flat=True),
        expired.values_list("path", flat=True),
        PageViewRestriction.objects.values_list("page__path", flat=True),
    ]
    parts += [
        model.objects.filter(embargo_until__gt=at).values_list("path", flat=True)
        for model in embargo_models()
    ]
    parts = [part.order_by() for part in parts]  # SQLite: no ORDER BY inside a UNION
    return sorted(set(parts[0].union(*parts[1:])))


def public_lookups_q(now=None):
    """The boundary as field lookups a search backend accepts in the queryset it searches.

    The same definition as ``public_q``, with every hidden page and subtree given as a
    path prefix (``hidden_subtree_paths``): the database can then walk a search's
    matches newest first and test each one, rather than building the set of every
    public page before the first match.
    """
    condition = Q(live=True)
    for path in hidden_subtree_paths(now):
        condition &= ~Q(path__startswith=path)
    return condition


@cache
def embargo_models():
    """Concrete page types with an ``embargo_until`` field (``cms.publishing.embargo``, which
    builds on this package, so it is found by its field rather than imported)."""
    return tuple(
        model
        for model in get_page_models()
        if any(field.name == "embargo_until" for field in model._meta.get_fields())
    )


def _not_embargoed(model, at):
    condition = Q()
    for embargoed in embargo_models():
        if issubclass(model, embargoed):  # the field is on the rows being filtered
            condition &= Q(embargo_until__isnull=True) | Q(embargo_until__lte=at)
        elif issubclass(embargoed, model):  # e.g. Page: an uncorrelated id list
            condition &= ~Q(pk__in=embargoed.objects.filter(embargo_until__gt=at).values("pk"))
    # Embargoed pages have no children (ArticlePage.subpage_types), so ancestors are not
    # checked for an embargo.
    return condition


def public_pages(queryset, now=None):
    """``queryset`` narrowed to the publicly visible pages, in the same query."""
    return queryset.filter(public_q(queryset.model, now))


def public_annotation(model=None, now=None):
    """The boundary as a boolean column (``.annotate(_api_public=public_annotation())``)."""
    return ExpressionWrapper(public_q(model, now), output_field=BooleanField())


def public_pages_under(model, path, depth):
    """Public pages of ``model`` at ``depth`` or deeper below ``path`` (a section), built
    once per process: clone it with ``.all()``."""
    return public_pages_under_roots(model, ((path, depth),))


@lru_cache(maxsize=256)
def public_pages_under_roots(model, roots):
    """Public pages of ``model`` below any of ``roots`` (``((path, depth), …)``: a site's
    root page and its translations, each at its depth or deeper), built once per process:
    clone it with ``.all()``. Building the boundary's subqueries costs more than running
    them; their time is the database's, so a kept queryset stays right."""
    within = Q()
    for path, depth in roots:
        within |= Q(path__startswith=path, depth__gte=depth)
    return public_pages(model.objects.all()).filter(within)


def public_ids(page_ids, now=None):
    """The ids among ``page_ids`` of publicly visible pages (one query; none if empty)."""
    page_ids = {pk for pk in page_ids if pk}
    if not page_ids:
        return set()
    return set(public_pages(Page.objects.filter(pk__in=page_ids), now).values_list("pk", flat=True))


def is_public(page, now=None):
    """Whether one page is publicly visible.

    Free for a page loaded with the ``_api_public`` annotation (``page_loading.load_pages``),
    else one query (its ancestors are read by the database).
    """
    if page is None or page.pk is None:
        return False
    known = getattr(page, "_api_public", None)
    if known is not None and now is None:
        return bool(known)
    found = page.pk in public_ids([page.pk], now)
    if now is None:
        page._api_public = found  # asked again while the page is shown (one request)
    return found


def cache_seconds(seconds):
    """``seconds``, or less when a page expires sooner (at least 1 second when it does)."""
    expiry = next_expiry() if seconds else None
    if expiry is None:
        return seconds
    return max(1, min(seconds, math.ceil(expiry - time.time())))


def v3_public_pages(request, queryset):
    """Wagtail's API v3 page queryset for ``request``, narrowed to the boundary for readers who
    are not signed in (view restrictions stay Wagtail's check, which honours passwords
    entered in the session); the signed-in tier (editors' permissions) is left as it is.
    Installed by ``cms.wagtail_internals.api_v3.narrow_v3_public_pages``."""
    if request.user.is_authenticated:
        return queryset
    # One ``pk IN (…)``: search backends accept it (they filter field by field).
    visible = Page.objects.filter(public_q(Page, view_restrictions=False))
    return queryset.filter(pk__in=visible.values("pk"))
