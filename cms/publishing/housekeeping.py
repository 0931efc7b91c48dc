"""The platform's own periodic jobs: pruning scheduler history, rendering missing API documents,
recovering tasks whose worker died.

Registered from ``PublishingConfig.ready``.
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.delivery.conf import settings
from cms.delivery.documents.rendering import render_missing
from cms.operations import stranded
from cms.publishing.jobs import register
from cms.publishing.models import JobRun
from cms.webhooks import delivery as webhooks

#: Job runs and finished task results are kept this long (the admin and the logs explain
#: recent history).
JOB_RUN_RETENTION = timedelta(days=7)


@register("publishing.prune_scheduler_history", daily_at="04:15")
def prune_scheduler_history():
    """Delete finished webhook deliveries past WEBHOOK_RETENTION_DAYS, and week-old job runs
    and finished task results."""
    deliveries = webhooks.prune()
    cutoff = timezone.now() - JOB_RUN_RETENTION
    runs, _ = JobRun.objects.filter(due_at__lt=cutoff).delete()
    results, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return f"{deliveries} webhook deliveries, {runs} job runs and {results} task results pruned"


@register("delivery.render_api_documents", every=settings.API_DOCUMENTS_RENDER_EVERY)
def render_api_documents():
    """Keep documents current: render what publications and edits dropped (a short run, so
    that the worker's other tasks wait at most ``API_DOCUMENTS_RENDER_SECONDS`` for it)."""
    return render_missing(seconds=settings.API_DOCUMENTS_RENDER_SECONDS)


@register("operations.recover_stranded_tasks", every=60, attempts=1)
def recover_stranded_tasks():
    """Fail the tasks a dead worker left running, and queue them again while they have
    attempts left (``cms.operations.stranded``)."""
    return f"{stranded.recover()} stranded tasks recovered"
