"""The worker's newsletter batches: the daily headlines job (``home.newsletter.jobs``) queues
one ``send_batch`` per ``NEWSLETTER_BATCH_SIZE`` unsent deliveries.

A batch that fails (the mail server refuses one message) gives its unsent deliveries back
and is tried again with backoff; a delivery is claimed before its message goes out, so
nobody receives an issue twice, whichever batch sends it. Batches have a low priority: a
worker takes Wagtail's purges and index updates, webhooks and jobs queued meanwhile first,
so a publication's purge waits for one batch at most, not for the whole issue.
"""

from cms.operations.background import retrying
from home.newsletter.models import NewsletterIssue
from home.newsletter.sending import send_next_batch


@retrying(timeout=600, attempts=3, backoff=60, priority=-10)
def send_batch(issue_id: int) -> str:
    issue = NewsletterIssue.objects.get(pk=issue_id)
    return str(send_next_batch(issue))
