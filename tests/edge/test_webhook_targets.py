"""Webhooks go to public addresses only, keep no receiver's body, and rotate their secrets."""

import json
import socket
from datetime import timedelta

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from cms.webhooks import delivery as webhooks
from cms.webhooks.models import WebhookDelivery, WebhookSubscription
from cms.webhooks.signing import generate_webhook_secret

pytestmark = pytest.mark.django_db

PUBLIC_ADDRESS = "93.184.216.34"


@pytest.fixture
def admin_token(make_token):
    user = get_user_model().objects.create_superuser("ops", "ops@laht.example", "pw")
    return make_token(user, "ops")


@pytest.fixture
def checked(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False


@pytest.fixture
def dns(monkeypatch):
    """Host names resolved as the test says (no network): ``dns["partner.example"] = ip``."""
    answers = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


def create(client, token, url):
    return client.post(
        "/api/v3/webhooks/",
        data=json.dumps({"url": url}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/admin/",
        "http://localhost/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/hook",
        "http://192.168.1.1/hook",
        "http://[::ffff:127.0.0.1]/hook",
    ],
)
def test_loopback_link_local_and_private_targets_are_refused_on_save(
    client, admin_token, checked, url
):
    response = create(client, admin_token, url)

    assert response.status_code == 422
    assert "public addresses only" in response.json()["detail"]
    assert not WebhookSubscription.objects.exists()


def test_a_name_resolving_to_a_private_address_is_refused_on_save(
    client, admin_token, checked, dns
):
    dns["intranet.partner.example"] = "10.1.2.3"

    response = create(client, admin_token, "https://intranet.partner.example/hook")

    assert response.status_code == 422
    assert "10.1.2.3" in response.json()["detail"]


def test_a_public_target_is_accepted(client, admin_token, checked, dns):
    dns["hooks.partner.example"] = PUBLIC_ADDRESS

    assert create(client, admin_token, "https://hooks.partner.example/in").status_code == 201


def test_a_name_that_turns_private_after_saving_is_not_delivered_to(checked, dns):
    dns["hooks.partner.example"] = PUBLIC_ADDRESS
    subscription = WebhookSubscription.objects.create(url="http://hooks.partner.example/in")
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="published", payload="{}"
    )
    dns["hooks.partner.example"] = "127.0.0.1"  # DNS rebinding
    sent = []
    client = httpx.Client(
        transport=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(200))
    )

    assert webhooks.deliver_due(client=client) == 1

    delivery.refresh_from_db()
    assert sent == []
    assert delivery.status == "pending" and delivery.response_status is None
    assert "public addresses only" in delivery.error


def test_a_delivery_connects_to_the_address_that_was_checked(checked, dns):
    dns["hooks.partner.example"] = PUBLIC_ADDRESS
    subscription = WebhookSubscription.objects.create(url="https://hooks.partner.example/in")
    WebhookDelivery.objects.create(subscription=subscription, event="published", payload="{}")
    sent = []
    client = httpx.Client(
        transport=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(200))
    )

    webhooks.deliver_due(client=client)

    [request] = sent
    assert request.url.host == PUBLIC_ADDRESS
    assert request.headers["host"] == "hooks.partner.example"
    assert request.extensions["sni_hostname"] == "hooks.partner.example"


def test_deliveries_keep_status_and_timing_but_never_the_receivers_body(client, admin_token):
    subscription = WebhookSubscription.objects.create(url="http://127.0.0.1:9/hook")
    WebhookDelivery.objects.create(subscription=subscription, event="published", payload="{}")
    secret_page = "<html>router admin: password=hunter2</html>"
    transport = httpx.MockTransport(lambda r: httpx.Response(403, text=secret_page))

    webhooks.deliver_due(client=httpx.Client(transport=transport))

    response = client.get(
        f"/api/v3/webhooks/{subscription.pk}/deliveries/",
        HTTP_AUTHORIZATION=f"Bearer {admin_token}",
    )
    [logged] = response.json()
    assert logged["response_status"] == 403
    assert isinstance(logged["duration_ms"], int)
    assert "hunter2" not in response.text
    assert "response_body" not in logged


def test_a_rotated_secret_and_the_previous_one_both_verify_during_the_grace_period(
    client, admin_token
):
    old = generate_webhook_secret()
    subscription = WebhookSubscription.objects.create(url="http://127.0.0.1:9/hook", secret=old)
    rotated = client.post(
        f"/api/v3/webhooks/{subscription.pk}/rotate-secret/",
        HTTP_AUTHORIZATION=f"Bearer {admin_token}",
    ).json()
    new = rotated["secret"]
    WebhookDelivery.objects.create(subscription=subscription, event="published", payload='{"a":1}')
    seen = []
    transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(204))

    webhooks.deliver_due(client=httpx.Client(transport=transport))

    [request] = seen
    headers = dict(request.headers)
    assert new != old and new.startswith("whsec_")
    assert Webhook(new).verify(request.content, headers) == {"a": 1}
    assert Webhook(old).verify(request.content, headers) == {"a": 1}

    subscription.refresh_from_db()
    later = subscription.previous_secret_expires_at + timedelta(seconds=1)
    assert subscription.signing_secrets(now=later) == [new]
    assert subscription.signing_secrets(now=timezone.now()) == [new, old]


def test_existing_hex_secrets_become_whsec_secrets_that_old_receivers_still_verify():
    import hashlib
    import hmac
    import importlib

    from django.apps import apps

    from cms.webhooks.signing import legacy_signature

    migration = importlib.import_module("cms.webhooks.migrations.0002_standard_webhooks_secrets")
    hex_secret = "ab12" * 16
    subscription = WebhookSubscription.objects.create(url="http://127.0.0.1:9/", secret=hex_secret)

    migration.to_whsec(apps, None)

    subscription.refresh_from_db()
    assert subscription.secret.startswith("whsec_")
    body = b'{"event":"published"}'
    old_style = "sha256=" + hmac.new(hex_secret.encode(), body, hashlib.sha256).hexdigest()
    assert legacy_signature(subscription.secret, body) == old_style
