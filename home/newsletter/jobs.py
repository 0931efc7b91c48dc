"""The scheduler's daily headlines email (also ``manage.py send_daily_headlines``)."""

import math

from django.conf import settings

from cms.publishing.jobs import register
from home.newsletter import tasks
from home.newsletter.sending import prepare_issue


@register("home.send_daily_headlines", daily_at=settings.NEWSLETTER_SEND_AT, timeout=900)
def send_daily_headlines():
    """Build today's issue and queue its batches for every confirmed subscriber."""
    issue, unsent = prepare_issue()
    batches = math.ceil(unsent / settings.NEWSLETTER_BATCH_SIZE)
    for _ in range(batches):
        tasks.send_batch.enqueue(issue.pk)
    plural = "" if batches == 1 else "s"
    return f"{issue.subject}: {unsent} to send, {batches} batch task{plural} queued"
