"""Listings' ``total_count``: counted once per content generation, and never past a threshold
by a reader.

Every publication starts a new generation (``cms.delivery.invalidation``), and counting
every public story again costs in proportion to the archive. So a reader counts at most
``API_COUNT_EXACT_THRESHOLD + 1`` pages: a larger listing answers its readers with its last
exact count (or, never counted, with that lower bound), labelled ``total_count_exact:
false`` in the response's ``meta`` as a broad search's total is, while the worker counts it
(``cms.delivery.tasks.recount_listing``); the readers after that get the exact count.
"""

import hashlib

from django.db.models import QuerySet
from wagtail.models import Site

from cms.delivery import count_store, tasks
from cms.delivery.conf import settings
from cms.search.filters import CountedResults

#: Query parameters that do not change which pages a listing holds.
NOT_COUNTED = frozenset(["limit", "offset", "fields", "order", "format", "_", "rich_text_format"])


def with_cached_count(queryset, view):
    """A listing whose ``total_count`` comes from the cache while nothing was published, or
    is an estimate (``exact`` False) while the worker counts it.

    For a public reader the count is keyed by what selects the pages: the endpoint, the page
    type, the site and the filtering query parameters; for anyone else by the exact SQL of
    the listing's query (which shows what that reader may see).
    """
    if not settings.API_COUNT_CACHE_SECONDS or not isinstance(queryset, QuerySet):
        return queryset
    alias, digest = queryset.db, selection_digest(queryset, view)
    count = count_store.current(alias, digest)
    if count is not None:
        return CountedResults(queryset, count)
    threshold = settings.API_COUNT_EXACT_THRESHOLD
    last = count_store.last(alias, digest)
    if last is None or last <= threshold:
        # Never more than ``threshold + 1`` rows read: a larger listing is counted by the worker.
        last = queryset.order_by()[: threshold + 1].count()
        if last <= threshold:
            count_store.remember(alias, digest, last)
            return CountedResults(queryset, last)
    pending = count_store.mark_pending(queryset, digest)
    if pending is None:  # the worker cannot count it
        count = queryset.count()
        count_store.remember(alias, digest, count)
        return CountedResults(queryset, count)
    if pending:
        tasks.recount_listing.enqueue(alias, digest)
    return CountedResults(queryset, last, exact=False)


def selection_digest(queryset: QuerySet, view) -> str:
    request = view.request
    if view.public_reader():
        site = Site.find_for_request(request)
        selection = (
            type(view).__name__,
            queryset.model._meta.label,
            site.pk if site is not None else None,
            sorted(
                (name, value)
                for name, values in request.GET.lists()
                if name not in NOT_COUNTED
                for value in values
            ),
        )
    else:
        selection = queryset.query.sql_with_params()
    return hashlib.sha256(repr(selection).encode()).hexdigest()


def is_estimate(results) -> bool:
    """Whether a listing's ``total_count`` is an estimate (``with_cached_count``)."""
    return not getattr(results, "exact", True)


def count_meta(estimate: bool) -> dict:
    """What a listing adds to its ``meta``: ``total_count_exact: false`` for an estimate."""
    return {"total_count_exact": False} if estimate else {}
