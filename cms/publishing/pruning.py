"""Periodic jobs of the scheduler itself (registered from ``HomeConfig.ready``)."""

from datetime import timedelta

from django.utils import timezone

from cms.publishing.jobs import register
from cms.publishing.models import JobRun
from cms.webhooks import delivery as webhooks

#: Job runs are kept this long (the admin and the logs explain recent history).
JOB_RUN_RETENTION = timedelta(days=7)


@register("publishing.prune_scheduler_history", daily_at="04:15")
def prune_scheduler_history():
    """Delete finished webhook deliveries past WEBHOOK_RETENTION_DAYS and week-old job runs."""
    deliveries = webhooks.prune()
    runs, _ = JobRun.objects.filter(due_at__lt=timezone.now() - JOB_RUN_RETENTION).delete()
    return f"{deliveries} webhook deliveries and {runs} job runs pruned"
