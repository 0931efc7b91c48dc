"""Page transitions → webhook events, written in the transition's transaction.

Whether a published page was live before (``_herald_was_live``) is noted by
``cms.delivery.signals.remember_live_state``.

Connected from ``WebhooksConfig.ready``; the table of transitions and events is in
``cms.delivery.signals``.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Page, Revision
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.webhooks import delivery as webhooks


@receiver(page_published)
def on_published(sender, instance, revision=None, **kwargs):
    if not instance.live:
        # Wagtail also sends page_published when it schedules a page that is not live yet.
        return
    event = "updated" if getattr(instance, "_herald_was_live", False) else "published"
    instance._herald_was_live = True
    webhooks.enqueue(event, instance)


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    webhooks.enqueue("expired" if instance.expired else "unpublished", instance)


@receiver(post_save, sender=Revision)
def on_revision_scheduled(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not instance.approved_go_live_at or not update_fields:
        return
    if set(update_fields) != {"approved_go_live_at"}:
        return
    page = instance.as_object()
    if not isinstance(page, Page):
        return
    data = webhooks.page_payload(page)
    data["go_live_at"] = timezone.localtime(instance.approved_go_live_at).isoformat()
    webhooks.enqueue("scheduled", page, page_data=data)


@receiver(post_page_move)
def on_moved(sender, instance, **kwargs):
    if instance.live:
        webhooks.enqueue("updated", instance)
