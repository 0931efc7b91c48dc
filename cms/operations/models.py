"""Heartbeats: when each long-running process last showed it was working."""

from django.db import models


class Heartbeat(models.Model):
    """One row per process kind ("scheduler", "worker"), updated as it works; ``/readyz``
    reads how old it is. One row, not one per host, because readiness asks whether the
    kind of work is being done, whichever host does it."""

    name = models.CharField(max_length=50, primary_key=True)
    beat_at = models.DateTimeField()
    worker = models.CharField(max_length=255, blank=True, help_text="host:pid of the last beat.")

    def __str__(self):
        return f"{self.name} @ {self.beat_at.isoformat()}"
