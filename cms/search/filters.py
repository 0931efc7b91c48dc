"""Search in the pages API: with a database backend, over a window of the newest matches."""

from wagtail.api.v2.filters import SearchFilter
from wagtail.search.backends import get_search_backend

from cms.search.conf import settings


def database_search():
    """Whether the search backend runs in the database (its results are a queryset)."""
    return hasattr(get_search_backend().results_class, "get_queryset")


class WindowedSearchFilter(SearchFilter):
    """``?search=`` over the newest ``API_SEARCH_WINDOW`` matching pages, with a database backend.

    Wagtail's database backends rank every match: a word in nearly every story
    means ranking (and counting) 100 000 rows, seconds on PostgreSQL. Here the
    ids of the newest matches (by ``first_published_at``; the planner reads a
    rare word from the search index, a common one in date order) are read
    first, at most ``API_SEARCH_WINDOW`` of them, and only those are ranked, or
    ordered by ``?order=``. ``total_count`` is how many there are, so it costs no
    count query (``CountedResults``). A word in fewer stories than the window
    finds every one of them, as before.
    """

    def filter_queryset(self, request, queryset, view):
        window = settings.API_SEARCH_WINDOW
        if "search" not in request.GET or not window or not database_search():
            return super().filter_queryset(request, queryset, view)
        # Wagtail's checks and 400 messages (disabled search, tags, unindexed fields);
        # search results are lazy, so this runs no query.
        super().filter_queryset(request, queryset, view)
        newest = get_search_backend().search(
            request.GET["search"],
            queryset.order_by("-first_published_at", "-id"),
            operator=request.GET.get("search_operator"),
            order_by_relevance=False,
        )
        if not hasattr(newest, "get_queryset"):  # no word left to search for (e.g. stop words)
            return queryset.none()
        # A list, not a subquery: PostgreSQL would join every match before the window.
        matches = list(newest.get_queryset().values_list("pk", "path")[:window])
        ids = [pk for pk, _ in matches]
        # The window holds only pages this reader may see that pass the filters: ranked
        # by id and tree path alone. With the visibility subqueries again, or with ids
        # only (a condition on the page type's table), PostgreSQL hash-joined the whole
        # page table (~50 ms at 100 000 stories); the paths let it look pages up.
        window_pages = queryset.model._default_manager.filter(
            pk__in=ids, path__in=[path for _, path in matches]
        )
        if isinstance(queryset.query.select_related, dict):  # e.g. {"locale": {}, ...}
            window_pages = window_pages.select_related(*queryset.query.select_related)
        if queryset.query.order_by:  # ?order= (OrderingFilter runs before this filter)
            window_pages = window_pages.order_by(*queryset.query.order_by)
        results = super().filter_queryset(request, window_pages, view)
        return CountedResults(results, len(ids))


class CountedResults:
    """Results whose number is already known; all ``WagtailPagination`` does is count and slice."""

    def __init__(self, results, count):
        self.results = results
        self.known_count = count

    def count(self):
        return self.known_count

    def __getitem__(self, key):
        return self.results[key]
