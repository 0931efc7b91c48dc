"""Scheduled expiry: live objects whose ``expire_at`` has passed are unpublished (Wagtail's
``unpublish`` with ``set_expired=True``, logged ``wagtail.unpublish.scheduled``)."""

import logging

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page

from cms.publishing.claims import locking, record_lateness

logger = logging.getLogger("herald.scheduler")


def draft_state_models():
    """Page plus every non-page model with draft state (scheduled snippets), like Wagtail's."""
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def expire_due(now=None):
    """Unpublish every live object whose expiry has passed; returns how many this call did."""
    now = now or timezone.now()
    done = 0
    for model in draft_state_models():
        pks = list(
            model.objects.filter(live=True, expire_at__lte=now)
            .order_by("expire_at")
            .values_list("pk", flat=True)
        )
        for pk in pks:
            if _expire_one(model, pk, now):
                done += 1
    return done


def _expire_one(model, pk, now):
    try:
        with transaction.atomic():
            obj = locking(model.objects.filter(pk=pk, live=True, expire_at__lte=now)).first()
            if obj is None:
                return False
            if isinstance(obj, Page):
                obj = obj.specific
            if not model.objects.filter(pk=pk, live=True).update(live=False):
                return False  # another scheduler expired it
            obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
    except Exception:
        logger.exception("Could not expire %s pk=%s", model._meta.label, pk)
        return False
    late = record_lateness("expire", obj.expire_at)
    logger.info(
        'Expired: "%s" %s pk=%s (expire_at %s, %.1fs late)',
        obj,
        model._meta.label,
        pk,
        timezone.localtime(obj.expire_at).isoformat(),
        late,
        extra={"event": "expired", "lateness_seconds": round(late, 3)},
    )
    return True
