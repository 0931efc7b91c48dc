"""API v3 router of scheduling: the editorial calendar.

``GET /api/v3/calendar/?start=&end=``: upcoming go-lives, expiries and embargo lifts
(bearer token; any authenticated user). Times are ISO 8601 with the newsroom's UTC offset.
Webhook subscriptions have their own router (``cms.webhooks.api``).
"""

from datetime import datetime, timedelta
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import Page

from cms.delivery.schemas import ProblemOut, problem
from cms.publishing import calendar

calendar_router = Router(tags=["scheduling"])


class CalendarPageOut(Schema):
    id: int
    title: str
    locale: str = Field(description="The page's edition (content language), e.g. en or es.")
    type: str
    live: bool
    html_path: str | None
    admin_url: str


class CalendarEntryOut(Schema):
    kind: Literal["go_live", "expiry", "embargo_lift"]
    at: datetime = Field(description="ISO 8601 with the newsroom's UTC offset.")
    revision_id: int | None = Field(None, description="The revision that goes live.")
    embargo_until: datetime | None
    page: CalendarPageOut


class CalendarOut(Schema):
    start: datetime
    end: datetime
    time_zone: str
    items: list[CalendarEntryOut]


@calendar_router.get(
    "/",
    response={200: CalendarOut, 401: ProblemOut, 422: ProblemOut},
    auth=BearerTokenAuth(),
    summary="Upcoming publications: go-lives, expiries and embargo lifts",
    operation_id="calendar_list",
)
def calendar_list(request, start: datetime | None = None, end: datetime | None = None):
    """``start`` defaults to now, ``end`` to 14 days later (92 days at most)."""
    for name, value in (("start", start), ("end", end)):
        # Local times of other centuries carry offsets in seconds (LMT), and year 9999 has
        # no 14 days after it: the calendar covers a sane window.
        if value is not None and not 1900 <= value.year <= 9000:
            return problem(422, f"{name} must be between 1900 and 9000.", code="bad_range")
    start = _aware(start) or timezone.now()
    end = _aware(end) or start + timedelta(days=calendar.DEFAULT_DAYS)
    if end <= start:
        return problem(422, "end must be after start.", code="bad_range")
    if end - start > timedelta(days=calendar.MAX_DAYS):
        return problem(422, f"The range is at most {calendar.MAX_DAYS} days.", code="bad_range")
    return {
        "start": timezone.localtime(start),
        "end": timezone.localtime(end),
        "time_zone": timezone.get_current_timezone_name(),
        "items": [entry.as_dict() for entry in calendar.upcoming(start, end)],
    }


class ScheduledRevisionOut(Schema):
    revision_id: int
    go_live_at: datetime


class ScheduleOut(Schema):
    page_id: int
    live: bool
    expired: bool
    go_live_at: datetime | None
    expire_at: datetime | None
    embargo_until: datetime | None
    scheduled: ScheduledRevisionOut | None = Field(
        description="The approved revision waiting for its go-live time, if any."
    )


def _schedule_state(page):
    revision = page.revisions.filter(approved_go_live_at__isnull=False).first()
    obj = revision.as_object() if revision else page
    embargo = getattr(obj, "embargo_until", None)
    return {
        "page_id": page.pk,
        "live": page.live,
        "expired": page.expired,
        "go_live_at": timezone.localtime(obj.go_live_at) if obj.go_live_at else None,
        "expire_at": timezone.localtime(obj.expire_at) if obj.expire_at else None,
        "embargo_until": timezone.localtime(embargo) if embargo else None,
        "scheduled": {
            "revision_id": revision.pk,
            "go_live_at": timezone.localtime(revision.approved_go_live_at),
        }
        if revision
        else None,
    }


def _page_for(request, page_id, action):
    page = get_object_or_404(Page, pk=page_id).specific
    perms = page.permissions_for_user(request.user)
    allowed = perms.can_publish() if action == "publish" else perms.can_edit()
    return page, allowed


@calendar_router.get(
    "/pages/{page_id}/",
    response={200: ScheduleOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut},
    auth=BearerTokenAuth(),
    summary="A page's scheduled state: go-live, expiry, embargo and the waiting revision",
    operation_id="calendar_page_schedule",
)
def page_schedule(request, page_id: int):
    page, allowed = _page_for(request, page_id, "edit")
    if not allowed:
        return problem(403, "You may not edit this page.")
    return _schedule_state(page)


@calendar_router.delete(
    "/pages/{page_id}/schedule/",
    response={200: ScheduleOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut},
    auth=BearerTokenAuth(),
    summary="Cancel a page's scheduled publication (as the admin's 'Cancel scheduled publish')",
    operation_id="calendar_page_unschedule",
)
def page_unschedule(request, page_id: int):
    page, allowed = _page_for(request, page_id, "publish")
    if not allowed:
        return problem(403, "You may not publish this page.")
    for revision in page.revisions.filter(approved_go_live_at__isnull=False):
        revision.approved_go_live_at = None
        revision.save(user=request.user, update_fields=["approved_go_live_at"])
    return _schedule_state(page)


def _aware(value):
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value
