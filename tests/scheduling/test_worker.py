"""The worker: django-tasks' database backend and a real ``manage.py db_worker`` round.

The rest of the suite runs tasks on the spot (the immediate backend); these tests queue
them in the database, as production does, and run the worker command in this process.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.operations.background import TaskTimeout, retrying
from cms.publishing import jobs, scheduler
from cms.publishing.models import JobRun
from tests.conftest import run_worker
from tests.scheduling.conftest import make_due, schedule

# Transactional (the worker and the scheduler run in two threads); serialized_rollback restores
# the rows migrations create (root page, locale) after each test's flush.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_tasks"),
]


@retrying(timeout=5, attempts=3, backoff=30)
def fetch_unreachable_feed() -> None:
    raise ConnectionError("feed down")


@retrying(timeout=0.2, attempts=1)
def overrun_timeout() -> None:
    threading.Event().wait(30)


@pytest.fixture
def long_job():
    started, released = threading.Event(), threading.Event()
    saved = dict(jobs._registry)
    jobs._registry.clear()

    @jobs.register("test.long_import", every=3600)
    def long_import():
        started.set()
        if not released.wait(60):
            raise RuntimeError("never released")
        return "imported"

    yield started, released
    released.set()
    jobs._registry.clear()
    jobs._registry.update(saved)


def test_a_scheduled_go_live_is_published_while_a_long_job_runs_in_the_worker(draft, long_job):
    started, released = long_job
    scheduler.tick()
    assert JobRun.objects.get(name="test.long_import").status == JobRun.Status.QUEUED
    revision = schedule(draft, timezone.now() + timedelta(hours=1))
    seen = {}

    def scheduler_process():
        try:
            assert started.wait(30), "the worker never started the job"
            make_due(revision, timezone.now() - timedelta(seconds=1))
            seen["tick"] = scheduler.tick()
            seen["job"] = JobRun.objects.get(name="test.long_import").status
        finally:
            released.set()
            connections.close_all()

    thread = threading.Thread(target=scheduler_process)
    thread.start()
    run_worker()
    thread.join(30)

    assert seen["tick"]["published"] == 1
    assert seen["job"] == JobRun.Status.RUNNING, "published only after the job finished"
    draft.refresh_from_db()
    assert draft.live
    assert JobRun.objects.get(name="test.long_import").status == JobRun.Status.SUCCEEDED


def test_a_failing_task_is_retried_with_backoff_and_then_marked_failed():
    fetch_unreachable_feed.enqueue()
    delays = []
    for _ in range(3):
        run_worker()
        results = list(DBTaskResult.objects.order_by("enqueued_at"))
        waiting = [r for r in results if r.status == "READY"]
        if not waiting:
            break
        (retry,) = waiting
        delays.append((retry.run_after - results[-2].finished_at).total_seconds())
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # time passes

    results = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [r.status for r in results] == ["FAILED", "FAILED", "FAILED"]
    assert [r.args_kwargs["kwargs"].get("attempt", 1) for r in results] == [1, 2, 3]
    assert [round(delay) for delay in delays] == [30, 60]
    assert results[-1].exception_class_path == "builtins.ConnectionError"


def test_a_task_running_past_its_timeout_is_stopped_and_marked_failed():
    overrun_timeout.enqueue()
    run_worker()
    (result,) = DBTaskResult.objects.all()
    assert result.status == "FAILED"
    assert result.exception_class_path == f"{TaskTimeout.__module__}.TaskTimeout"


def test_a_failed_job_run_waits_for_its_retry_and_fails_after_its_last_attempt():
    saved = dict(jobs._registry)
    jobs._registry.clear()
    jobs.register("test.quotes", every=3600, attempts=2, backoff=60)(
        lambda: (_ for _ in ()).throw(RuntimeError("provider down"))
    )
    try:
        scheduler.tick()
        run_worker()
        run = JobRun.objects.get(name="test.quotes")
        assert (run.status, run.attempts) == (JobRun.Status.QUEUED, 1)
        assert "provider down" in run.error
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
        run.refresh_from_db()
        assert (run.status, run.attempts) == (JobRun.Status.FAILED, 2)
    finally:
        jobs._registry.clear()
        jobs._registry.update(saved)


def test_the_worker_records_its_heartbeat_for_readiness(client):
    scheduler.tick()  # queues the heartbeat task
    assert client.get("/readyz").json()["checks"]["worker"] == "no worker heartbeat yet"
    run_worker()
    checks = client.get("/readyz").json()["checks"]
    assert checks["worker"] == "ok", checks
