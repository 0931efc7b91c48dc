"""Periodic jobs' slots: when each registered job (``cms.publishing.jobs``) is due, and the
claim of a slot, which queues the job's task for the worker."""

import logging
from datetime import UTC, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.operations import heartbeats
from cms.operations.background import queues_in_database
from cms.publishing import jobs as job_registry
from cms.publishing import tasks
from cms.publishing.models import JobRun

logger = logging.getLogger("herald.scheduler")

#: A daily job whose slot was missed (scheduler down) still runs if it is this late at most...
DAILY_CATCH_UP = timedelta(hours=12)
#: ...but a daily job that has never run (fresh install) only catches up this much.
FIRST_RUN_CATCH_UP = timedelta(hours=1)


def parse_daily_at(value):
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def latest_slot(job, now):
    """The most recent due time of ``job`` at or before ``now`` (aware, UTC), or ``None``.

    ``every`` slots are multiples of the interval since the epoch; ``daily_at``
    slots are that wall-clock time each local day in ``TIME_ZONE`` (a time that a
    DST change skips runs at the same instant as the next valid local time; an
    hour repeated runs at its first occurrence), so a daily job runs once per
    local day whatever the offset.
    """
    if job.every:
        seconds = int(now.timestamp()) // job.every * job.every
        return datetime.fromtimestamp(seconds, tz=UTC)
    tz = timezone.get_current_timezone()
    local_date = timezone.localtime(now, tz).date()
    at = parse_daily_at(job.daily_at)
    for days in (0, 1):
        day = local_date - timedelta(days=days)
        slot = _local_instant(day, at, tz)
        if slot <= now:
            return slot
    return None


def next_slot(job, now):
    if job.every:
        return latest_slot(job, now) + timedelta(seconds=job.every)
    tz = timezone.get_current_timezone()
    local_date = timezone.localtime(now, tz).date()
    at = parse_daily_at(job.daily_at)
    for days in (0, 1, 2):
        slot = _local_instant(local_date + timedelta(days=days), at, tz)
        if slot > now:
            return slot
    return None


def _local_instant(day, at, tz):
    naive = datetime.combine(day, at)
    # Round-trip through UTC normalises a wall time that DST skips.
    return naive.replace(tzinfo=tz).astimezone(UTC)


def run_due_jobs(now=None, seen_slots=None):
    """Run every enabled job whose latest slot has no run yet; returns the names run.

    ``seen_slots`` (a dict kept by a long-running scheduler) remembers the slots
    already claimed, by this process or another, so each slot costs one INSERT
    attempt per process rather than one per tick.
    """
    now = now or timezone.now()
    seen_slots = {} if seen_slots is None else seen_slots
    ran = []
    for job in job_registry.get_jobs():
        if not job.enabled:
            continue
        slot = latest_slot(job, now)
        if slot is None or (job.daily_at and now - slot > DAILY_CATCH_UP):
            continue
        if seen_slots.get(job.name) == slot:
            continue
        if (
            job.daily_at
            and now - slot > FIRST_RUN_CATCH_UP
            and not JobRun.objects.filter(name=job.name).exists()
        ):
            seen_slots[job.name] = slot
            continue
        if run_job(job, slot):
            ran.append(job.name)
        seen_slots[job.name] = slot
    return ran


def run_job(job, due_at):
    """Claim the (job, due_at) slot and queue its task; ``False`` if another scheduler has it."""
    queued_with_claim = queues_in_database(tasks.run_job)
    try:
        with transaction.atomic():
            JobRun.objects.create(name=job.name, due_at=due_at, worker=heartbeats.process_name())
            if queued_with_claim:
                tasks.run_job.enqueue(job.name, due_at.isoformat())
    except IntegrityError:
        return False
    if not queued_with_claim:
        tasks.run_job.enqueue(job.name, due_at.isoformat())
    logger.info("Queued job %s (due %s)", job.name, timezone.localtime(due_at).isoformat())
    return True
