"""Approved, scheduled pages stay editable.

Wagtail locks a page with a scheduled revision (``ScheduledForPublishLock``): the editor sees
"Page locked", can still type and loses it at the next save. A newsroom edits stories after
the desk approved them for a time: the approved revision keeps its schedule
(``Revision.approved_go_live_at``), newer drafts wait for approval like any other, and the
edit view says so (``cms.publishing.wagtail_hooks.explain_schedule``).
"""

from wagtail.locks import BaseLock, ScheduledForPublishLock
from wagtail.models import LockableMixin


class EditableWhileScheduledMixin:
    """Page types inherit this (before ``Page``) to be editable while scheduled; other locks
    (an editor's lock, a workflow task's) apply as Wagtail decides them."""

    def get_lock(self) -> BaseLock | None:
        lock = super().get_lock()
        if not isinstance(lock, ScheduledForPublishLock):
            return lock
        # What Wagtail would answer without the schedule: the editor's lock, else the task's.
        lock = LockableMixin.get_lock(self)
        if lock is None and (task := self.current_workflow_task) is not None:
            lock = task.lock_class(self, task)
        return lock
