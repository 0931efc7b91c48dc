"""run_scheduler --once: scheduled go-lives, expiries and periodic jobs."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.publishing import job_slots, jobs, scheduler
from cms.publishing.management.commands.run_scheduler import Command
from cms.publishing.models import JobRun
from news.models import ArticlePage
from tests.news.article_form import article_form
from tests.scheduling.conftest import make_due, schedule

pytestmark = pytest.mark.django_db


def api_titles(client):
    response = client.get("/api/v2/pages/?type=news.ArticlePage")
    return [item["title"] for item in response.json()["items"]]


def tick():
    call_command("run_scheduler", "--once")


def publish_log_count(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count()


def test_due_revision_goes_live_once_and_appears_in_the_api(client, draft):
    revision = schedule(draft, timezone.now() + timedelta(hours=1))
    assert api_titles(client) == []

    tick()
    assert api_titles(client) == [], "published before its go-live time"

    make_due(revision, timezone.now() - timedelta(seconds=1))
    tick()
    draft.refresh_from_db()
    assert draft.live and draft.live_revision_id == revision.pk
    assert api_titles(client) == ["Oil Output Rises"]
    assert publish_log_count(draft) == 1

    tick()
    assert publish_log_count(draft) == 1, "published twice"


def test_the_approved_revision_goes_live_not_a_later_draft(client, draft):
    approved = schedule(draft, timezone.now() + timedelta(hours=1), title="Approved Headline")
    later = draft.get_latest_revision_as_object()
    later.title = "Unapproved Draft Headline"
    later.save_revision()

    make_due(approved, timezone.now() - timedelta(seconds=1))
    tick()

    draft.refresh_from_db()
    assert draft.live and draft.live_revision_id == approved.pk
    assert api_titles(client) == ["Approved Headline"]
    assert draft.has_unpublished_changes


def test_a_scheduled_update_then_unpublished_page_stays_down(client, live_article):
    article = live_article
    revision = schedule(article, timezone.now() + timedelta(hours=1), title="Updated Headline")
    article.refresh_from_db()
    article.unpublish()
    make_due(revision, timezone.now() - timedelta(seconds=1))

    tick()

    article.refresh_from_db()
    assert not article.live
    assert api_titles(client) == []


def test_expired_page_is_hidden_at_once_and_taken_down_by_the_scheduler(client, article):
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - timedelta(seconds=1)
    )
    # Still live in the database, but past its expiry: readers no longer see it
    # (the public boundary checks expiry when a page is read).
    assert api_titles(client) == []

    tick()

    article.refresh_from_db()
    assert not article.live and article.expired
    assert api_titles(client) == []
    assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 404
    entries = PageLogEntry.objects.filter(page=article, action="wagtail.unpublish.scheduled")
    assert entries.count() == 1
    tick()
    assert entries.count() == 1


def test_page_expiring_later_stays_live(client, article):
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() + timedelta(hours=1))
    tick()
    article.refresh_from_db()
    assert article.live


def test_editor_can_save_again_after_a_scheduled_publish(client, draft, editor):
    """Wagtail's "Invalid schedule": the page keeps a past go-live after the scheduled publish."""
    revision = schedule(draft, timezone.now() + timedelta(hours=1))
    make_due(revision, timezone.now() - timedelta(minutes=5))
    tick()
    client.force_login(editor)

    edit_url = f"/admin/pages/{draft.pk}/edit/"
    form = client.get(edit_url)
    assert form.status_code == 200
    assert b"Invalid schedule" not in form.content

    response = client.post(
        edit_url,
        article_form(
            draft, title="Oil Output Rises Further", go_live_at="", **{"action-publish": "1"}
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    draft.refresh_from_db()
    assert draft.live and draft.title == "Oil Output Rises Further"


# --- Periodic jobs ------------------------------------------------------------------


@pytest.fixture
def job_calls(settings):
    calls = []
    saved = dict(jobs._registry)
    jobs._registry.clear()

    @jobs.register("test.every_minute", every=60)
    def every_minute():
        calls.append("every_minute")

    @jobs.register("test.broken", every=60)
    def broken():
        calls.append("broken")
        raise RuntimeError("provider down")

    yield calls
    jobs._registry.clear()
    jobs._registry.update(saved)


def test_a_job_runs_once_per_slot_and_a_failure_is_recorded(job_calls):
    # Ten seconds into a minute slot, so one second later is still the same slot.
    now = timezone.now().replace(second=10, microsecond=0)
    job_slots.run_due_jobs(now)
    job_slots.run_due_jobs(now + timedelta(seconds=1))
    assert sorted(job_calls) == ["broken", "every_minute"]
    assert JobRun.objects.get(name="test.broken").status == JobRun.Status.FAILED
    assert "provider down" in JobRun.objects.get(name="test.broken").error
    assert JobRun.objects.get(name="test.every_minute").status == JobRun.Status.SUCCEEDED

    job_slots.run_due_jobs(now + timedelta(seconds=60))
    assert sorted(job_calls) == ["broken", "broken", "every_minute", "every_minute"]


def test_disabled_job_does_not_run(job_calls, settings):
    settings.SCHEDULER_JOBS = {"test.broken": {"enabled": False}}
    job_slots.run_due_jobs(timezone.now())
    assert job_calls == ["every_minute"]


# --- The loop -------------------------------------------------------------------------


def test_loop_survives_database_errors_and_stops_when_asked(monkeypatch, caplog):
    import threading

    stop = threading.Event()
    calls = []

    def flaky_tick(now=None, seen_slots=None):
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("server closed the connection unexpectedly")
        stop.set()
        return {}

    monkeypatch.setattr(scheduler, "tick", flaky_tick)
    monkeypatch.setattr(scheduler, "next_due", lambda now=None: None)
    Command().loop(stop, interval=0.001)

    assert len(calls) == 3
    messages = [r.getMessage() for r in caplog.records if r.name == "herald.scheduler"]
    assert any("Database error (2 consecutive)" in m for m in messages)
    assert any("Database reachable again after 2 failed ticks" in m for m in messages)
    assert messages[-1].startswith("Scheduler ") and messages[-1].endswith("stopped")


def test_a_long_running_scheduler_remembers_claimed_slots(job_calls, django_assert_num_queries):
    seen = {}
    now = timezone.now().replace(second=10, microsecond=0)  # one second later: same slot
    job_slots.run_due_jobs(now, seen)
    with django_assert_num_queries(0):
        job_slots.run_due_jobs(now + timedelta(seconds=1), seen)
    assert sorted(job_calls) == ["broken", "every_minute"]


def test_daily_job_catches_up_a_missed_slot_only_once_it_has_history(settings):
    saved = dict(jobs._registry)
    jobs._registry.clear()
    runs = []
    jobs.register("test.daily", daily_at="06:30")(lambda: runs.append(1))
    try:
        local = timezone.localtime()
        six_thirty = local.replace(hour=6, minute=30, second=0, microsecond=0)
        if six_thirty > local:
            six_thirty -= timedelta(days=1)

        # Fresh install started three hours after the slot: waits for the next one.
        job_slots.run_due_jobs(six_thirty + timedelta(hours=3))
        assert runs == []
        # Started shortly after the slot: runs it.
        job_slots.run_due_jobs(six_thirty + timedelta(minutes=20))
        assert runs == [1]
        # With history, a slot missed by three hours still runs; by a day it does not.
        job_slots.run_due_jobs(six_thirty + timedelta(days=1, hours=3))
        assert runs == [1, 1]
        job_slots.run_due_jobs(six_thirty + timedelta(days=3, hours=13))
        assert runs == [1, 1]
    finally:
        jobs._registry.clear()
        jobs._registry.update(saved)
