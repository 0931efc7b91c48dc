"""Newsletter: double opt-in, tokens, rate limits, consent, and the daily headlines email."""

import datetime
import io
import re
import threading
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from cms.delivery.factories import ImageFactory
from cms.publishing.jobs import get_jobs
from home.most_viewed.counting import add_views, hour_bucket
from home.newsletter.models import (
    CONFIRM_SALT,
    Cartoon,
    NewsletterDelivery,
    NewsletterIssue,
    Subscriber,
)
from home.newsletter.sending import send_daily_headlines
from news.factories import ArticlePageFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"
ACCEPTED = {
    "status": "accepted",
    "detail": (
        "Thanks! Check your inbox: we sent a link to confirm your subscription. It is valid "
        "for 72 hours."
    ),
}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # rate limit counters live in the cache
    yield
    cache.clear()


def subscribe(client, email, ip="203.0.113.7", **extra):
    # The confirmation is sent once the subscription is committed.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            "/api/v3/newsletter/subscribe/",
            {"email": email, **extra},
            content_type="application/json",
            HTTP_X_FORWARDED_FOR=ip,
            HTTP_USER_AGENT=BROWSER,
        )


def post_token(client, action, token):
    return client.post(
        f"/api/v3/newsletter/{action}/", {"token": token}, content_type="application/json"
    )


def token_from(message, kind):
    """The token of the confirm/unsubscribe link in an email's plain-text body."""
    url = re.search(rf"(\S+/newsletter/{kind}/\?token=\S+)", message.body).group(1)
    return parse_qs(urlsplit(url).query)["token"][0]


def confirmed(client, email):
    subscribe(client, email, ip=f"198.51.100.{len(mail.outbox) + 1}")
    response = post_token(client, "confirm", token_from(mail.outbox[-1], "confirm"))
    assert response.status_code == 200, response.content
    return Subscriber.objects.get(email=email)


# --- Subscribing -----------------------------------------------------------------


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


# --- Daily headlines ---------------------------------------------------------------


@pytest.fixture
def edition(client, section, article):
    """Two readers, a most-viewed story, a later story and today's cartoon."""
    latest = ArticlePageFactory(parent=section, title="Venezuela Sets Election Date")
    add_views(article.pk, hour_bucket(), 10)
    readers = [confirmed(client, f"reader{n}@example.com") for n in range(3)]
    Subscriber.objects.create(email="pending@example.com")
    cartoon = Cartoon.objects.create(
        image=ImageFactory(title="Cartoon"), caption="A happy ending", date=timezone.localdate()
    )
    mail.outbox.clear()
    return {"readers": readers, "latest": latest, "cartoon": cartoon}


@pytest.mark.django_db
def test_daily_headlines_reach_every_confirmed_reader_once(edition, article):
    out = io.StringIO()
    call_command("send_daily_headlines", stdout=out)
    assert "sent 3 now" in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "reader0@example.com",
        "reader1@example.com",
        "reader2@example.com",
    ]
    message = mail.outbox[0]
    assert "Daily Headlines" in message.subject
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    for body in (message.body, html):
        assert article.title in body
        assert "Venezuela Sets Election Date" in body
        assert "A happy ending" in body  # the cartoon closes every email
        assert "/newsletter/unsubscribe/?token=" in body
    assert "http://127.0.0.1:3000/" in message.body  # stories link to the frontend
    assert re.search(r'<img src="[^"]+\.jpg"', html)  # the cartoon itself
    # The cartoon comes after the stories.
    assert html.index("A happy ending") > html.index("Venezuela Sets Election Date")
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")

    # A rerun the same day sends nobody anything.
    out = io.StringIO()
    call_command("send_daily_headlines", stdout=out)
    assert len(mail.outbox) == 3
    assert "sent 0 now, 3 already sent" in out.getvalue()


@pytest.mark.django_db
def test_unsubscribed_readers_get_nothing(client, edition):
    post_token(client, "unsubscribe", edition["readers"][0].unsubscribe_token())
    send_daily_headlines()
    assert sorted(m.to[0] for m in mail.outbox) == ["reader1@example.com", "reader2@example.com"]


