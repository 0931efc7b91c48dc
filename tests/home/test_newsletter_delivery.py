"""The daily headlines meet mailbox providers' rules: one-click unsubscribe (RFC 8058) and
suppression after hard bounces and spam complaints reported through django-anymail."""

import base64
import json

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from anymail.webhooks.postmark import PostmarkTrackingWebhookView
from django.core import mail
from django.core.management import call_command
from django.test import Client, RequestFactory

from home.newsletter.models import NewsletterDelivery, Subscriber
from home.newsletter.sending import send_daily_headlines

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(site):
    return Subscriber.objects.create(email="reader@example.com", status="confirmed")


def test_the_daily_headlines_offer_one_click_unsubscribe(reader):
    send_daily_headlines()
    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe"] == f"<{reader.unsubscribe_url()}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # What the mail provider receives: both headers on the message itself.
    sent = message.message()
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_cms_unsubscribe_endpoint_needs_no_csrf_token_even_with_a_session(reader, admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)  # a session cookie, and no CSRF token with it
    response = client.post(
        "/api/v3/newsletter/unsubscribe/",
        {"token": reader.unsubscribe_token()},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED


def test_email_timeout_bounds_a_stalled_smtp_server(settings):
    from django.core.mail.backends.smtp import EmailBackend

    assert settings.EMAIL_TIMEOUT == 10
    assert EmailBackend().timeout == 10


@pytest.mark.parametrize(
    ("event_type", "status"),
    [("bounced", Subscriber.Status.BOUNCED), ("complained", Subscriber.Status.COMPLAINED)],
)
def test_a_hard_bounce_or_complaint_suppresses_the_subscriber(reader, event_type, status):
    event = AnymailTrackingEvent(event_type=event_type, recipient="Reader@Example.com")
    tracking.send(sender=object, event=event, esp_name="Postmark")
    reader.refresh_from_db()
    assert reader.status == status
    assert reader.unsubscribed_at is not None

    send_daily_headlines()
    assert mail.outbox == []
    assert not NewsletterDelivery.objects.filter(subscriber=reader).exists()


def test_a_soft_bounce_keeps_the_subscriber(reader):
    event = AnymailTrackingEvent(event_type="deferred", recipient="reader@example.com")
    tracking.send(sender=object, event=event, esp_name="Postmark")
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_a_postmark_bounce_webhook_suppresses_the_subscriber(reader, settings):
    """The whole path: the provider's payload, anymail's webhook view and its signal."""
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:secret"}
    payload = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "TypeCode": 1,
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Email": "reader@example.com",
        "BouncedAt": "2026-12-04T06:30:05Z",
        "Description": "The server was unable to deliver your message",
    }
    request = RequestFactory().post(
        "/anymail/postmark/tracking/",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION="Basic " + base64.b64encode(b"hook:secret").decode(),
    )
    response = PostmarkTrackingWebhookView.as_view()(request)
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.BOUNCED


def test_a_suppressed_reader_can_subscribe_again(reader, client):
    tracking.send(
        sender=object,
        event=AnymailTrackingEvent(event_type="complained", recipient=reader.email),
        esp_name="Postmark",
    )
    call_command("send_daily_headlines")
    assert mail.outbox == []
    response = client.post(
        "/api/v3/newsletter/subscribe/", {"email": reader.email}, content_type="application/json"
    )
    assert response.status_code == 202
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.PENDING
