"""Subscribing to the newsletter: double opt-in, tokens, rate limits and consent."""

import time

import pytest
from django.core import mail, signing

from home.newsletter.models import CONFIRM_SALT, Subscriber
from tests.home.newsletter.conftest import (
    ACCEPTED,
    BROWSER,
    confirmed,
    post_token,
    subscribe,
    token_from,
)


@pytest.mark.django_db
def test_double_opt_in_subscribe_then_confirm(client, site):
    response = subscribe(client, "  Reader@Example.COM ", consent_text_version="2026-01")
    assert response.status_code == 202
    assert response.json() == ACCEPTED

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.com"
    assert subscriber.status == Subscriber.Status.PENDING
    # The consent record: when, from where, with what, which text.
    assert subscriber.consent_ip == "203.0.113.7"
    assert subscriber.consent_user_agent == BROWSER
    assert subscriber.consent_text_version == "2026-01"
    assert subscriber.consent_at is not None

    [message] = mail.outbox
    assert message.to == ["reader@example.com"]
    assert "Confirm your subscription" in message.subject
    html = message.alternatives[0][0]
    token = token_from(message, "confirm")
    assert token in html
    assert "/newsletter/unsubscribe/?token=" in message.body

    # Opening the link is not enough: the frontend's page POSTs the token.
    assert client.get(f"/api/v3/newsletter/confirm/?token={token}").status_code == 405
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING

    response = post_token(client, "confirm", token)
    assert response.status_code == 200
    assert response.json()["status"] == "confirmed"
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None


@pytest.mark.django_db
def test_the_consent_version_defaults_to_the_site_settings(client, site):
    from home.site_settings.models import SiteFurniture

    furniture = SiteFurniture.for_site(site)
    furniture.newsletter_consent_version = "2026-07-b"
    furniture.save()
    subscribe(client, "reader@example.com")
    assert Subscriber.objects.get().consent_text_version == "2026-07-b"


