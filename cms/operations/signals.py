"""Every task the worker finishes counts as a worker heartbeat."""

from django.dispatch import receiver
from django_tasks.signals import task_finished
from django_tasks_db import DatabaseBackend

from cms.operations import heartbeats


@receiver(task_finished)
def worker_heartbeat(sender, task_result, **kwargs):
    # db_worker sends the backend as the sender on success and its class on failure.
    if sender is DatabaseBackend or isinstance(sender, DatabaseBackend):
        heartbeats.beat(heartbeats.WORKER)
