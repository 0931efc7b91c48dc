"""Periodic jobs under run_scheduler: once per slot, failures recorded, disabled jobs skipped,
missed daily slots caught up once, and a loop that outlives database errors."""

import threading
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from cms.publishing import job_slots, jobs, scheduler
from cms.publishing.management.commands.run_scheduler import Command
from cms.publishing.models import JobRun

pytestmark = pytest.mark.django_db


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


def test_loop_survives_database_errors_and_stops_when_asked(monkeypatch, caplog):
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
