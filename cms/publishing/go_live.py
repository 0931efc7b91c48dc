"""Scheduled go-live: revisions whose approved go-live time has passed are published
(Wagtail's ``Revision.publish``, logged ``wagtail.publish.scheduled``), except those of a
page still under embargo, held until it lifts."""

import logging

from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision

from cms.publishing.claims import locking, record_lateness
from cms.publishing.embargo import EmbargoMixin, publish_refusal

logger = logging.getLogger("herald.scheduler")


def held_by_embargo(revision, now):
    """The embargo refusal that holds a due revision back, or ``None``."""
    obj = revision.as_object()
    if not isinstance(obj, EmbargoMixin):
        return None
    also = type(obj).objects.filter(pk=obj.pk).values_list("embargo_until", flat=True).first()
    obj.go_live_at = None  # due now: what matters is whether it may be published now
    return publish_refusal(obj, now=now, also=also)


def publish_due(now=None):
    """Publish every revision whose approved go-live time has passed; returns how many."""
    now = now or timezone.now()
    pks = list(
        Revision.objects.filter(approved_go_live_at__lte=now)
        .order_by("approved_go_live_at", "pk")
        .values_list("pk", flat=True)
    )
    return sum(1 for pk in pks if _publish_one(pk, now))


def _publish_one(pk, now):
    try:
        with transaction.atomic():
            revision = locking(Revision.objects.filter(pk=pk, approved_go_live_at__lte=now)).first()
            if revision is None:
                return False
            refusal = held_by_embargo(revision, now)
            if refusal is not None:
                logger.info(
                    "Holding revision %s of %s until its embargo lifts: %s",
                    pk,
                    revision.object_str,
                    refusal,
                )
                return False
            go_live_at = revision.approved_go_live_at
            claimed = Revision.objects.filter(pk=pk, approved_go_live_at=go_live_at).update(
                approved_go_live_at=None
            )
            if not claimed:
                return False  # another scheduler published it
            revision.approved_go_live_at = None
            revision.publish(log_action="wagtail.publish.scheduled")
    except Exception:
        logger.exception("Could not publish scheduled revision %s", pk)
        return False
    late = record_lateness("publish", go_live_at)
    logger.info(
        "Published scheduled revision %s of %s (go-live %s, %.1fs late)",
        pk,
        revision.object_str,
        timezone.localtime(go_live_at).isoformat(),
        late,
        extra={"event": "published", "lateness_seconds": round(late, 3)},
    )
    return True
