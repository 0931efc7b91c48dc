"""The worker's side of webhooks: send the due deliveries (``delivery.deliver_due``).

The scheduler queues this task whenever deliveries are due. Each delivery keeps its own
retry schedule and is claimed before it is sent, so one event reaches a subscriber once
however many of these tasks run; the task's retries only cover a crash of the task itself.
"""

from cms.operations.background import retrying
from cms.webhooks import delivery
from cms.webhooks.conf import settings

#: Deliveries one task sends at most; the scheduler queues another while more are due.
BATCH = 50


@retrying(timeout=BATCH * settings.WEBHOOK_TIMEOUT + 60, attempts=3, backoff=10, priority=20)
def deliver_webhooks() -> int:
    return delivery.deliver_due(limit=BATCH)
