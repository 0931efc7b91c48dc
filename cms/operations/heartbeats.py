"""Recording and reading heartbeats (``cms.operations.models.Heartbeat``)."""

import os
import socket
from datetime import datetime

from django.utils import timezone

from cms.operations.models import Heartbeat

SCHEDULER = "scheduler"
WORKER = "worker"


def process_name() -> str:
    """``host:pid`` of this process, as job runs and heartbeats record it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def beat(name: str) -> None:
    Heartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": timezone.now(), "worker": process_name()}
    )


def last_beat(name: str) -> datetime | None:
    return Heartbeat.objects.filter(name=name).values_list("beat_at", flat=True).first()


def age(name: str, now: datetime | None = None) -> float | None:
    """Seconds since the last beat of ``name``, or ``None`` if it never beat."""
    at = last_beat(name)
    if at is None:
        return None
    return ((now or timezone.now()) - at).total_seconds()
