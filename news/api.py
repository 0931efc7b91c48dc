"""The newsroom's API: filters for the v2 pages endpoint (tag, country, source, author) and the
v3 authors router (``GET /api/v3/authors/<slug>/``)."""

import re
from datetime import UTC, datetime

from django.http import HttpRequest
from ninja import Router
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from cms.delivery.labels import localise
from cms.delivery.schemas import (
    LOCALE_QUERY,
    PUBLIC_READ,
    Language,
    ProblemOut,
    cacheable_json,
    problem,
)
from cms.delivery.teasers import load_images
from cms.delivery.visibility import public_pages
from news.models import ArticlePage, Author
from news.schemas import AuthorOut

NEWS_QUERY_PARAMETERS = frozenset(["tag", "country", "source", "author", "section", "year"])
# What a well-formed value looks like (a search's facet values are these): 400 otherwise.
SHAPES = {
    "country": (re.compile(r"[A-Za-z]{2}"), "country must be a two-letter ISO 3166 code"),
    "author": (re.compile(r"[-\w]{1,255}"), "author must be an author's slug"),
    "year": (re.compile(r"[0-9]{4}"), "year must be a year of four digits, such as 2025"),
}


def year_range(year: int) -> tuple[datetime, datetime]:
    """The year in UTC, as search's year facet counts it."""
    return datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)


class NewsFilter(BaseFilterBackend):
    """``?tag=oil&country=VE&source=efe&author=jane-doe&section=12&year=2025`` on article
    listings (``year``: first published that year, UTC)."""

    query_parameters = NEWS_QUERY_PARAMETERS

    def filter_queryset(self, request, queryset, view):
        params = {
            name: request.GET.get(name) for name in NEWS_QUERY_PARAMETERS if request.GET.get(name)
        }
        if not params:
            return queryset
        filtered = self.narrowed(queryset, params, view)
        if "search" in request.GET:
            # Search backends take field lookups only: the filters as one ``pk IN (…)``.
            return queryset.filter(pk__in=filtered.order_by().values("pk"))
        return filtered

    def narrowed(self, queryset, params, view):
        """``queryset`` with the filters of ``params`` (400 on a malformed value)."""
        if not issubclass(queryset.model, ArticlePage):
            raise BadRequestError(
                "filtering by {} needs type=news.ArticlePage".format(", ".join(sorted(params)))
            )
        for name, (shape, message) in SHAPES.items():
            if name in params and not shape.fullmatch(params[name]):
                raise BadRequestError(message)
        if "year" in params:
            if not 1 <= int(params["year"]) < 9999:
                raise BadRequestError(SHAPES["year"][1])
            start, end = year_range(int(params["year"]))
            queryset = queryset.filter(first_published_at__gte=start, first_published_at__lt=end)
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


authors_router = Router(tags=["authors"])


@authors_router.get(
    "/{slug}/",
    response={200: AuthorOut, 304: None, 404: ProblemOut},
    auth=PUBLIC_READ,
    summary="An author: name, role, bio, photo and how many public stories they signed",
    description=(
        "Only authors with at least one publicly visible story are shown (404 otherwise): "
        "an author page is where readers find what they wrote. Their stories come from "
        "`stories_path`, the v2 pages listing filtered with `?author=<slug>`. "
        "`job_title` and `bio` are in the edition's language (`locale`) where translated."
    ),
    operation_id="authors_detail",
)
def author_detail(request: HttpRequest, slug: str, locale: Language = LOCALE_QUERY):
    author = Author.objects.filter(slug=slug).first()
    stories = public_pages(ArticlePage.objects.filter(bylines__author=author).distinct())
    count = stories.count() if author is not None else 0
    if not count:
        return problem(404, f"No author '{slug[:100]}' with published stories.", code="not_found")
    if author.photo_id:
        author.photo = load_images([author.photo_id]).get(author.photo_id)
    localise([author], locale)
    payload = {
        **author.api_summary(),
        "bio": author.bio,
        "story_count": count,
        "stories_path": f"/api/v2/pages/?type=news.ArticlePage&author={author.slug}",
    }
    return cacheable_json(request, AuthorOut, payload)
