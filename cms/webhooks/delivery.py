"""Signed outgoing webhooks.

``enqueue(event, page)`` writes one ``WebhookDelivery`` row per interested
subscriber in the current transaction (so an event exists if and only if its
transition committed, and never blocks the editor's request). The scheduler
sends them (``deliver_due``): each delivery is claimed with a conditional UPDATE,
so several schedulers never send it twice, POSTed with

    Content-Type: application/json
    X-Herald-Event: published
    X-Herald-Delivery: <uuid>
    webhook-id, webhook-timestamp, webhook-signature   (Standard Webhooks, cms.webhooks.signing)
    X-Herald-Signature: sha256=<hex HMAC-SHA256 of the body>   (deprecated)

to a public address only (``cms.webhooks.targets``), and retried on failure (non-2xx or
no answer) after WEBHOOK_RETRY_BASE seconds, doubling each time, up to
WEBHOOK_MAX_ATTEMPTS. Each delivery keeps the last status, its duration and any error,
never the receiver's body.

Body: ``{"id", "event", "occurred_at", "page": {"id", "type", "title", "html_path",
"url", "api_url", "live", "go_live_at", "expire_at", "embargo_until"}}``.
"""

import json
import logging
import time
import uuid
from datetime import timedelta

import httpx
from django.db.models import F, Min, Q
from django.utils import timezone

from cms.delivery.paths import frontend_url, page_path
from cms.pinned_requests import RefusedURL, send_to_address
from cms.webhooks.conf import settings
from cms.webhooks.models import WebhookDelivery, WebhookSubscription
from cms.webhooks.signing import signature_headers
from cms.webhooks.targets import resolve

logger = logging.getLogger("herald.webhooks")

USER_AGENT = "Herald-Webhooks/1.0"
ERROR_EXCERPT = 500
MAX_RETRY_DELAY = 6 * 3600


def post_checked(client, url, body, headers):
    """POST to the address the URL's host resolved to, once that address passed the check
    (``cms.webhooks.targets``); returns the status. The answer's body is not read."""
    response = send_to_address(client, "POST", url, resolve(url)[0], headers, content=body)
    response.close()
    return response.status_code


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def page_payload(page):
    specific = page.specific_deferred if type(page) is not page.specific_class else page
    return {
        "id": page.pk,
        "type": page.specific_class._meta.label if page.specific_class else "wagtailcore.Page",
        "title": page.title,
        "html_path": page_path(page),
        "url": frontend_url(page),
        "api_url": f"{settings.WAGTAILAPI_BASE_URL}/api/v2/pages/{page.pk}/",
        "live": page.live,
        "go_live_at": _iso(page.go_live_at),
        "expire_at": _iso(page.expire_at),
        "embargo_until": _iso(getattr(specific, "embargo_until", None)),
    }


def enqueue(event, page, *, page_data=None, occurred_at=None):
    """Queue ``event`` about ``page`` for every active subscriber that wants it."""
    subscriptions = [s for s in WebhookSubscription.objects.filter(active=True) if s.wants(event)]
    if not subscriptions:
        return []
    now = timezone.now()
    body = json.dumps(
        {
            "id": str(uuid.uuid4()),
            "event": event,
            "occurred_at": _iso(occurred_at or now),
            "page": page_data if page_data is not None else page_payload(page),
        },
        separators=(",", ":"),
        sort_keys=True,
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            subscription=subscription,
            event=event,
            page_id=page.pk,
            payload=body,
            next_attempt_at=now,
            created_at=now,
        )
        for subscription in subscriptions
    )
    logger.info("Queued %s webhook for page %s to %d subscribers", event, page.pk, len(deliveries))
    return deliveries


def _due_filter(now):
    return Q(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now) | Q(
        status=WebhookDelivery.Status.SENDING, locked_until__lt=now
    )


def has_due(now=None):
    return WebhookDelivery.objects.filter(_due_filter(now or timezone.now())).exists()


