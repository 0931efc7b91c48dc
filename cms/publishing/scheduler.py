"""The scheduler behind ``manage.py run_scheduler``.

Each tick:

1. expires live objects whose ``expire_at`` has passed (Wagtail's ``unpublish``
   with ``set_expired=True``, logged ``wagtail.unpublish.scheduled``);
2. publishes revisions whose ``approved_go_live_at`` has passed (Wagtail's
   ``Revision.publish``, logged ``wagtail.publish.scheduled``), holding any whose
   page is still under embargo until the embargo lifts;
3. queues a task for each registered periodic job (``cms.publishing.jobs``) whose slot
   is due;
4. queues the sending of due webhook deliveries (``cms.webhooks.tasks``) and the worker's
   heartbeat, unless one is still queued.

Nothing slow runs here: the worker (``manage.py db_worker``) runs the tasks, so a go-live
never waits behind the newsletter or the link check. Every tick records the scheduler's
heartbeat, and each publication and expiry its lateness (log and metric).

Exactly once across processes: each due item is claimed inside the transaction
that acts on it. The claim is a conditional ``UPDATE`` (clear the revision's
``approved_go_live_at``; set the page's ``live`` to false) that only one
transaction can win: PostgreSQL blocks a concurrent claimer on the row lock and
re-checks the condition after the winner commits (0 rows), SQLite serialises
the writers (``transaction_mode=IMMEDIATE``). On PostgreSQL the candidate rows
are also read with ``SELECT … FOR UPDATE SKIP LOCKED`` so schedulers share the
work instead of queueing behind each other. Side effects (cache purges, webhook
rows) happen inside that transaction or on its commit, so only the claimer
causes them. A job run is claimed by inserting its unique ``JobRun(name, due_at)``, and its
task is queued in the same transaction (the database backend's queue is a table).
"""

import logging
from datetime import UTC, datetime, time, timedelta

from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.db.models import Min
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from cms.operations import heartbeats
from cms.operations import tasks as operations_tasks
from cms.operations.background import queues_in_database
from cms.operations.conf import settings as operations_settings
from cms.operations.metrics import PUBLICATION_LATENESS
from cms.publishing import jobs as job_registry
from cms.publishing import tasks
from cms.publishing.embargo import EmbargoMixin, publish_refusal
from cms.publishing.models import JobRun
from cms.webhooks import delivery as webhooks
from cms.webhooks import tasks as webhook_tasks

logger = logging.getLogger("herald.scheduler")

#: A daily job whose slot was missed (scheduler down) still runs if it is this late at most...
DAILY_CATCH_UP = timedelta(hours=12)
#: ...but a daily job that has never run (fresh install) only catches up this much.
FIRST_RUN_CATCH_UP = timedelta(hours=1)


def worker_name():
    return heartbeats.process_name()


def _lateness(action, due_at):
    """Seconds since ``due_at``, recorded in the lateness histogram."""
    late = (timezone.now() - due_at).total_seconds()
    PUBLICATION_LATENESS.labels(action).observe(max(late, 0.0))
    return late


def _locking(queryset):
    """``FOR UPDATE SKIP LOCKED`` where the database has it (PostgreSQL); as is on SQLite."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset


def draft_state_models():
    """Page plus every non-page model with draft state (scheduled snippets), like Wagtail's."""
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


# --- Expiry ---------------------------------------------------------------------------


def expire_due(now=None):
    """Unpublish every live object whose expiry has passed; returns how many this call did."""
    now = now or timezone.now()
    done = 0
    for model in draft_state_models():
        pks = list(
            model.objects.filter(live=True, expire_at__lte=now)
            .order_by("expire_at")
            .values_list("pk", flat=True)
        )
        for pk in pks:
            if _expire_one(model, pk, now):
                done += 1
    return done


def _expire_one(model, pk, now):
    try:
        with transaction.atomic():
            obj = _locking(model.objects.filter(pk=pk, live=True, expire_at__lte=now)).first()
            if obj is None:
                return False
            if isinstance(obj, Page):
                obj = obj.specific
            if not model.objects.filter(pk=pk, live=True).update(live=False):
                return False  # another scheduler expired it
            obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
    except Exception:
        logger.exception("Could not expire %s pk=%s", model._meta.label, pk)
        return False
    late = _lateness("expire", obj.expire_at)
    logger.info(
        'Expired: "%s" %s pk=%s (expire_at %s, %.1fs late)',
        obj,
        model._meta.label,
        pk,
        timezone.localtime(obj.expire_at).isoformat(),
        late,
        extra={"event": "expired", "lateness_seconds": round(late, 3)},
    )
    return True


# --- Go-live -------------------------------------------------------------------------


def held_by_embargo(revision, now):
    """The embargo refusal that holds a due revision back, or ``None``."""
    obj = revision.as_object()
    if not isinstance(obj, EmbargoMixin):
        return None
    also = type(obj).objects.filter(pk=obj.pk).values_list("embargo_until", flat=True).first()
    obj.go_live_at = None  # due now: what matters is whether it may be published now
    return publish_refusal(obj, now=now, also=also)


