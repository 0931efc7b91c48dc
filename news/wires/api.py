"""The desk's API v3 router, ``/api/v3/wires/`` (bearer token of an editor).

* ``GET /api/v3/wires/``: items, newest first, filtered as on the desk (agency, state,
  language, urgency, subject, time, headline words);
* ``GET /api/v3/wires/{id}/``: one item with its body and its history of versions;
* ``POST /api/v3/wires/?agency=``: the body is a wire file (NewsML-G2, NITF, ninjs, RSS or
  Atom; the content type, else the file itself, picks the parser), stored at once.
"""

from datetime import datetime

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from wagtail.api.v3.auth import BearerTokenAuth

from cms.delivery.schemas import ProblemOut, problem
from news.wires.conf import settings
from news.wires.ingest import ingest_bytes
from news.wires.models import WireItem
from news.wires.schemas import (
    IngestOut,
    StateLiteral,
    WireItemDetailOut,
    WireListOut,
)

router = Router(tags=["wires"], auth=BearerTokenAuth())

ERRORS = {400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut, 422: ProblemOut}
#: Media types the push declares; any other is read by sniffing the file.
FILE_TYPES = ("application/xml", "text/xml", "application/json")


def limit_max() -> int:
    return getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or 1000


class WireFilters(Schema):
    agency: str | None = Field(None, pattern=r"^[-a-zA-Z0-9_]{1,100}$", description="e.g. efe.")
    state: StateLiteral | None = None
    language: str | None = Field(None, pattern=r"^[-a-zA-Z]{1,20}$", description="e.g. es.")
    urgency: int | None = Field(None, ge=1, le=9, description="This urgency or more urgent.")
    subject: str | None = Field(
        None, min_length=1, max_length=100, description="A subject code, e.g. medtop:11000000."
    )
    since: datetime | None = Field(None, description="Versions received at or after this time.")
    until: datetime | None = Field(None, description="Versions received before this time.")
    q: str = Field("", max_length=200, description="Words in the headline.")
    limit: int = Field(
        20, ge=1, json_schema_extra=lambda schema: schema.update(maximum=limit_max())
    )
    offset: int = Field(0, ge=0, le=2**31)


def filter_items(items, filters: WireFilters):
    if filters.agency:
        items = items.filter(agency=filters.agency.lower())
    if filters.state:
        items = items.filter(state=filters.state)
    if filters.language:
        items = items.filter(language__istartswith=filters.language)
    if filters.urgency:
        items = items.filter(urgency__lte=filters.urgency)
    if filters.subject:
        items = items.filter(subject_index__contains=f" {filters.subject.lower().strip()} ")
    if filters.since:
        items = items.filter(updated_at__gte=filters.since)
    if filters.until:
        items = items.filter(updated_at__lt=filters.until)
    for word in filters.q.split():
        items = items.filter(Q(headline__icontains=word))
    return items


def item_payload(item: WireItem) -> dict:
    story = item.story
    return {
        **{name: getattr(item, name) for name in SUMMARY_FIELDS},
        "subjects": [
            {"code": str(s.get("code", "")), "name": str(s.get("name", ""))} for s in item.subjects
        ],
        "pictures": [
            {
                "href": str(p.get("href", "")),
                "caption": str(p.get("caption", "")),
                "credit": str(p.get("credit", "")),
                "image_id": p.get("image_id"),
            }
            for p in item.pictures
        ],
        "story": {
            "id": story.pk,
            "title": story.title,
            "live": story.live,
            "admin_url": reverse("wagtailadmin_pages:edit", args=[story.pk]),
        }
        if story is not None
        else None,
        "pending_changes": sorted(item.pending_changes),
    }


SUMMARY_FIELDS = [
    "id",
    "agency",
    "guid",
    "version",
    "format",
    "status",
    "state",
    "language",
    "urgency",
    "headline",
    "deck",
    "dateline",
    "located",
    "byline",
    "creditline",
    "embargo_until",
    "version_created_at",
    "received_at",
    "updated_at",
    "keywords",
]


def _bad_times(filters: WireFilters):
    for name in ("since", "until"):
        value = getattr(filters, name)
        if value is not None and not 1900 <= value.year <= 9000:
            return problem(422, f"{name} must be between 1900 and 9000.", code="bad_range")
    return None


@router.get(
    "/",
    response={200: WireListOut, **ERRORS},
    url_name="wires_items",
    summary="Wire items on the desk",
    operation_id="wires_list",
    description="Newest version first. Needs a token of a user who may view wire items "
    "(editors). `limit` above the API's maximum is refused with 400.",
)
def list_items(request: HttpRequest, filters: Query[WireFilters]):
    if not request.user.has_perm("wires.view_wireitem"):
        return problem(403, "You may not view wire items.")
    if filters.limit > limit_max():
        return problem(400, f"limit cannot be higher than {limit_max()}", code="limit_too_high")
    refusal = _bad_times(filters)
    if refusal is not None:
        return refusal
    items = filter_items(WireItem.objects.all(), filters)
    page = items.select_related("story")[filters.offset : filters.offset + filters.limit]
    return {
        "count": items.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [item_payload(item) for item in page],
    }


@router.get(
    "/{item_id}/",
    response={200: WireItemDetailOut, **ERRORS},
    url_name="wires_item",
    summary="A wire item with its body and versions",
    operation_id="wires_detail",
)
def item_detail(request: HttpRequest, item_id: int):
    if not request.user.has_perm("wires.view_wireitem"):
        return problem(403, "You may not view wire items.")
    item = WireItem.objects.select_related("story").filter(pk=item_id).first()
    if item is None:
        return problem(404, "No such wire item.")
    versions = [
        {
            "version": version.version,
            "status": version.status,
            "headline": version.headline,
            "received_at": version.received_at,
            "superseded": version.superseded,
            "source_name": version.source_name,
        }
        for version in item.versions.all()
    ]
    return {**item_payload(item), "body": item.body, "versions": versions}


@router.post(
    "/",
    response={200: IngestOut, **ERRORS},
    url_name="wires_items",
    summary="Push a wire file onto the desk",
    operation_id="wires_ingest",
    description="The request body is the file. Its items are stored at once (identity "
    "agency + guid, versions as on every source); a file the desk cannot read is a 422 "
    "naming the reason. Needs a token of a user who may add wire items (editors).",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {media: {"schema": {"type": "string"}} for media in FILE_TYPES},
        }
    },
)
def ingest(request: HttpRequest, agency: str = Query("", pattern=r"^[-a-zA-Z0-9_]{0,100}$")):
    if not request.user.has_perm("wires.add_wireitem"):
        return problem(403, "You may not add wire items.")
    result = ingest_bytes(
        request.body, agency=agency, name="api", content_type=request.content_type or ""
    )
    if result.rejected:
        return problem(422, result.rejected, code="rejected")
    return {
        "items": [
            {"id": o.item_id, "guid": o.guid, "version": o.version, "result": o.result}
            for o in result.outcomes
        ],
        "errors": result.errors,
    }
