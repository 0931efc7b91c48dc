"""Page transitions → cache invalidation and webhook events.

Connected from ``DeliveryConfig.ready``; the webhook events are sent by
``cms.webhooks.signals``. Every handler runs inside the transition's
transaction: webhook rows are written there (atomic with the transition) and
cache purges wait for the commit (``cms.delivery.invalidation``), so a rolled-back
publication purges nothing and tells no one.

====================  ==============================  ===============
transition            signal                          webhook event
====================  ==============================  ===============
publish (first)       page_published                  published
publish (live page)   page_published                  updated
schedule              Revision saved with go-live     scheduled
unpublish             page_unpublished                unpublished
expiry                page_unpublished (expired)      expired
move                  post_page_move (and the         updated
                      documents of the subtree)
delete                page_unpublished (Wagtail's     unpublished
                      pre_delete unpublishes first)
slug change           page_slug_changed (after        (the publish's)
                      commit: purges the old paths)
privacy change        PageViewRestriction saved or    –
                      deleted (the page and its
                      descendants)
site furniture edit   SiteFurniture saved (every      –
                      page shows it: purge all)
site or locale        Site/Locale saved or deleted    –
                      (every API document)
release (migrate)     post_migrate: new code may      –
                      render answers differently
                      (API cache generation; every
                      API document if migrations
                      were applied)
====================  ==============================  ===============
"""

from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.delivery import dependent_paths, generation, invalidation
from cms.delivery.documents import dropping
from cms.delivery.locales import forget_editions
from cms.delivery.paths import forget_sites, page_path


@receiver(pre_save)
def remember_live_state(sender, instance, raw=False, **kwargs):
    """Note whether a page being saved live was live before: a first publication (or a
    section's return) reaches more than an update does. Read by ``cms.webhooks.signals``
    too, whose receivers are connected after these."""
    if raw or not isinstance(instance, Page) or instance.pk is None or not instance.live:
        return
    instance._herald_was_live = bool(
        Page.objects.filter(pk=instance.pk).values_list("live", flat=True).first()
    )


@receiver(page_published)
def on_published(sender, instance, revision=None, **kwargs):
    if not instance.live:
        # Wagtail also sends page_published when it schedules a page that is not live yet.
        return
    if getattr(instance, "_herald_was_live", False) or instance.is_leaf():
        invalidation.invalidate_page(instance)
    else:
        # A section published (again): the pages below it are public again (the boundary).
        invalidation.invalidate_page(
            instance, extra_paths=dependent_paths.descendant_paths(instance), subtree=True
        )


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    if instance.is_leaf():
        invalidation.invalidate_page(instance)
    else:
        # Unpublished or expired with pages below it: they are hidden too (the public
        # boundary, cms.delivery.visibility), so their documents and paths go as well.
        invalidation.invalidate_page(
            instance, extra_paths=dependent_paths.descendant_paths(instance), subtree=True
        )


@receiver(post_page_move)
def on_moved(sender, instance, url_path_before, url_path_after, parent_page_before, **kwargs):
    if not instance.live:
        return
    old_paths = set()
    if url_path_before != url_path_after:
        old_path = dependent_paths.path_for_url_path(url_path_before)
        if old_path:
            old_paths.add(old_path)
        old_paths |= dependent_paths.descendant_paths(instance, old_url_path=url_path_before)
        old_paths |= dependent_paths.descendant_paths(instance)
    if parent_page_before is not None:
        parent_path = page_path(parent_page_before)
        if parent_path:
            old_paths |= {parent_path, parent_path + "feed.xml"}
        old_paths |= dependent_paths.ancestor_paths(parent_page_before)
    invalidation.invalidate_page(instance, extra_paths=old_paths, subtree=True)


@receiver(page_slug_changed)
def on_slug_changed(sender, instance, instance_before, **kwargs):
    # Sent after the commit; the publication itself has been handled already.
    if not instance.live:
        return
    old_paths = set()
    old_path = dependent_paths.path_for_url_path(instance_before.url_path)
    if old_path:
        old_paths.add(old_path)
    old_paths |= dependent_paths.descendant_paths(instance, old_url_path=instance_before.url_path)
    old_paths |= dependent_paths.descendant_paths(instance)
    invalidation.invalidate_page(instance, extra_paths=old_paths, subtree=True)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_view_restriction_changed(sender, instance, raw=False, **kwargs):
    """A section made private (or public again): no cached copy may keep showing it."""
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:  # deleted with its page: the page's deletion purged it
        return
    invalidation.invalidate_page(
        page, extra_paths=dependent_paths.descendant_paths(page), subtree=True
    )


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def on_site_changed(sender, raw=False, **kwargs):
    """Sites give every page its URL, locales its ``meta.locale``: every API document goes."""
    if not raw:
        forget_sites()
        forget_editions()
        invalidation.invalidate_all_documents()


@receiver(post_migrate)
def on_migrated(sender, plan=None, **kwargs):
    """A release runs ``migrate`` once: answers cached by the previous code (another shape,
    other fields) must not outlive it. Only the API; the frontend keeps its pages.

    Stored API documents carry the version of the code that rendered them
    (``cms.delivery.documents.versioning``); they are dropped too when migrations were
    applied (a data migration may change content without a signal), not by a ``migrate`` with
    nothing to do.
    """
    if sender.name == "cms.delivery":
        if plan:
            dropping.drop_after_commit(dropping.Targets(everything=True))
        generation.invalidate_api_cache()
