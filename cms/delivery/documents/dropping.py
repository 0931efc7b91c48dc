"""Dropping the documents a change reaches: the changed pages', their subtrees', and those of
every document that recorded a changed object among its dependencies."""

from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from wagtail.models import Page

from cms.delivery.documents.dependencies import content_type_id
from cms.delivery.documents.storage import delete_rows
from cms.delivery.models import APIDocument, APIDocumentDependency, APIDocumentState


@dataclass
class Targets:
    """What changed: documents showing any of these are dropped."""

    pages: set = field(default_factory=set)  # page ids: their documents and dependants
    subtrees: set = field(default_factory=set)  # tree paths: every page below too
    objects: set = field(default_factory=set)  # (content type id, pk) of non-page objects
    everything: bool = False

    def __bool__(self):
        return bool(self.pages or self.subtrees or self.objects or self.everything)

    def update(self, other):
        self.pages |= other.pages
        self.subtrees |= other.subtrees
        self.objects |= other.objects
        self.everything |= other.everything

    def clear(self):
        self.pages.clear()
        self.subtrees.clear()
        self.objects.clear()
        self.everything = False


def drop(targets):
    """Delete the documents ``targets`` reach (in the current transaction, if any)."""
    if not targets:
        return
    if targets.everything:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            for model in (APIDocumentDependency, APIDocument):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608 - our table
        return
    _delete_documents(_affected_page_ids(targets))


def drop_after_commit(targets):
    """The second drop: bump the generation (waiting for readers storing documents), then
    delete again, in one transaction."""
    if not targets:
        return
    with transaction.atomic(using=DEFAULT_DB_ALIAS):
        updated = APIDocumentState.objects.filter(pk=1).update(
            generation=models.F("generation") + 1
        )
        if not updated:
            APIDocumentState.objects.get_or_create(pk=1)
            APIDocumentState.objects.filter(pk=1).update(generation=models.F("generation") + 1)
        drop(targets)


def dependent_page_ids(targets, limit=None):
    """Ids of the pages whose documents ``targets`` reach (for purging their URLs)."""
    ids = _affected_page_ids(targets)
    return ids if limit is None else ids[:limit]


def _affected_page_ids(targets):
    page_type = content_type_id(Page)
    page_ids = set(targets.pages)
    subtree = models.Q()
    for path in targets.subtrees:
        subtree |= models.Q(path__startswith=path)
    if subtree:
        page_ids |= set(Page.objects.filter(subtree).values_list("pk", flat=True))
    dependants = models.Q()
    if page_ids:
        dependants |= models.Q(content_type_id=page_type, object_id__in=page_ids)
    by_type = {}
    for type_id, pk in targets.objects:
        by_type.setdefault(type_id, set()).add(pk)
    for type_id, pks in by_type.items():
        dependants |= models.Q(content_type_id=type_id, object_id__in=pks)
    affected = set(page_ids)
    if dependants:
        affected |= set(
            APIDocumentDependency.objects.filter(dependants).values_list("document_id", flat=True)
        )
    return sorted(affected)


def _delete_documents(page_ids):
    delete_rows(APIDocumentDependency, "document_id", page_ids)
    delete_rows(APIDocument, "page_id", page_ids)
