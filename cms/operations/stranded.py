"""Tasks a dead worker left running: marked failed, and queued again while attempts remain.

A worker killed in the middle of a task (SIGKILL, out of memory, a lost machine) leaves the
task's row ``RUNNING`` for ever and nothing runs it again. Every task that can run long has a
time limit its worker enforces, so a row still running well past that limit has no live
worker. Tasks say their limits with ``register`` (``retrying`` does it for its tasks);
``recover`` is run by a periodic job (``cms.publishing.housekeeping``).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task, TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("herald.tasks")

# Time limits are enforced with SIGALRM, which waits for a blocking database call to return;
# a worker this far past a task's limit is gone.
GRACE = timedelta(minutes=5)
Arguments = tuple[list[Any], dict[str, Any]]


class WorkerLost(Exception):
    """The worker running the task stopped before the task finished."""


@dataclass(frozen=True)
class Limits:
    timeout: Callable[[list[Any], dict[str, Any]], float]
    attempts: Callable[[list[Any], dict[str, Any]], int]
    on_give_up: Callable[..., None] | None = None


# A task no one registered (the heartbeat, for one) is given up after an hour, never re-run.
UNREGISTERED = Limits(timeout=lambda args, kwargs: 3600, attempts=lambda args, kwargs: 1)
_limits: dict[str, Limits] = {}


def register(
    the_task: Task,
    *,
    timeout: Callable[[list[Any], dict[str, Any]], float],
    attempts: Callable[[list[Any], dict[str, Any]], int],
    on_give_up: Callable[..., None] | None = None,
) -> None:
    """Declare the task's time limit and attempts, read from its arguments. It must accept an
    ``attempt`` keyword argument (1 for the first run) to be run again. ``on_give_up(error,
    *args, **kwargs)`` is called when the lost run was its last attempt."""
    _limits[the_task.module_path] = Limits(timeout, attempts, on_give_up)


def _overdue(row: DBTaskResult, limits: Limits, now: datetime) -> bool:
    args, kwargs = row.args_kwargs["args"], row.args_kwargs["kwargs"]
    return row.started_at + timedelta(seconds=limits.timeout(args, kwargs)) + GRACE < now


def recover(now: datetime | None = None) -> int:
    """Fail every task left running past its limit and queue it again while it has attempts
    left; returns how many were found."""
    now = now or timezone.now()
    found = 0
    for row in DBTaskResult.objects.running().filter(started_at__lt=now - GRACE):
        limits = _limits.get(row.task_path, UNREGISTERED)
        if not _overdue(row, limits, now):
            continue
        with transaction.atomic():
            if _give_up_or_requeue(row, limits, now):
                found += 1
    return found


def _give_up_or_requeue(row: DBTaskResult, limits: Limits, now: datetime) -> bool:
    args, kwargs = row.args_kwargs["args"], row.args_kwargs["kwargs"]
    workers = ", ".join(row.worker_ids) or "unknown"
    error = WorkerLost(
        f"the worker running it ({workers}) stopped before it finished; started "
        f"{row.started_at.isoformat(timespec='seconds')}"
    )
    # Only the row as we saw it: a worker that finishes meanwhile keeps its result.
    claimed = DBTaskResult.objects.filter(pk=row.pk, status=row.status).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        return_value=None,
        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
        traceback=f"WorkerLost: {error}\n",
    )
    if not claimed:
        return False
    attempt = int(kwargs.get("attempt", 1))
    if attempt < limits.attempts(args, kwargs):
        row.task.enqueue(*args, **{**kwargs, "attempt": attempt + 1})
        logger.warning("Task %s lost its worker; attempt %d queued", row.task_path, attempt + 1)
    else:
        logger.error("Task %s lost its worker on its last attempt; given up", row.task_path)
        if limits.on_give_up is not None:
            limits.on_give_up(error, *args, **kwargs)
    return True
