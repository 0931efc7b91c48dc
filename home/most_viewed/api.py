"""Most viewed v3 endpoints: the public rankings and the view counter the frontend's pixel calls."""

from typing import Literal

from django.conf import settings
from ninja import Field, Query, Router, Schema, Status

from cms.delivery.schemas import (
    LOCALE_QUERY,
    PUBLIC_READ,
    Language,
    ProblemOut,
    TeaserOut,
    cacheable_json,
    problem,
)
from home.most_viewed.counting import record_hit, record_views
from home.most_viewed.rankings import SectionNotFound, most_viewed_payload


class MostViewedItemOut(TeaserOut):
    rank: int
    views: int


class SectionRefOut(Schema):
    id: int
    title: str
    html_path: str | None


class MostViewedOut(Schema):
    period: Literal["24h", "7d"]
    limit: int
    section: SectionRefOut | None
    items: list[MostViewedItemOut]


class HitIn(Schema):
    page_id: int = Field(gt=0, lt=2**63, description="The story the reader is viewing.")


class HitOut(Schema):
    counted: bool = Field(description="False for bots, unknown pages or a counter failure.")


class PageViewsIn(Schema):
    page_id: int = Field(gt=0, lt=2**63)
    views: int = Field(gt=0, le=1_000_000, description="Views of this page since the last batch.")


class HitsBatchIn(Schema):
    hits: list[PageViewsIn] = Field(max_length=1000)


class HitsBatchOut(Schema):
    counted: int = Field(description="Views stored; the rest were of pages that do not count.")


most_viewed_router = Router(tags=["most viewed"])


@most_viewed_router.get(
    "/",
    response={200: MostViewedOut, 304: None, 422: ProblemOut},
    auth=PUBLIC_READ,
    summary="Most viewed published stories over 24 hours or 7 days, overall or in a section",
    operation_id="most_viewed_list",
)
def most_viewed(
    request,
    period: Literal["24h", "7d"] = "24h",
    limit: int = Query(10, ge=1, le=50),
    section: int | None = Query(None, description="Id of a section: its stories only."),
    locale: Language = LOCALE_QUERY,
):

    try:
        payload = most_viewed_payload(period, limit, section, locale)
    except SectionNotFound as e:
        return problem(
            422, str(e), code="section", errors=[{"loc": ["query", "section"], "msg": str(e)}]
        )
    return cacheable_json(request, MostViewedOut, payload)


@most_viewed_router.post(
    "/hits/",
    response={202: HitOut, 400: ProblemOut, 403: ProblemOut, 422: ProblemOut},
    auth=PUBLIC_READ,
    summary="Count a view (the frontend forwards the reader's User-Agent); always fast",
    description=(
        "Accepted from the frontend (a TRUSTED_PROXIES address, which forwards its view "
        "pixel here) or with an API token; anyone else gets 403."
    ),
    operation_id="most_viewed_hit",
)
def most_viewed_hit(request, data: HitIn):
    if not _may_count(request):
        return _not_from_the_frontend()
    counted = record_hit(data.page_id, request.META.get("HTTP_USER_AGENT", ""))
    return Status(202, {"counted": counted})


@most_viewed_router.post(
    "/hits/batch/",
    response={202: HitsBatchOut, 400: ProblemOut, 403: ProblemOut, 422: ProblemOut},
    auth=PUBLIC_READ,
    summary="Count views the frontend has queued and coalesced per page",
    description=(
        "The frontend counts its pixel's hits (bots and repeats left out) and sends them "
        "here in batches. Accepted from a TRUSTED_PROXIES address or with an API token."
    ),
    operation_id="most_viewed_hits_batch",
)
def most_viewed_hits_batch(request, data: HitsBatchIn):
    if not _may_count(request):
        return _not_from_the_frontend()
    counted = sum(record_views(hit.page_id, hit.views) for hit in data.hits)
    return Status(202, {"counted": counted})


def _not_from_the_frontend():
    return problem(
        403,
        "Views are counted through the frontend's pixel; direct hits need an API token.",
        code="forbidden",
    )


def _may_count(request):
    return (
        request.user.is_authenticated or request.META.get("REMOTE_ADDR") in settings.TRUSTED_PROXIES
    )
