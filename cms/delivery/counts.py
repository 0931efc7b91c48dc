"""Listings' ``total_count`` kept in the cache between publications."""

import hashlib

from django.core.cache import cache
from django.db.models import (
    QuerySet,
)
from wagtail.models import Site

from cms.delivery import visibility
from cms.delivery.conf import settings
from cms.delivery.generation import api_cache_key
from cms.search.filters import CountedResults

#: Query parameters that do not change which pages a listing holds.
NOT_COUNTED = frozenset(["limit", "offset", "fields", "order", "format", "_", "rich_text_format"])


def with_cached_count(queryset, view):
    """A listing whose ``total_count`` comes from the cache while nothing was published.

    Under the API cache generation (``cms.delivery.invalidation``), which every
    publication, expiry, move, deletion and privacy change bumps. For a public
    reader the count is keyed by what selects the pages: the endpoint, the page
    type, the site and the filtering query parameters; for anyone else by the
    exact SQL of the listing's query (which shows what that reader may see).
    """
    seconds = settings.API_COUNT_CACHE_SECONDS
    if not seconds or not isinstance(queryset, QuerySet):
        return queryset
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
    digest = hashlib.sha256(repr(selection).encode()).hexdigest()
    key = api_cache_key(f"count:{queryset.db}:{digest}")
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, visibility.cache_seconds(seconds))
    return CountedResults(queryset, count)
