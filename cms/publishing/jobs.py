"""Registry of periodic jobs that ``manage.py run_scheduler`` queues for the worker.

Apps register their jobs at import time of their ``jobs`` module (imported
from the app's ``AppConfig.ready``)::

    from cms.publishing.jobs import register

    @register("directory.check_links", daily_at="03:30")
    def check_links():
        ...

``every`` is an interval in seconds; ``daily_at`` is a local time ("HH:MM" in
``TIME_ZONE``). Each due run is a background task (``cms.publishing.tasks.run_job``) that
the worker runs with the job's ``timeout`` (seconds) and up to ``attempts`` attempts,
``backoff`` seconds before the second, twice that before the third… Settings may override
any of these through ``SCHEDULER_JOBS`` (``{"directory.check_links": {"daily_at": "04:00"}}``,
``{"timeout": 7200}`` or ``{"enabled": False}``). The scheduler guarantees that each due
run of a job is queued exactly once, however many schedulers are running.
"""

from collections.abc import Callable
from dataclasses import dataclass

from cms.publishing.conf import settings


@dataclass(frozen=True)
class Job:
    name: str
    func: Callable[[], object]
    every: int | None = None
    daily_at: str | None = None
    enabled: bool = True
    timeout: float = 600
    attempts: int = 3
    backoff: float = 60


_registry: dict[str, Job] = {}
#: What ``SCHEDULER_JOBS`` may override besides the period and ``enabled``.
LIMITS = ("timeout", "attempts", "backoff")


def register(name, *, every=None, daily_at=None, timeout=600, attempts=3, backoff=60):
    if (every is None) == (daily_at is None):
        raise ValueError(f"job {name!r}: give exactly one of every= or daily_at=")

    def decorator(func):
        _registry[name] = Job(
            name=name,
            func=func,
            every=every,
            daily_at=daily_at,
            timeout=timeout,
            attempts=attempts,
            backoff=backoff,
        )
        return func

    return decorator


def get_jobs():
    """Registered jobs with the ``SCHEDULER_JOBS`` setting's overrides applied."""
    overrides = settings.SCHEDULER_JOBS
    jobs = []
    for name, job in sorted(_registry.items()):
        override = overrides.get(name, {})
        if override:
            limits = {key: override.get(key, getattr(job, key)) for key in LIMITS}
            every = override.get("every", job.every if "daily_at" not in override else None)
            daily_at = override.get("daily_at", job.daily_at if "every" not in override else None)
            job = Job(
                name=name,
                func=job.func,
                every=every,
                daily_at=daily_at,
                enabled=override.get("enabled", job.enabled),
                **limits,
            )
        jobs.append(job)
    return jobs


def get_job(name):
    """The registered job ``name`` with its overrides, or ``None``."""
    return next((job for job in get_jobs() if job.name == name), None)