class FailingOnce(EmailBackend):
    """Delivers like locmem but fails on the second message of the process, once."""

    failed = False
    sent = 0

    def send_messages(self, messages):
        FailingOnce.sent += 1
        if FailingOnce.sent == 2 and not FailingOnce.failed:
            FailingOnce.failed = True
            raise ConnectionError("SMTP server went away")
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_crash_mid_send_and_a_rerun_send_nobody_twice(edition, settings):
    settings.EMAIL_BACKEND = "tests.home.test_newsletter.FailingOnce"
    with pytest.raises(CommandError, match="Run the command again to resume"):
        call_command("send_daily_headlines", "--batch-size", "1", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    call_command("send_daily_headlines", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == [
        "reader0@example.com",
        "reader1@example.com",
        "reader2@example.com",
    ]
    assert NewsletterIssue.objects.get().status == "sent"


@pytest.mark.django_db
def test_a_delivery_is_unique_per_issue_and_subscriber(edition):
    send_daily_headlines()
    delivery = NewsletterDelivery.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsletterDelivery.objects.create(issue=delivery.issue, subscriber=delivery.subscriber)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_schedulers_sending_at_once_send_each_reader_one_email(edition):
    barrier = threading.Barrier(2)
    errors = []

    def scheduler():
        from django.db import connection

        try:
            barrier.wait()
            send_daily_headlines(batch_size=1)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == [
        "reader0@example.com",
        "reader1@example.com",
        "reader2@example.com",
    ]


@pytest.mark.django_db
def test_the_daily_job_runs_at_the_configured_local_time(edition, settings):
    job = {job.name: job for job in get_jobs()}["home.send_daily_headlines"]
    assert job.daily_at == settings.NEWSLETTER_SEND_AT
    assert "3 to send, 1 batch task queued" in job.func()
    assert len(mail.outbox) == 3  # the tests' immediate backend runs the batch at once


@pytest.mark.django_db
def test_a_bad_date_is_a_clear_command_error(site):
    with pytest.raises(CommandError, match="--date must be YYYY-MM-DD"):
        call_command("send_daily_headlines", "--date", "tomorrow")


# --- Admin -------------------------------------------------------------------------


@pytest.mark.django_db
def test_subscribers_admin_filters_and_exports_csv(client, admin_client, site):
    confirmed(client, "yes@example.com")
    subscribe(client, "maybe@example.com", ip="192.0.2.50")
    listing = admin_client.get("/admin/home/subscriber/", {"status__exact": "confirmed"})
    assert listing.status_code == 200
    assert b"yes@example.com" in listing.content
    assert b"maybe@example.com" not in listing.content

    export = admin_client.get("/admin/home/subscriber/", {"export": "csv"})
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode()
    header, *rows = text.strip().splitlines()
    assert "Consent Ip Address" in header
    assert len(rows) == 2
    assert any("maybe@example.com" in row and "192.0.2.50" in row for row in rows)
    # Subscribers are never typed in or confirmed by hand; they can be looked at and erased.
    pending = Subscriber.objects.get(email="maybe@example.com")
    assert admin_client.get("/admin/home/subscriber/create/").status_code in (302, 403)
    assert admin_client.get(f"/admin/home/subscriber/edit/{pending.pk}/").status_code in (
        302,
        403,
    )
    inspect = admin_client.get(f"/admin/home/subscriber/inspect/{pending.pk}/")
    assert inspect.status_code == 200 and b"192.0.2.50" in inspect.content
    assert admin_client.post(f"/admin/home/subscriber/delete/{pending.pk}/").status_code == 302
    assert not Subscriber.objects.filter(email="maybe@example.com").exists()


@pytest.mark.django_db
def test_editors_manage_cartoons_and_the_newest_closes_the_email(admin_client, edition):
    assert admin_client.get("/admin/snippets/home/cartoon/").status_code == 200
    assert admin_client.get("/admin/snippets/home/cartoon/add/").status_code == 200
    response = admin_client.post(
        "/admin/snippets/home/cartoon/add/",
        {
            "image": ImageFactory(title="Newer").pk,
            "caption": "Tomorrow's cartoon",
            "date": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 302
    # Today's issue carries today's cartoon, not one dated tomorrow.
    send_daily_headlines()
    assert "A happy ending" in mail.outbox[0].body
    assert "Tomorrow's cartoon" not in mail.outbox[0].body


@pytest.mark.django_db
def test_two_schedulers_at_send_time_run_the_job_once(edition, settings):
    """Through the real scheduler: due at NEWSLETTER_SEND_AT local time, claimed once."""
    from cms.publishing.job_slots import run_due_jobs

    hour, minute = (int(part) for part in settings.NEWSLETTER_SEND_AT.split(":"))
    send_at = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time(hour, minute))
    )
    assert "home.send_daily_headlines" not in run_due_jobs(send_at - datetime.timedelta(minutes=1))
    assert mail.outbox == []
    first = run_due_jobs(send_at + datetime.timedelta(seconds=5))
    second = run_due_jobs(send_at + datetime.timedelta(seconds=6))  # another scheduler
    assert "home.send_daily_headlines" in first
    assert "home.send_daily_headlines" not in second
    assert sorted(m.to[0] for m in mail.outbox) == [
        "reader0@example.com",
        "reader1@example.com",
        "reader2@example.com",
    ]
