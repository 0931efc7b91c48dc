"""The search table follows the live content: a live page's entry is written whenever the
page is saved whole (publication, creation live, a move) and removed when it is
unpublished (expiry and deletion unpublish first). Saves of some fields only (a draft
revision's bookkeeping) leave it alone: the page's live text did not change."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_unpublished

from cms.search import entries
from cms.search.rebuild import fill_if_empty


@receiver(post_save)
def on_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or update_fields is not None or not isinstance(instance, Page) or instance.depth < 2:
        return
    if instance.live:
        entries.store(instance.specific if type(instance) is Page else instance)
    else:
        entries.remove([instance.pk])


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    entries.remove([instance.pk])


def on_migrated(sender, using="default", **kwargs):
    """``migrate`` on an installation upgraded from a release without the table indexes its
    live pages, so search answers at once (connected to this app's ``post_migrate``)."""
    if using == "default":
        fill_if_empty()
