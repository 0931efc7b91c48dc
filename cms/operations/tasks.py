"""The worker's heartbeat task, queued by the scheduler (``cms.publishing.scheduler``).

High priority, so it runs between the batches of long work; running it at all is the beat
(``cms.operations.signals``), so it does nothing itself.
"""

from django_tasks import task


@task(priority=100)
def heartbeat() -> str:
    return "alive"
