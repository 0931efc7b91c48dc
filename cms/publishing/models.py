"""Models of the scheduler: job runs (the cross-process lock) and outgoing webhooks."""

from django.db import models
from django.utils import timezone


class JobRun(models.Model):
    """One due run of a periodic job. The unique (name, due_at) row is the lock:
    whichever scheduler inserts it queues the job's task, the others skip it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    name = models.CharField(max_length=100)
    due_at = models.DateTimeField()
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    worker = models.CharField(
        max_length=255, blank=True, help_text="host:pid of the scheduler, then of the worker."
    )
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-due_at", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "due_at"], name="home_jobrun_one_per_slot")
        ]

    def __str__(self):
        return f"{self.name} @ {self.due_at.isoformat()}"
