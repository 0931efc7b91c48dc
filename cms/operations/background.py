"""Background tasks with a timeout and retries with backoff, on django-tasks.

django-tasks (Django's ``django.tasks`` API) queues and runs tasks but neither limits
their time nor retries them. ``retrying`` adds both: a task that raises (or overruns its
timeout) is enqueued again after ``backoff`` seconds, doubling each attempt, until
``attempts`` runs have failed; every failed run is recorded as failed by the backend,
and the last one is logged as given up. The attempt number travels in the ``attempt``
keyword argument. A backend that cannot run a task later (the tests' immediate backend)
runs each task once. A run whose worker died is failed and retried the same way
(``cms.operations.stranded``).

Timeouts use ``SIGALRM``, so they hold where the worker runs tasks: in its main thread
(``manage.py db_worker``). A task run elsewhere (the immediate backend inside a request
thread) runs without a limit.
"""

import contextlib
import functools
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks import TaskResult, task
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend

from cms.operations import stranded

logger = logging.getLogger("herald.tasks")

MAX_BACKOFF = 6 * 3600


class TaskTimeout(Exception):
    """The task ran longer than its timeout."""


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``TaskTimeout`` in the block once it has run ``seconds`` (main thread only)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TaskTimeout(f"timed out after {seconds}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def backoff_delay(base: float, attempt: int) -> float:
    """Seconds before attempt ``attempt + 1``: base, 2×base, 4×base… (capped at 6 h)."""
    return min(base * 2 ** max(attempt - 1, 0), MAX_BACKOFF)


def can_retry(the_task: Task) -> bool:
    """Retries need a backend that can run a task later; one that runs it on the spot (the
    tests' immediate backend) runs each task once."""
    return bool(the_task.get_backend().supports_defer)


def enqueue_later(the_task: Task, delay: float, *args: Any, **kwargs: Any) -> TaskResult:
    """Enqueue ``the_task`` to run ``delay`` seconds from now."""
    the_task = the_task.using(run_after=timezone.now() + timedelta(seconds=delay))
    return the_task.enqueue(*args, **kwargs)


def queues_in_database(the_task: Task) -> bool:
    """Whether enqueueing writes a row in the project's database (the database backend), so
    that it can be part of a transaction; a backend that runs the task on the spot (the
    tests' immediate backend) must be called outside the caller's transaction instead."""
    return isinstance(the_task.get_backend(), DatabaseBackend)


def retrying(
    *,
    timeout: float,
    attempts: int = 3,
    backoff: float = 30,
    priority: int = 0,
    on_give_up: Callable[..., None] | None = None,
) -> Callable[[Callable[..., Any]], Task]:
    """Make ``func`` a task with a timeout and ``attempts`` runs at most (see module doc).

    ``on_give_up(error, *args, **kwargs)`` is called after the last failed attempt."""

    def decorate(func: Callable[..., Any]) -> Task:
        @functools.wraps(func)
        def run(*args: Any, attempt: int = 1, **kwargs: Any) -> Any:
            try:
                with deadline(timeout):
                    return func(*args, **kwargs)
            except Exception as e:
                name = f"{func.__module__}.{func.__qualname__}"
                if attempt >= attempts or not can_retry(the_task):
                    logger.error("Task %s failed for good after %d attempts: %s", name, attempt, e)
                    if on_give_up is not None:
                        on_give_up(e, *args, **kwargs)
                    raise
                delay = backoff_delay(backoff, attempt)
                logger.warning(
                    "Task %s failed (attempt %d of %d: %s); retrying in %ss",
                    name,
                    attempt,
                    attempts,
                    e,
                    delay,
                )
                enqueue_later(the_task, delay, *args, attempt=attempt + 1, **kwargs)
                raise

        the_task = task(priority=priority)(run)
        stranded.register(
            the_task,
            timeout=lambda args, kwargs: timeout,
            attempts=lambda args, kwargs: attempts,
            on_give_up=on_give_up,
        )
        return the_task

    return decorate