def next_attempt_at():
    """When the next pending delivery (or an abandoned send) becomes due, or ``None``."""
    pending = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING).aggregate(
        t=Min("next_attempt_at")
    )["t"]
    stuck = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.SENDING).aggregate(
        t=Min("locked_until")
    )["t"]
    values = [value for value in (pending, stuck) if value is not None]
    return min(values) if values else None


def retry_delay(attempts):
    """Seconds to wait after the ``attempts``-th failed attempt (30, 60, 120… capped at 6 h)."""
    return min(settings.WEBHOOK_RETRY_BASE * 2 ** max(attempts - 1, 0), MAX_RETRY_DELAY)


def deliver_due(limit=50, now=None, client=None):
    """Send due deliveries; returns how many this call attempted."""
    now = now or timezone.now()
    candidates = list(
        WebhookDelivery.objects.filter(_due_filter(now))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    if not candidates:
        return 0
    lease = timedelta(seconds=settings.WEBHOOK_TIMEOUT * 2 + 30)
    own_client = client is None
    client = client or httpx.Client(timeout=settings.WEBHOOK_TIMEOUT, follow_redirects=False)
    attempted = 0
    try:
        for pk in candidates:
            claimed = (
                WebhookDelivery.objects.filter(_due_filter(now), pk=pk).update(
                    status=WebhookDelivery.Status.SENDING,
                    locked_until=timezone.now() + lease,
                    attempts=F("attempts") + 1,
                )
                == 1
            )
            if not claimed:
                continue
            delivery = WebhookDelivery.objects.select_related("subscription").get(pk=pk)
            send(delivery, client)
            attempted += 1
    finally:
        if own_client:
            client.close()
    return attempted


def send(delivery, client):
    """POST one claimed delivery and record the outcome (status and timing, never the body)."""
    subscription = delivery.subscription
    body = delivery.payload.encode()
    status = None
    error = ""
    duration_ms = None
    if not subscription.active:
        error = "subscription is inactive"
    else:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Herald-Event": delivery.event,
            "X-Herald-Delivery": str(delivery.pk),
            **signature_headers(
                str(delivery.pk), body, subscription.signing_secrets(), timezone.now()
            ),
        }
        started = time.monotonic()
        try:
            status = post_checked(client, subscription.url, body, headers)
        except RefusedURL as e:
            error = str(e)[:ERROR_EXCERPT]
        except httpx.HTTPError as e:
            error = f"{type(e).__name__}: {e}"[:ERROR_EXCERPT]
        duration_ms = round((time.monotonic() - started) * 1000)
    now = timezone.now()
    updates = {
        "response_status": status,
        "duration_ms": duration_ms,
        "error": error,
        "locked_until": None,
    }
    if status is not None and 200 <= status < 300:
        updates.update(status=WebhookDelivery.Status.DELIVERED, delivered_at=now)
        logger.info(
            "Webhook %s %s delivered to %s: %s (attempt %d)",
            delivery.event,
            delivery.pk,
            subscription.url,
            status,
            delivery.attempts,
        )
    elif not subscription.active or delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        updates.update(status=WebhookDelivery.Status.FAILED)
        logger.error(
            "Webhook %s %s to %s failed for good after %d attempts: %s",
            delivery.event,
            delivery.pk,
            subscription.url,
            delivery.attempts,
            status or error,
        )
    else:
        delay = retry_delay(delivery.attempts)
        updates.update(
            status=WebhookDelivery.Status.PENDING,
            next_attempt_at=now + timedelta(seconds=delay),
        )
        logger.warning(
            "Webhook %s %s to %s failed (attempt %d: %s); retrying in %ss",
            delivery.event,
            delivery.pk,
            subscription.url,
            delivery.attempts,
            status or error,
            delay,
        )
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**updates)
    for name, value in updates.items():
        setattr(delivery, name, value)
    return delivery


def prune(now=None):
    """Delete finished deliveries older than WEBHOOK_RETENTION_DAYS."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.WEBHOOK_RETENTION_DAYS)
    deleted, _ = WebhookDelivery.objects.filter(
        status__in=[WebhookDelivery.Status.DELIVERED, WebhookDelivery.Status.FAILED],
        created_at__lt=cutoff,
    ).delete()
    return deleted
