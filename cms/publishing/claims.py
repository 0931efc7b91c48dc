"""How one scheduler among several claims a due item: it locks the candidate row where the
database can skip rows another holds, and records how late the item was acted on."""

from django.db import connection
from django.utils import timezone

from cms.operations.metrics import PUBLICATION_LATENESS


def record_lateness(action, due_at):
    """Seconds since ``due_at``, recorded in the lateness histogram."""
    late = (timezone.now() - due_at).total_seconds()
    PUBLICATION_LATENESS.labels(action).observe(max(late, 0.0))
    return late


def locking(queryset):
    """``FOR UPDATE SKIP LOCKED`` where the database has it (PostgreSQL); as is on SQLite."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset
