"""The daily headlines in the worker: one batch task per NEWSLETTER_BATCH_SIZE subscribers,
run by a real ``db_worker`` on the database backend, one email per subscriber per issue."""

import pytest
from django.core import mail
from django.utils import timezone

from home.newsletter import jobs, tasks
from home.newsletter.models import NewsletterIssue, Subscriber
from tests.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

READERS = [f"reader{n}@example.com" for n in range(5)]


def test_the_headlines_go_out_in_batches_with_one_email_per_subscriber(
    home, settings, database_tasks
):
    settings.NEWSLETTER_BATCH_SIZE = 2
    for email in READERS:
        Subscriber.objects.create(
            email=email, status=Subscriber.Status.CONFIRMED, confirmed_at=timezone.now()
        )
    Subscriber.objects.create(email="pending@example.com")

    assert jobs.send_daily_headlines().endswith("5 to send, 3 batch tasks queued")
    assert mail.outbox == [], "sent before the worker ran"
    issue = NewsletterIssue.objects.get()
    tasks.send_batch.enqueue(issue.pk)  # one batch too many, as a retry would be
    run_worker()

    assert sorted(message.to[0] for message in mail.outbox) == READERS
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT
