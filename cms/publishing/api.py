"""API v3 routers of scheduling: the editorial calendar and webhook subscriptions.

* ``GET /api/v3/calendar/?start=&end=``: upcoming go-lives, expiries and embargo
  lifts (bearer token; any authenticated user). Times are ISO 8601 with the
  newsroom's UTC offset.
* ``/api/v3/webhooks/``: list, create, read, update and delete subscriptions, and
  read a subscription's recent deliveries (bearer token of a user who may
  change webhook subscriptions: administrators).
"""

from datetime import datetime, timedelta
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from pydantic import AnyHttpUrl, field_validator
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import Page

from home import calendar
from home.api import ProblemOut, problem
from home.scheduling_models import WEBHOOK_EVENT_NAMES, WebhookDelivery, WebhookSubscription

EventName = Literal["published", "unpublished", "scheduled", "expired", "updated"]

# --- Calendar ---------------------------------------------------------------------

calendar_router = Router(tags=["scheduling"])


class CalendarPageOut(Schema):
    id: int
    title: str
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


# --- Webhooks ---------------------------------------------------------------------

webhooks_router = Router(tags=["webhooks"], auth=BearerTokenAuth())


class SubscriptionIn(Schema):
    url: AnyHttpUrl
    description: str = Field("", max_length=255)
    events: list[EventName] = Field(default_factory=lambda: list(WEBHOOK_EVENT_NAMES))
    active: bool = True

    @field_validator("events")
    @classmethod
    def some_events(cls, value):
        if not value:
            raise ValueError("Choose at least one event.")
        return sorted(set(value), key=WEBHOOK_EVENT_NAMES.index)


class SubscriptionPatch(Schema):
    url: AnyHttpUrl | None = None
    description: str | None = Field(None, max_length=255)
    events: list[EventName] | None = None
    active: bool | None = None

    @field_validator("events")
    @classmethod
    def some_events(cls, value):
        if value is not None and not value:
            raise ValueError("Choose at least one event.")
        return value


class SubscriptionOut(Schema):
    id: int
    url: str
    description: str
    events: list[str]
    active: bool
    created_at: datetime


class SubscriptionCreatedOut(SubscriptionOut):
    secret: str = Field(description="HMAC-SHA256 key of X-Herald-Signature; shown once.")


class DeliveryOut(Schema):
    id: str
    event: str
    page_id: int | None
    status: str
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    delivered_at: datetime | None
    response_status: int | None
    response_body: str
    error: str


def _may_manage(request):
    return request.user.has_perm("home.change_webhooksubscription")


def _out(subscription):
    return {
        "id": subscription.pk,
        "url": subscription.url,
        "description": subscription.description,
        "events": subscription.events,
        "active": subscription.active,
        "created_at": timezone.localtime(subscription.created_at),
    }


FORBIDDEN = "Only administrators (permission to change webhook subscriptions) manage webhooks."


@webhooks_router.get(
    "/",
    response={200: list[SubscriptionOut], 401: ProblemOut, 403: ProblemOut},
    summary="List webhook subscriptions",
    operation_id="webhooks_list",
)
def webhooks_list(request):
    if not _may_manage(request):
        return problem(403, FORBIDDEN)
    return [_out(s) for s in WebhookSubscription.objects.all()]


@webhooks_router.post(
    "/",
    response={201: SubscriptionCreatedOut, 401: ProblemOut, 403: ProblemOut, 422: ProblemOut},
    summary="Subscribe a URL to publication events (the response carries its secret)",
    operation_id="webhooks_create",
)
def webhooks_create(request, data: SubscriptionIn):
    if not _may_manage(request):
        return problem(403, FORBIDDEN)
    subscription = WebhookSubscription.objects.create(
        url=str(data.url), description=data.description, events=data.events, active=data.active
    )
    return Status(201, {**_out(subscription), "secret": subscription.secret})


@webhooks_router.get(
    "/{subscription_id}/",
    response={200: SubscriptionOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut},
    summary="A webhook subscription",
    operation_id="webhooks_detail",
)
def webhooks_detail(request, subscription_id: int):
    if not _may_manage(request):
        return problem(403, FORBIDDEN)
    return _out(get_object_or_404(WebhookSubscription, pk=subscription_id))


@webhooks_router.patch(
    "/{subscription_id}/",
    response={
        200: SubscriptionOut,
        401: ProblemOut,
        403: ProblemOut,
        404: ProblemOut,
        422: ProblemOut,
    },
    summary="Change a webhook subscription (URL, events, description, active)",
    operation_id="webhooks_update",
)
def webhooks_update(request, subscription_id: int, data: SubscriptionPatch):
    if not _may_manage(request):
        return problem(403, FORBIDDEN)
    subscription = get_object_or_404(WebhookSubscription, pk=subscription_id)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("url") is not None:
        changes["url"] = str(changes["url"])
    for name, value in changes.items():
        if value is not None:
            setattr(subscription, name, value)
    subscription.save()
    return _out(subscription)


@webhooks_router.delete(
    "/{subscription_id}/",
    response={204: None, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut},
    summary="Delete a webhook subscription (and its delivery log)",
    operation_id="webhooks_delete",
)
def webhooks_delete(request, subscription_id: int):
    if not _may_manage(request):
        return problem(403, FORBIDDEN)
    get_object_or_404(WebhookSubscription, pk=subscription_id).delete()
    return Status(204, None)


@webhooks_router.get(
    "/{subscription_id}/deliveries/",
    response={200: list[DeliveryOut], 401: ProblemOut, 403: ProblemOut, 404: ProblemOut},
    summary="The 50 latest deliveries of a subscription, with the subscriber's responses",
    operation_id="webhooks_deliveries",
)
def webhooks_deliveries(request, subscription_id: int):
    if not _may_manage(request):
        return problem(403, FORBIDDEN)
    subscription = get_object_or_404(WebhookSubscription, pk=subscription_id)
    deliveries = WebhookDelivery.objects.filter(subscription=subscription)[:50]
    return [
        {
            "id": str(d.pk),
            "event": d.event,
            "page_id": d.page_id,
            "status": d.status,
            "attempts": d.attempts,
            "next_attempt_at": timezone.localtime(d.next_attempt_at),
            "created_at": timezone.localtime(d.created_at),
            "delivered_at": timezone.localtime(d.delivered_at) if d.delivered_at else None,
            "response_status": d.response_status,
            "response_body": d.response_body,
            "error": d.error,
        }
        for d in deliveries
    ]


SCHEDULING_ROUTERS = [("/calendar/", calendar_router), ("/webhooks/", webhooks_router)]
