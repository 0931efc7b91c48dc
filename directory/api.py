"""The directory's API: typed page fields (v2 and v3) and the link search router (v3).

``GET /api/v3/directory/links/?q=&country=&kind=&limit=&offset=`` searches every
link of every published, public category. Page fields below are DRF fields
whose ``to_representation`` return types are pydantic schemas, so API v3
documents the same shapes API v2 returns.

Models are imported inside functions: ``directory.models`` imports this module.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from cms.delivery.labels import localise
from cms.delivery.locales import in_language
from cms.delivery.paths import page_path
from cms.delivery.schemas import PUBLIC_READ, Language, ProblemOut, cacheable_json, problem
from cms.delivery.visibility import public_pages
from cms.wagtail_internals.tree import parent_path
from directory.models import (
    CountryPage,
    DirectoryLink,
    LinkCategoryPage,
    LinkHealth,
    LinkState,
)
from directory.schemas import KindLiteral, LinkSearchResponse


def visible_categories():
    """Categories readers may see: publicly visible (``cms.delivery.visibility``: the
    guide, the directory and every other ancestor live, unexpired and unrestricted)."""
    return public_pages(LinkCategoryPage.objects.all())


def search_limit_max():
    return getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or 1000


class LinkSearchParams(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Text to look for in the link's name, description, city or URL, or in "
        "its category's title.",
    )
    country: str | None = Field(
        None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code, e.g. VE."
    )
    kind: KindLiteral | None = Field(None, description="Category kind.")
    hide_broken: bool = Field(False, description="Leave out links the checker found broken.")
    limit: int = Field(
        20,
        ge=1,
        description="Page size (at most the API's maximum, WAGTAILAPI_LIMIT_MAX).",
        # Declared, not validated: more is a 400 with the API's message, as on Wagtail's lists.
        json_schema_extra=lambda schema: schema.update(maximum=search_limit_max()),
    )
    offset: int = Field(0, ge=0)
    locale: Language = Field("en", description="The edition whose directory to search.")


router = Router(tags=["directory"])


@router.get(
    "/links/",
    response={200: LinkSearchResponse, 304: None, 400: ProblemOut, 422: ProblemOut},
    auth=PUBLIC_READ,
    url_name="directory_links",
    summary="Search the link directory",
    description=(
        "Every link of every published category, in directory order (country, category, "
        "the editor's order). `q` matches the link's name, description, city, URL and its "
        "category's title; `country` is an ISO 3166 code; `kind` a category kind. "
        "`limit` above the API's maximum is refused with 400. Responses carry an `ETag`; "
        "send it back in `If-None-Match` to get 304 when nothing changed."
    ),
    operation_id="directory_links_search",
)
def search_links(request: HttpRequest, params: Query[LinkSearchParams]):

    q, country, kind = params.q, params.country, params.kind
    limit, offset = params.limit, params.offset
    limit_max = search_limit_max()
    if limit > limit_max:
        return problem(400, f"limit cannot be higher than {limit_max}", code="limit_too_high")

    # Each edition's guides carry their own copies of the links.
    categories = in_language(visible_categories(), params.locale)
    if kind:
        categories = categories.filter(kind=kind)
    if country:
        guide_paths = CountryPage.objects.filter(country__code=country.upper()).values_list(
            "path", flat=True
        )
        in_guides = [Q(path__startswith=path) for path in guide_paths]
        if not in_guides:
            categories = categories.none()
        else:
            categories = categories.filter(reduce(or_, in_guides))

    links = DirectoryLink.objects.filter(page__in=categories.values("pk"))
    q = q.strip()
    if q:
        links = links.filter(
            Q(name__icontains=q)
            | Q(description__icontains=q)
            | Q(city__icontains=q)
            | Q(url__icontains=q)
            | Q(page__title__icontains=q)
        )
    if params.hide_broken:
        links = links.exclude(
            url__in=LinkHealth.objects.filter(state=LinkState.BROKEN).values("url")
        )

    count = links.count()
    page_of_links = list(
        links.select_related("page").order_by("page__path", "sort_order", "pk")[
            offset : offset + limit
        ]
    )
    health = LinkHealth.objects.for_urls(link.url for link in page_of_links)
    parent_paths = {parent_path(link.page.path) for link in page_of_links}
    found = (
        list(CountryPage.objects.filter(path__in=parent_paths).select_related("country"))
        if parent_paths
        else []
    )
    localise([guide.country for guide in found], params.locale)  # the edition's guides
    guides = {guide.path: guide.api_summary() for guide in found}

    items = []
    for link in page_of_links:
        category = link.page
        item = link.api_representation(health.get(link.url))
        item["category"] = {
            "id": category.pk,
            "title": category.title,
            "kind": category.kind,
            "kind_label": category.get_kind_display(),
            "html_path": page_path(category),
        }
        item["country"] = guides.get(parent_path(category.path))
        items.append(item)

    payload = {"count": count, "limit": limit, "offset": offset, "items": items}
    return cacheable_json(request, LinkSearchResponse, payload)
