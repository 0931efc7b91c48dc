"""What to refresh when a page goes live, changes or disappears.

``invalidate_page(page)`` is the single entry point (contract for other apps):
it computes every frontend path that shows the page or a list containing it and
the API paths that serve it (``cms.delivery.dependent_paths``), and after the current
transaction commits:

1. clears the CMS's own API response cache: keys built with ``api_cache_key()``
   (prefix ``settings.API_CACHE_PREFIX``) include a generation number that is
   bumped, so every cached page *and* listing is dropped at once;
2. purges the frontend cache through ``wagtail.contrib.frontend_cache``
   (``WAGTAILFRONTENDCACHE``; ``cms.delivery.frontend_cache`` POSTs to the frontend's ``/_purge``);
3. sends ``content_invalidated(paths=..., urls=..., api_paths=..., page_ids=...)``
   for anyone else who caches.

All invalidations in one transaction are merged and sent once, after the commit.
The transitions (publish, unpublish, expiry, move, delete, slug change) are wired
in ``cms/delivery/signals.py``.
"""

import logging
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page

from cms.delivery.conf import settings
from cms.delivery.dependent_paths import MAX_REFERENCING_PAGES, api_paths, frontend_paths
from cms.delivery.documents import dependencies, dropping
from cms.delivery.generation import invalidate_api_cache
from cms.delivery.paths import page_path

logger = logging.getLogger("herald.invalidation")

#: Sent after commit with ``paths``, ``urls``, ``api_paths`` and ``page_ids``.
content_invalidated = Signal()

_state = threading.local()


def invalidate_page(page, *, extra_paths=(), subtree=False):
    """Refresh everything that shows ``page``, once the current transaction commits.

    Its API documents and those showing it (``cms.delivery.documents``) are dropped at once too;
    with ``subtree`` (a move, a slug change, a privacy change) also those of every page
    below it and those showing any of them.
    """
    paths = frontend_paths(page) | set(extra_paths)
    targets = dropping.Targets(pages={page.pk}, subtrees={page.path} if subtree else set())
    queue(paths=paths, api=api_paths(page), page_ids={page.pk}, targets=targets)


def invalidate_object(instance):
    """Refresh what shows a non-page object (an image, an author, a country…) after commit:
    the API documents showing it (dropped at once too), the API response cache, and the
    frontend pages of the live pages showing it (everything when there are many)."""
    model = dependencies.base_model(type(instance))
    targets = dropping.Targets(objects={(dependencies.content_type_id(model), instance.pk)})
    page_ids = dropping.dependent_page_ids(targets, limit=MAX_REFERENCING_PAGES + 1)
    if len(page_ids) > MAX_REFERENCING_PAGES:
        paths = {"/*"}
    else:
        pages = Page.objects.live().filter(pk__in=page_ids)
        paths = {path for page in pages if (path := page_path(page))}
    queue(paths=paths, api={"/api/v2/pages/"}, page_ids=set(page_ids), targets=targets)


def invalidate_all_documents():
    """Every API document and cached API answer (a site or locale changed, a release)."""
    queue(paths=set(), api={"/api/v2/pages/"}, targets=dropping.Targets(everything=True))


def invalidate_paths(paths, *, api=(), page_ids=()):
    """Refresh arbitrary frontend paths (e.g. a site-wide change), after commit."""
    queue(paths=set(paths), api=set(api), page_ids=set(page_ids))


def queue(*, paths, api=(), page_ids=(), targets=None):
    pending = _pending()
    connection = transaction.get_connection()
    if not any(entry[1] is flush for entry in connection.run_on_commit):
        # No flush is waiting: what is pending belongs to a rolled-back transaction.
        for value in pending.values():
            value.clear()
    pending["paths"].update(paths)
    pending["api"].update(api)
    pending["page_ids"].update(page_ids)
    if targets:
        # Dropped now, inside the transaction that changes the content (it reads its own
        # writes), and again after the commit (cms.delivery.documents explains why).
        dropping.drop(targets)
        pending["documents"].update(targets)
    # Runs at once outside a transaction. Inside one, every call registers a
    # callback (a rolled-back savepoint only drops its own): the first after the
    # commit sends everything, the others find nothing left.
    transaction.on_commit(flush)


def _pending():
    pending = getattr(_state, "pending", None)
    if pending is None:
        pending = _state.pending = {
            "paths": set(),
            "api": set(),
            "page_ids": set(),
            "documents": dropping.Targets(),
        }
    return pending


def flush():
    pending = _pending()
    if not pending["paths"] and not pending["api"] and not pending["documents"]:
        return
    paths = sorted(pending["paths"])
    api = sorted(pending["api"])
    page_ids = sorted(pending["page_ids"])
    targets = dropping.Targets()
    targets.update(pending["documents"])
    for value in pending.values():
        value.clear()
    urls = [settings.FRONTEND_URL + path for path in paths]
    logger.info("Invalidating %d frontend paths for pages %s", len(paths), page_ids)
    # Documents first: an answer rendered under the new API cache generation reads them.
    try:
        dropping.drop_after_commit(targets)
    except Exception:
        logger.exception("Dropping API documents failed for pages %s", page_ids)
    invalidate_api_cache()
    try:
        purge_urls_from_cache(urls)
    except Exception:
        logger.exception("Frontend purge failed for pages %s", page_ids)
    content_invalidated.send(sender=Page, paths=paths, urls=urls, api_paths=api, page_ids=page_ids)


def register_dependency(model):
    """Documents may show ``model``'s instances: saving or deleting one drops those documents.

    Pages are handled by their transitions (``cms.delivery.signals``). Connected in the
    owning app's ``ready()`` (``cms.delivery``: images and documents; ``cms.countries``;
    ``news``: authors, wire sources, tags).
    """
    model = model._meta.concrete_model
    if not dependencies.track_dependency(model):
        return
    post_save.connect(_on_dependency_saved, sender=model, dispatch_uid=f"api-doc-{model._meta}")
    post_delete.connect(
        _on_dependency_deleted, sender=model, dispatch_uid=f"api-doc-del-{model._meta}"
    )


def _on_dependency_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:  # nothing can show an object that did not exist
        return
    invalidate_object(instance)


def _on_dependency_deleted(sender, instance, **kwargs):
    invalidate_object(instance)
