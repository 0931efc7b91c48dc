"""The newsletter's desk: the subscribers admin and its export, the cartoons, and one
send a day however many schedulers run."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cms.delivery.factories import ImageFactory
from home.newsletter.models import Subscriber
from home.newsletter.sending import send_daily_headlines
from tests.home.newsletter.conftest import confirmed, subscribe


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
