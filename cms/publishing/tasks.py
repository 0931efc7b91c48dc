"""The background task that runs one due slot of a periodic job (``cms.publishing.jobs``).

The scheduler claims the slot (its ``JobRun`` row) and queues this task in the same
transaction; the worker runs the job with its timeout. A failed attempt is queued again
after the job's backoff, doubling each time; after the last attempt the run is marked
failed. The ``JobRun`` shows the state: queued, running, succeeded or failed.
"""

import logging
from datetime import datetime

from django.utils import timezone
from django_tasks import task

from cms.operations import stranded
from cms.operations.background import backoff_delay, can_retry, deadline, enqueue_later
from cms.operations.heartbeats import process_name
from cms.publishing import jobs
from cms.publishing.models import JobRun

logger = logging.getLogger("herald.scheduler")


@task()
def run_job(name: str, due_at: str, attempt: int = 1) -> str | None:
    job = jobs.get_job(name)
    runs = JobRun.objects.filter(name=name, due_at=datetime.fromisoformat(due_at))
    if job is None:
        runs.update(status=JobRun.Status.FAILED, error="the job is no longer registered")
        return None
    started = timezone.now()
    runs.update(
        status=JobRun.Status.RUNNING, started_at=started, attempts=attempt, worker=process_name()
    )
    logger.info("Running job %s (due %s), attempt %d", name, due_at, attempt)
    try:
        with deadline(job.timeout):
            result = job.func()
    except Exception as e:
        error = f"{type(e).__name__}: {e}"
        if attempt < job.attempts and can_retry(run_job):
            delay = backoff_delay(job.backoff, attempt)
            runs.update(status=JobRun.Status.QUEUED, error=error)
            logger.warning("Job %s failed (%s); attempt %d in %ss", name, error, attempt + 1, delay)
            enqueue_later(run_job, delay, name, due_at, attempt=attempt + 1)
        else:
            runs.update(status=JobRun.Status.FAILED, error=error, finished_at=timezone.now())
            logger.exception("Job %s failed for good after %d attempts", name, attempt)
        raise
    finished = timezone.now()
    runs.update(status=JobRun.Status.SUCCEEDED, error="", finished_at=finished)
    logger.info("Job %s succeeded in %.2fs", name, (finished - started).total_seconds())
    return None if result is None else str(result)[:1000]


def _job_limit(name: str, key: str) -> float:
    job = jobs.get_job(name)
    return getattr(job, key) if job is not None else 0


def _lost_for_good(error: Exception, name: str, due_at: str, attempt: int = 1) -> None:
    JobRun.objects.filter(name=name, due_at=datetime.fromisoformat(due_at)).update(
        status=JobRun.Status.FAILED, error=f"WorkerLost: {error}", finished_at=timezone.now()
    )


stranded.register(
    run_job,
    timeout=lambda args, kwargs: _job_limit(args[0], "timeout"),
    attempts=lambda args, kwargs: int(_job_limit(args[0], "attempts")),
    on_give_up=_lost_for_good,
)
