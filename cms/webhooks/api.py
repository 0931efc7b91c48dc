"""Webhook subscriptions over API v3 (administrators only) and their delivery log."""

from datetime import datetime, timedelta

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from pydantic import AnyHttpUrl, field_validator
from wagtail.api.v3.auth import BearerTokenAuth

from cms.delivery.schemas import ProblemOut, problem
from cms.pinned_requests import RefusedURL
from cms.webhooks.conf import settings
from cms.webhooks.events import WEBHOOK_EVENT_NAMES, EventName
from cms.webhooks.models import WebhookDelivery, WebhookSubscription
from cms.webhooks.targets import check_on_save

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
    secret: str = Field(
        description="Standard Webhooks secret (whsec_…) to verify webhook-signature; shown once."
    )


class RotatedSecretOut(Schema):
    secret: str = Field(description="The new secret; shown once.")
    previous_secret_expires_at: datetime = Field(
        description="Until then deliveries are signed with the previous secret too."
    )


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
    duration_ms: int | None = Field(description="How long the last attempt took.")
    error: str


def _may_manage(request):
    return request.user.has_perm("webhooks.change_webhooksubscription")


def _out(subscription):
    return {
        "id": subscription.pk,
        "url": subscription.url,
        "description": subscription.description,
        "events": subscription.events,
        "active": subscription.active,
        "created_at": timezone.localtime(subscription.created_at),
    }


def _refused_target(url):
    """A 422 for a URL webhooks may not target (``cms.webhooks.targets``), else None."""
    try:
        check_on_save(url)
    except RefusedURL as e:
        return problem(
            422, str(e), code="unsafe_target", errors=[{"loc": ["body", "url"], "msg": str(e)}]
        )
    return None


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
    refused = _refused_target(str(data.url))
    if refused:
        return refused
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
        refused = _refused_target(changes["url"])
        if refused:
            return refused
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
    summary="The 50 latest deliveries of a subscription: status, timing and errors",
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
            "duration_ms": d.duration_ms,
            "error": d.error,
        }
        for d in deliveries
    ]


@webhooks_router.post(
    "/{subscription_id}/rotate-secret/",
    response={200: RotatedSecretOut, 401: ProblemOut, 403: ProblemOut, 404: ProblemOut},
    summary="Give a subscription a new secret; the old one signs too for a grace period",
    description="WEBHOOK_SECRET_GRACE_HOURS (default 24) after which only the new one signs.",
    operation_id="webhooks_rotate_secret",
)
def webhooks_rotate_secret(request, subscription_id: int):
    if not _may_manage(request):
        return problem(403, FORBIDDEN)
    subscription = get_object_or_404(WebhookSubscription, pk=subscription_id)
    secret = subscription.rotate_secret(timedelta(hours=settings.WEBHOOK_SECRET_GRACE_HOURS))
    return {
        "secret": secret,
        "previous_secret_expires_at": timezone.localtime(subscription.previous_secret_expires_at),
    }
