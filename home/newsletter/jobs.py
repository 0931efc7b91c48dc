"""The scheduler's daily headlines email (also ``manage.py send_daily_headlines``)."""

import math

from django.conf import settings

from cms.publishing.jobs import register
from home.newsletter import tasks
from home.newsletter.sending import editions_to_send, prepare_issue


@register("home.send_daily_headlines", daily_at=settings.NEWSLETTER_SEND_AT, timeout=900)
def send_daily_headlines():
    """Build today's issue of every edition and queue its batches for the confirmed
    subscribers of its language."""
    lines = []
    for language in editions_to_send():
        issue, unsent = prepare_issue(language=language)
        batches = math.ceil(unsent / settings.NEWSLETTER_BATCH_SIZE)
        for _ in range(batches):
            tasks.send_batch.enqueue(issue.pk)
        plural = "" if batches == 1 else "s"
        lines.append(f"{issue.subject}: {unsent} to send, {batches} batch task{plural} queued")
    return "\n".join(lines)
