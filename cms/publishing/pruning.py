"""Periodic jobs of the scheduler itself (registered from ``HomeConfig.ready``)."""

from datetime import timedelta

from django.utils import timezone

from home import webhooks
from home.jobs import register
from home.scheduling_models import JobRun

#: Job runs are kept this long (the admin and the logs explain recent history).
JOB_RUN_RETENTION = timedelta(days=7)


@register("home.prune_scheduler_history", daily_at="04:15")
def prune_scheduler_history():
    """Delete finished webhook deliveries past WEBHOOK_RETENTION_DAYS and week-old job runs."""
    deliveries = webhooks.prune()
    runs, _ = JobRun.objects.filter(due_at__lt=timezone.now() - JOB_RUN_RETENTION).delete()
    return f"{deliveries} webhook deliveries and {runs} job runs pruned"