def publish_due(now=None):
    """Publish every revision whose approved go-live time has passed; returns how many."""
    now = now or timezone.now()
    pks = list(
        Revision.objects.filter(approved_go_live_at__lte=now)
        .order_by("approved_go_live_at", "pk")
        .values_list("pk", flat=True)
    )
    return sum(1 for pk in pks if _publish_one(pk, now))


def _publish_one(pk, now):
    try:
        with transaction.atomic():
            revision = _locking(
                Revision.objects.filter(pk=pk, approved_go_live_at__lte=now)
            ).first()
            if revision is None:
                return False
            refusal = held_by_embargo(revision, now)
            if refusal is not None:
                logger.info(
                    "Holding revision %s of %s until its embargo lifts: %s",
                    pk,
                    revision.object_str,
                    refusal,
                )
                return False
            go_live_at = revision.approved_go_live_at
            claimed = Revision.objects.filter(pk=pk, approved_go_live_at=go_live_at).update(
                approved_go_live_at=None
            )
            if not claimed:
                return False  # another scheduler published it
            revision.approved_go_live_at = None
            revision.publish(log_action="wagtail.publish.scheduled")
    except Exception:
        logger.exception("Could not publish scheduled revision %s", pk)
        return False
    late = _lateness("publish", go_live_at)
    logger.info(
        "Published scheduled revision %s of %s (go-live %s, %.1fs late)",
        pk,
        revision.object_str,
        timezone.localtime(go_live_at).isoformat(),
        late,
        extra={"event": "published", "lateness_seconds": round(late, 3)},
    )
    return True


# --- Jobs ----------------------------------------------------------------------------


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
            JobRun.objects.create(name=job.name, due_at=due_at, worker=worker_name())
            if queued_with_claim:
                tasks.run_job.enqueue(job.name, due_at.isoformat())
    except IntegrityError:
        return False
    if not queued_with_claim:
        tasks.run_job.enqueue(job.name, due_at.isoformat())
    logger.info("Queued job %s (due %s)", job.name, timezone.localtime(due_at).isoformat())
    return True


# --- Tasks queued every tick ----------------------------------------------------------

#: Tasks this process queued and that may not have run yet, by name (one at a time each).
_queued = {}


def _still_queued(name):
    result = _queued.get(name)
    if result is None:
        return False
    try:
        result.refresh()
    except Exception:
        return False  # pruned, or a backend that keeps no results
    return not result.is_finished


def queue_webhooks():
    """Queue the sending of due webhook deliveries (the deliveries themselves are claimed one
    by one, so a second sender never sends one twice); 1 if queued now. Due as of now, not
    as of the tick's start: the events this tick's publications wrote are due too."""
    if _still_queued("webhooks") or not webhooks.has_due():
        return 0
    _queued["webhooks"] = webhook_tasks.deliver_webhooks.enqueue()
    return 1


def queue_worker_heartbeat(now):
    """Queue the worker's heartbeat task every ``WORKER_HEARTBEAT_EVERY`` seconds."""
    age = heartbeats.age(heartbeats.WORKER, now)
    if _still_queued("heartbeat") or (
        age is not None and age < operations_settings.WORKER_HEARTBEAT_EVERY
    ):
        return
    _queued["heartbeat"] = operations_tasks.heartbeat.enqueue()


# --- Tick and timing ---------------------------------------------------------------


def tick(now=None, seen_slots=None):
    """One pass over everything due; returns what was done."""
    now = now or timezone.now()
    heartbeats.beat(heartbeats.SCHEDULER)
    done = {
        "expired": expire_due(now),
        "published": publish_due(now),
        "jobs": run_due_jobs(now, seen_slots),
        "webhooks": queue_webhooks(),
    }
    queue_worker_heartbeat(now)
    return done


def next_due(now=None):
    """The earliest future go-live, expiry, embargo lift of a held revision or job slot."""
    now = now or timezone.now()
    candidates = [
        Revision.objects.filter(approved_go_live_at__gt=now).aggregate(
            t=Min("approved_go_live_at")
        )["t"]
    ]
    for model in draft_state_models():
        candidates.append(
            model.objects.filter(live=True, expire_at__gt=now).aggregate(t=Min("expire_at"))["t"]
        )
    scheduled_page_ids = [
        int(pk)
        for pk in Revision.objects.page_revisions()
        .filter(approved_go_live_at__isnull=False)
        .values_list("object_id", flat=True)
    ]
    if scheduled_page_ids:
        for model in apps.get_models():
            if issubclass(model, EmbargoMixin) and issubclass(model, Page):
                candidates.append(
                    model.objects.filter(
                        embargo_until__gt=now, pk__in=scheduled_page_ids
                    ).aggregate(t=Min("embargo_until"))["t"]
                )
    for job in job_registry.get_jobs():
        if job.enabled:
            candidates.append(next_slot(job, now))
    # A delivery due already is the worker's to send: only a future one wakes the scheduler.
    candidates.append(webhooks.next_attempt_at())
    candidates = [value for value in candidates if value is not None and value > now]
    return min(candidates) if candidates else None
