"""A task whose worker died (SIGKILL, out of memory) is failed and run again once it is past
its time limit, and given up, visibly, after its last attempt.

A killed worker leaves exactly one trace: the task's row claimed and ``RUNNING``. The tests
make that state with the worker's own ``claim`` and then run a real worker round.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.operations import stranded
from cms.operations.background import retrying
from cms.publishing import jobs, scheduler
from cms.publishing.models import JobRun
from cms.publishing.tasks import run_job
from tests.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

GIVEN_UP = []


@retrying(timeout=600, attempts=3, backoff=30)
def import_quotes(provider: str) -> str:
    return f"imported from {provider}"


@retrying(timeout=600, attempts=1, on_give_up=lambda error, *args: GIVEN_UP.append(str(error)))
def send_issue(issue_id: int) -> None:
    raise AssertionError("a lost last attempt is not run again")


@pytest.fixture(autouse=True)
def nothing_given_up(database_tasks):
    GIVEN_UP.clear()


def killed_while_running(minutes_ago: float, task=None) -> DBTaskResult:
    """The queued task's row as a worker killed ``minutes_ago`` into running it leaves it."""
    queued = DBTaskResult.objects.filter(status="READY")
    row = queued.get(task_path=task.module_path) if task else queued.get()
    row.claim("worker-that-died")
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return row


def test_a_task_whose_worker_died_runs_again_once_past_its_time_limit():
    import_quotes.enqueue("efe")
    lost = killed_while_running(minutes_ago=16)  # 10 min limit + 5 min grace

    assert stranded.recover() == 1
    lost.refresh_from_db()
    assert lost.status == "FAILED"
    assert lost.exception_class_path == "cms.operations.stranded.WorkerLost"
    assert "worker-that-died" in lost.traceback
    again = DBTaskResult.objects.get(status="READY")
    assert again.args_kwargs == {"args": ["efe"], "kwargs": {"attempt": 2}}

    run_worker()
    again.refresh_from_db()
    assert (again.status, again.return_value) == ("SUCCESSFUL", "imported from efe")


def test_a_task_within_its_time_limit_is_left_to_its_worker():
    import_quotes.enqueue("efe")
    running = killed_while_running(minutes_ago=14)

    assert stranded.recover() == 0
    running.refresh_from_db()
    assert running.status == "RUNNING"
    assert DBTaskResult.objects.count() == 1


def test_a_lost_last_attempt_is_given_up_and_reported():
    send_issue.enqueue(7)
    killed_while_running(minutes_ago=60)

    assert stranded.recover() == 1
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED"]
    assert GIVEN_UP and "stopped before it finished" in GIVEN_UP[0]
    assert stranded.recover() == 0, "found once"


def test_a_periodic_job_whose_worker_died_is_run_again_then_marked_failed():
    saved = dict(jobs._registry)
    jobs._registry.clear()
    jobs.register("test.quotes", every=3600, timeout=60, attempts=2)(lambda: "done")
    try:
        scheduler.tick()
        killed_while_running(minutes_ago=10, task=run_job)
        assert stranded.recover() == 1
        killed_while_running(minutes_ago=10, task=run_job)  # the second attempt's worker dies too
        assert stranded.recover() == 1
    finally:
        jobs._registry.clear()
        jobs._registry.update(saved)
    run = JobRun.objects.get(name="test.quotes")
    assert run.status == JobRun.Status.FAILED
    assert run.error.startswith("WorkerLost: the worker running it (worker-that-died)")
    assert not DBTaskResult.objects.filter(status="READY", task_path=run_job.module_path).exists()


def test_stranded_tasks_are_looked_for_every_minute():
    job = jobs.get_job("operations.recover_stranded_tasks")
    assert job is not None and job.every == 60
