"""``?search=`` in the pages API: relevance × recency over every match (``cms.search.ranking``).

With a database backend the ranking reads the search table (PostgreSQL) or Wagtail's
backend (SQLite); the API's queryset (the public boundary and the request's other
filters) decides which candidates are shown. ``?order=`` other than relevance and
newest first sorts every match in the database. Elasticsearch/OpenSearch
(``SEARCH_URL``) keep Wagtail's own search filter.
"""

from datetime import datetime

from django.db import connection
from django.db.models.expressions import RawSQL
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.api.v2.filters import SearchFilter
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.search.backend_ranking import backend_query, rank_backend
from cms.search.facet_labels import answer_language, labelled
from cms.search.highlights import highlights
from cms.search.queries import clauses, tsquery_text
from cms.search.ranking import match_sql, rank_postgres
from cms.search.rows import Ranking

NEWEST_FIRST = ("-first_published_at",)


def database_search():
    """Whether the search backend runs in the database (its results are a queryset)."""
    return hasattr(get_search_backend().results_class, "get_queryset")


def needed_rows(request) -> int:
    """``offset + limit`` of the request (the paginator reports malformed values)."""
    try:
        return max(int(request.GET.get("offset", 0)), 0) + max(int(request.GET.get("limit", 20)), 1)
    except ValueError:
        return 20


class RankedSearchFilter(SearchFilter):
    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET or not database_search():
            return super().filter_queryset(request, queryset, view)
        # Wagtail's checks and 400 messages (disabled search, tags, unindexed fields);
        # search results are lazy, so this runs no query.
        super().filter_queryset(request, queryset, view)
        found = clauses(request.GET["search"])
        operator = request.GET.get("search_operator")
        # ``?order=`` (OrderingFilter runs before this filter); without it, by relevance.
        order = tuple(queryset.query.order_by) if "order" in request.GET else ()
        if not found:
            return queryset.none()
        request.search_clauses = (found, operator)
        if order not in ((), NEWEST_FIRST):
            return self.sorted_matches(found, operator, queryset)
        by_date = order == NEWEST_FIRST
        needed = needed_rows(request)
        if connection.vendor == "postgresql":

            def visible(ids: list[int]) -> dict[int, datetime | None]:
                shown = queryset.order_by().filter(pk__in=ids)
                return dict(shown.values_list("pk", "first_published_at"))

            shown_sql = queryset.order_by().values("pk").query.sql_with_params()
            model = queryset.model
            types = None if model is Page else get_descendants_content_types_pks(model)
            # A public reader's boundary is in the SQL's parameters (the hidden subtrees).
            in_params = bool(getattr(view, "public_reader", lambda: False)())
            ranking = rank_postgres(
                found, operator, visible, shown_sql, needed, by_date, types, in_params
            )
        else:
            ranking = rank_backend(found, operator, queryset, needed, by_date)
        request.search_ranking = ranking
        return RankedResults(queryset, ranking)

    def sorted_matches(self, found, operator, queryset):
        if connection.vendor != "postgresql":
            backend = get_search_backend()
            return backend.search(
                backend_query(found, operator), queryset, order_by_relevance=False
            )
        match, _, params, _ = match_sql(tsquery_text(found, operator))
        matching = f"SELECT page_id FROM cms_search_entry WHERE {match}"  # noqa: S608 - our SQL
        return queryset.filter(pk__in=RawSQL(matching, params))  # noqa: S611 - parameters


class RankedResults:
    """The ranked pages, as ``WagtailPagination`` reads them: a count and slices."""

    def __init__(self, queryset, ranking: Ranking):
        self.queryset = queryset
        self.ranking = ranking

    def count(self) -> int:
        return self.ranking.total

    def __getitem__(self, key: slice) -> "RankedPages":
        return RankedPages(self.queryset, self.ranking.ids[key])


class RankedPages:
    """A page of ranked results: their ``ids``, and the pages when iterated (read then, so
    an answer from stored documents does not read them)."""

    def __init__(self, queryset, ids: list[int]):
        self.queryset = queryset
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        pages = self.queryset.model._default_manager.filter(pk__in=self.ids)
        if isinstance(self.queryset.query.select_related, dict):
            pages = pages.select_related(*self.queryset.query.select_related)
        found = {page.pk: page for page in pages}
        return iter([found[pk] for pk in self.ids if pk in found])


def search_meta(request) -> dict:
    """What a ranked search adds to the response's ``meta``: whether ``total_count`` is exact
    and the facets (``{"section": [{"value": "12", "label": "Venezuela", "count": 40}], …}``,
    counts estimated when it is not)."""
    ranking = getattr(request, "search_ranking", None)
    if ranking is None:
        return {}
    facets = labelled(ranking.facets, answer_language(request))
    return {"total_count_exact": ranking.exact, "facets": facets}


def search_highlights(request, page_ids: list[int]) -> dict[int, dict[str, str]]:
    """``{page id: {"title", "snippet"}}`` for the items of a database backend's search
    answer (``cms.search.highlights``); empty for any other answer."""
    searched = getattr(request, "search_clauses", None)
    if searched is None:
        return {}
    return highlights(*searched, page_ids)


class CountedResults:
    """Results whose number is already known; all ``WagtailPagination`` does is count and slice.
    ``exact`` is False when the number is an estimate (labelled so in the response)."""

    def __init__(self, results, count, exact=True):
        self.results = results
        self.known_count = count
        self.exact = exact

    def count(self):
        return self.known_count

    def __getitem__(self, key):
        return self.results[key]
