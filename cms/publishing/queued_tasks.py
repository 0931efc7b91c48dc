"""Tasks the scheduler queues on every tick when due (webhook sending, the worker's heartbeat),
one at a time each: a tick never queues a second while the first has not run."""

from cms.operations import heartbeats
from cms.operations import tasks as operations_tasks
from cms.operations.conf import settings as operations_settings
from cms.webhooks import delivery as webhooks
from cms.webhooks import tasks as webhook_tasks

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
