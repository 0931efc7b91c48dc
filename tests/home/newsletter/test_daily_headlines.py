"""The daily headlines email: every confirmed reader once, through crashes and reruns, at the
configured local time."""

import io
import re
import threading

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from cms.publishing.jobs import get_jobs
from home.newsletter.models import NewsletterDelivery, NewsletterIssue
from home.newsletter.sending import send_daily_headlines
from tests.home.newsletter.conftest import post_token


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
    settings.EMAIL_BACKEND = "tests.home.newsletter.test_daily_headlines.FailingOnce"
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