@pytest.mark.django_db
def test_dev_mail_is_written_as_files(client, site, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    subscribe(client, "reader@example.com")
    [written] = list((tmp_path / "mail").iterdir())
    text = written.read_text()
    assert "To: reader@example.com" in text
    assert "/newsletter/confirm/?token=" in text


@pytest.mark.django_db
def test_the_answer_is_the_same_for_known_and_unknown_addresses(client, site):
    confirmed(client, "known@example.com")
    sent = len(mail.outbox)
    known = subscribe(client, "known@example.com", ip="192.0.2.10")
    unknown = subscribe(client, "new@example.com", ip="192.0.2.11")
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    # The confirmed reader is not bothered again and stays subscribed.
    assert [m.to for m in mail.outbox[sent:]] == [["new@example.com"]]
    assert Subscriber.objects.get(email="known@example.com").status == "confirmed"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email, message",
    [
        ("", "Enter your email address."),
        ("not-an-email", "Enter a valid email address, like name@example.com."),
        ("name@", "Enter a valid email address, like name@example.com."),
        ("name@exa mple.com", "Enter a valid email address, like name@example.com."),
        ("a" * 250 + "@example.com", "That email address is too long."),
    ],
)
def test_malformed_addresses_get_a_clear_422(client, site, email, message):
    response = subscribe(client, email)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == message
    assert body["errors"][0]["loc"] == ["body", "email"]
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_body_without_an_email_is_422_and_a_broken_body_400(client, site):
    response = client.post(
        "/api/v3/newsletter/subscribe/", {"mail": "x"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][-1] == "email"
    response = client.post(
        "/api/v3/newsletter/subscribe/", "email=x", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Cannot parse request body"
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_a_flood_from_one_ip_is_limited_and_other_readers_are_not(client, site, settings):
    settings.NEWSLETTER_RATE_LIMIT_PER_IP = (10, 3600)
    answers = [
        subscribe(client, f"flood{n}@example.com", ip="203.0.113.66").status_code for n in range(15)
    ]
    assert answers == [202] * 10 + [429] * 5
    limited = subscribe(client, "flood99@example.com", ip="203.0.113.66")
    assert "Too many subscription requests" in limited.json()["detail"]
    assert limited["Retry-After"] == "3600"

    # A reader elsewhere subscribes normally, and the accepted requests were all kept.
    assert subscribe(client, "reader@example.com", ip="198.51.100.1").status_code == 202
    assert Subscriber.objects.count() == 11
    assert len(mail.outbox) == 11
    assert sorted(m.to[0] for m in mail.outbox)[-1] == "reader@example.com"


@pytest.mark.django_db
def test_repeated_requests_for_one_address_are_limited(client, site):
    answers = [
        subscribe(client, "target@example.com", ip=f"198.51.100.{n}").status_code for n in range(5)
    ]
    assert answers == [202, 202, 202, 429, 429]
    assert len(mail.outbox) == 3
    assert int(subscribe(client, "target@example.com", ip="198.51.100.9")["Retry-After"]) > 0


@pytest.mark.django_db
def test_a_replayed_confirmation_token_is_refused(client, site):
    subscribe(client, "reader@example.com")
    token = token_from(mail.outbox[0], "confirm")
    assert post_token(client, "confirm", token).status_code == 200
    again = post_token(client, "confirm", token)
    assert again.status_code == 400
    assert again.json()["code"] == "used"
    assert "already been used" in again.json()["detail"]


@pytest.mark.django_db
def test_a_second_subscription_replaces_the_first_link(client, site):
    subscribe(client, "reader@example.com")
    subscribe(client, "reader@example.com", ip="198.51.100.2")
    first, second = (token_from(m, "confirm") for m in mail.outbox)
    # Both links are for the same pending record; whichever is used first confirms it once.
    assert post_token(client, "confirm", second).status_code == 200
    assert post_token(client, "confirm", first).json()["code"] == "used"


@pytest.mark.django_db
def test_tampered_and_truncated_tokens_are_refused(client, site):
    subscribe(client, "reader@example.com")
    token = token_from(mail.outbox[0], "confirm")
    for bad in (token[:-3], token + "x", "garbage", ""):
        response = post_token(client, "confirm", bad)
        assert response.status_code == 400, bad
        assert response.json()["code"] == "invalid"
        assert "not valid" in response.json()["detail"]
    # A valid unsubscribe token is not a confirmation token.
    unsubscribe_token = token_from(mail.outbox[0], "unsubscribe")
    assert post_token(client, "confirm", unsubscribe_token).json()["code"] == "invalid"
    assert Subscriber.objects.get().status == "pending"


class SignerOf73HoursAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 73 * 3600)


@pytest.mark.django_db
def test_an_expired_confirmation_token_says_so(client, site):
    subscribe(client, "reader@example.com")
    subscriber = Subscriber.objects.get()
    token = SignerOf73HoursAgo(salt=CONFIRM_SALT).sign_object(
        {"s": subscriber.pk, "n": subscriber.confirm_nonce}
    )
    response = post_token(client, "confirm", token)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "expired"
    assert body["detail"] == (
        "This confirmation link has expired (links are valid for 72 hours). "
        "Subscribe again to get a new one."
    )
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"


@pytest.mark.django_db
def test_unsubscribe_with_the_link_from_an_email(client, site):
    subscriber = confirmed(client, "reader@example.com")
    token = token_from(mail.outbox[-1], "unsubscribe")
    response = post_token(client, "unsubscribe", token)
    assert response.status_code == 200
    assert response.json()["status"] == "unsubscribed"
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert subscriber.unsubscribed_at is not None
    # Repeating it is harmless; a forged token is not.
    assert post_token(client, "unsubscribe", token).status_code == 200
    assert post_token(client, "unsubscribe", token[:-2]).status_code == 400


@pytest.mark.django_db
def test_token_endpoints_are_rate_limited(client, site, settings):
    settings.NEWSLETTER_RATE_LIMIT_PER_IP = (2, 3600)  # token endpoints allow 3x that
    codes = [post_token(client, "confirm", "guess").status_code for _ in range(8)]
    assert codes == [400] * 6 + [429] * 2
