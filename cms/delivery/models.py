"""Stored API documents: each story's public representation, what it shows, and the generation."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class APIDocument(models.Model):
    """One page's API representation (every field, detail and meta ones), as ``encode``
    writes it: a line per field, its name, a tab and its JSON."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="api_document_row",
    )
    version = models.CharField(max_length=32)
    body = models.TextField(help_text="One line per field: name, a tab, its JSON (encode()).")
    rendered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "API document"

    def __str__(self):
        return f"API document of page {self.page_id}"


class APIDocumentDependency(models.Model):
    """An object whose change changes a document (by base content type and primary key)."""

    document = models.ForeignKey(
        APIDocument,
        on_delete=models.DO_NOTHING,  # deleted with their document by ``_delete_documents``
        db_constraint=False,
        db_index=False,  # the unique constraint's index starts with it
        related_name="dependencies",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()

    class Meta:
        verbose_name = "API document dependency"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "content_type", "object_id"], name="unique_api_document_dep"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="api_document_dep_target")
        ]

    def __str__(self):
        return f"page {self.document_id} shows {self.content_type_id}:{self.object_id}"


class APIDocumentState(models.Model):
    """One row: the generation every post-commit drop bumps (see the module docstring)."""

    generation = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "API document state"

    def __str__(self):
        return f"API documents, generation {self.generation}"
