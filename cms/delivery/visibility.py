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
  for a page loaded with the ``_api_public`` annotation, ``public_annotation``).

The time is the database's (``Now()``) unless ``now`` is given, so a ``Q`` built
once per process (``cms.delivery.projection.public_site_pages``) stays right. Caches that keep
answers (the API response cache, listings' counts, most viewed) must not outlive
the next expiry: ``cache_seconds()`` bounds their lifetime by it.
"""

import math
import time
from functools import cache

from django.db.models import BooleanField, Exists, ExpressionWrapper, Min, OuterRef, Q
from django.db.models.functions import Length, Now, Substr
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, get_page_models

from cms.delivery.generation import api_cache_key


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
    # Only pages with children can hide other pages (a partial index on the paths of
    # such pages, cms/delivery/migrations/0002, keeps this subquery small at any archive size).
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


def next_expiry():
    """Unix time of the next expiry of a live page, or None: when an answer cached now may
    start showing a page that is no longer public.

    Kept in the shared cache under the API cache generation (every publication and
    expiry bumps it): one query per generation, and one more when that time passes.
    """
    from django.core.cache import cache as shared_cache

    key = api_cache_key("next-expiry")
    now = time.time()
    known = shared_cache.get(key)
    if known is not None and (known == 0 or known > now):
        return known or None
    earliest = (
        Page.objects.filter(live=True, expire_at__gt=timezone.now())
        .aggregate(earliest=Min("expire_at"))
        .get("earliest")
    )
    value = earliest.timestamp() if earliest is not None else 0
    shared_cache.set(key, value, None)
    return value or None


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
    Installed by ``cms.wagtail_internals.narrow_v3_public_pages``."""
    if request.user.is_authenticated:
        return queryset
    # One ``pk IN (…)``: search backends accept it (they filter field by field).
    visible = Page.objects.filter(public_q(Page, view_restrictions=False))
    return queryset.filter(pk__in=visible.values("pk"))
