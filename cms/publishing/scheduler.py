"""The scheduler behind ``manage.py run_scheduler``.

Each tick:

1. expires live objects whose ``expire_at`` has passed (``cms.publishing.expiry``);
2. publishes revisions whose ``approved_go_live_at`` has passed, holding any whose
   page is still under embargo until the embargo lifts (``cms.publishing.go_live``);
3. queues a task for each registered periodic job (``cms.publishing.jobs``) whose slot
   is due (``cms.publishing.job_slots``);
4. queues the sending of due webhook deliveries (``cms.webhooks.tasks``) and the worker's
   heartbeat, unless one is still queued (``cms.publishing.queued_tasks``).

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

from django.apps import apps
from django.db.models import Min
from django.utils import timezone
from wagtail.models import Page, Revision

from cms.operations import heartbeats
from cms.publishing import jobs as job_registry
from cms.publishing.embargo import EmbargoMixin
from cms.publishing.expiry import draft_state_models, expire_due
from cms.publishing.go_live import publish_due
from cms.publishing.job_slots import next_slot, run_due_jobs
from cms.publishing.queued_tasks import queue_webhooks, queue_worker_heartbeat
from cms.webhooks import delivery as webhooks


def worker_name():
    return heartbeats.process_name()


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
