"""Signed webhooks: subscriptions through API v3, HMAC signatures, retries with backoff."""

import json
from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from cms.webhooks import delivery as webhooks
from cms.webhooks.models import WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


def v3(client, method, url, token, payload=None):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method == "get":
        return client.get(url, **auth)
    return getattr(client, method)(
        url, data=json.dumps(payload or {}), content_type="application/json", **auth
    )


@pytest.fixture
def reporter_token(make_token):
    user = get_user_model().objects.create_user("reporter", "r@laht.example", "pw")
    return make_token(user, "r")


def subscribe(client, token, receiver, **fields):
    response = v3(
        client,
        "post",
        "/api/v3/webhooks/",
        token,
        {"url": receiver.url + "/hook", "description": "Partner", **fields},
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_admin_subscribes_and_the_delivery_is_signed(client, token, receiver, draft):
    created = subscribe(client, token, receiver, events=["published"])
    assert created["secret"].startswith("whsec_")
    assert "secret" not in v3(client, "get", f"/api/v3/webhooks/{created['id']}/", token).json()

    draft.save_revision().publish()
    assert receiver.on("/hook") == [], "the editor's request must not wait for subscribers"

    call_command("run_scheduler", "--once")
    [(_path, headers, body)] = receiver.on("/hook")
    # Any Standard Webhooks library verifies it (id, timestamp and signature headers).
    assert Webhook(created["secret"]).verify(body, headers)["page"]["id"] == draft.pk
    assert headers["webhook-id"] == headers["X-Herald-Delivery"]
    assert headers["X-Herald-Event"] == "published"
    payload = json.loads(body)
    assert payload["event"] == "published"
    assert payload["page"]["id"] == draft.pk
    assert payload["page"]["html_path"] == f"/world/{draft.slug}/"
    occurred_at = datetime.fromisoformat(payload["occurred_at"])
    assert occurred_at.utcoffset() == timezone.localtime().utcoffset()

    deliveries = v3(client, "get", f"/api/v3/webhooks/{created['id']}/deliveries/", token).json()
    assert [(d["status"], d["response_status"], d["attempts"]) for d in deliveries] == [
        ("delivered", 200, 1)
    ]


def test_event_filter(client, token, receiver, draft):
    subscribe(client, token, receiver, events=["expired"])
    draft.save_revision().publish()
    call_command("run_scheduler", "--once")
    assert receiver.on("/hook") == []


def test_failed_delivery_is_retried_with_backoff_then_delivered(
    client, token, receiver, draft, settings
):
    settings.WEBHOOK_RETRY_BASE = 30
    subscribe(client, token, receiver)
    receiver.statuses = [500, 503]
    draft.save_revision().publish()

    started = timezone.now()
    assert webhooks.deliver_due() == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("pending", 1, 500)
    assert timedelta(seconds=29) < delivery.next_attempt_at - started < timedelta(seconds=32)
    assert webhooks.deliver_due() == 0, "retried before its time"

    assert webhooks.deliver_due(now=delivery.next_attempt_at) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("pending", 2, 503)
    assert delivery.next_attempt_at - timezone.now() > timedelta(seconds=59), "no backoff"

    assert webhooks.deliver_due(now=delivery.next_attempt_at) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 3, 200)
    assert len(receiver.on("/hook")) == 3
    bodies = {body for _p, _h, body in receiver.on("/hook")}
    assert len(bodies) == 1, "a retry must send the same signed body"


def test_delivery_gives_up_after_max_attempts(client, token, receiver, draft, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    subscribe(client, token, receiver)
    receiver.statuses = [500, 500]
    draft.save_revision().publish()
    webhooks.deliver_due()
    webhooks.deliver_due(now=timezone.now() + timedelta(hours=1))
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 2)
    assert webhooks.deliver_due(now=timezone.now() + timedelta(days=1)) == 0


def test_unreachable_subscriber_is_logged(client, token, draft):
    WebhookSubscription.objects.create(url="http://127.0.0.1:9/hook")
    draft.save_revision().publish()
    webhooks.deliver_due()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.response_status is None
    assert "ConnectError" in delivery.error


def test_only_administrators_manage_webhooks(client, reporter_token, receiver):
    assert v3(client, "get", "/api/v3/webhooks/", None).status_code == 401
    response = v3(
        client, "post", "/api/v3/webhooks/", reporter_token, {"url": receiver.url + "/hook"}
    )
    assert response.status_code == 403
    assert "administrators" in response.json()["detail"]
    assert not WebhookSubscription.objects.exists()


def test_a_user_granted_the_webhook_permission_manages_webhooks(client, make_token, receiver):
    user = get_user_model().objects.create_user("integrations", "i@laht.example", "pw")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="webhooks", codename="change_webhooksubscription"
        )
    )
    response = v3(
        client, "post", "/api/v3/webhooks/", make_token(user, "i"), {"url": receiver.url + "/h"}
    )
    assert response.status_code == 201, response.content
    assert WebhookSubscription.objects.count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"url": "not a url"},
        {"url": "ftp://x.example/"},
        {"url": "http://x.example/", "events": ["x"]},
        {"url": "http://x.example/", "events": []},
    ],
)
def test_bad_subscriptions_are_422(client, token, payload):
    response = v3(client, "post", "/api/v3/webhooks/", token, payload)
    assert response.status_code == 422, response.content
    assert not WebhookSubscription.objects.exists()


def test_update_and_delete_a_subscription(client, token, receiver):
    created = subscribe(client, token, receiver)
    url = f"/api/v3/webhooks/{created['id']}/"
    changed = v3(client, "patch", url, token, {"events": ["expired"], "active": False})
    assert changed.status_code == 200
    assert changed.json()["events"] == ["expired"] and changed.json()["active"] is False
    assert v3(client, "delete", url, token).status_code == 204
    assert v3(client, "get", url, token).status_code == 404
