"""News filters for the pages endpoint (tag, country, source, author)."""

from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from news.models import ArticlePage

NEWS_QUERY_PARAMETERS = frozenset(["tag", "country", "source", "author", "section"])


class NewsFilter(BaseFilterBackend):
    """``?tag=oil&country=VE&source=efe&author=jane-doe&section=12`` on article listings."""

    query_parameters = NEWS_QUERY_PARAMETERS

    def filter_queryset(self, request, queryset, view):
        params = {
            name: request.GET.get(name) for name in NEWS_QUERY_PARAMETERS if request.GET.get(name)
        }
        if not params:
            return queryset
        if not issubclass(queryset.model, ArticlePage):
            raise BadRequestError(
                "filtering by {} needs type=news.ArticlePage".format(", ".join(sorted(params)))
            )
        if "section" in params:
            try:
                section = view.get_base_queryset().get(pk=int(params["section"]))
            except (ValueError, Page.DoesNotExist) as e:
                raise BadRequestError("section must be the id of a published section") from e
            queryset = queryset.descendant_of(section)
        if "tag" in params:
            queryset = queryset.filter(tags__slug=params["tag"]) | queryset.filter(
                tags__name__iexact=params["tag"]
            )
            queryset = queryset.distinct()
        if "country" in params:
            queryset = queryset.filter(countries__code=params["country"].upper())
        if "source" in params:
            queryset = queryset.filter(source__slug=params["source"])
        if "author" in params:
            queryset = queryset.filter(bylines__author__slug=params["author"]).distinct()
        return queryset
