"""Storing rendered documents, only while the content they were rendered from is current
(the generation, ``cms.delivery.documents``)."""

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils import timezone

from cms.bulk_copy import copy_rows
from cms.delivery.documents.dependencies import content_type_id
from cms.delivery.documents.versioning import version
from cms.delivery.models import APIDocument, APIDocumentDependency, APIDocumentState

#: Rows per DELETE or INSERT statement.
CHUNK = 500


def current_generation():
    """The generation to note before reading the content a document is rendered from."""
    state = APIDocumentState.objects.using(DEFAULT_DB_ALIAS).filter(pk=1).first()
    return state.generation if state is not None else 0


def store(documents, generation):
    """Store ``{page_id: (encoded body, {(model, pk), ...})}`` if nothing changed since
    ``generation`` was read; returns whether they were stored.

    The shared lock on the state row makes a concurrent post-commit drop wait for this
    transaction, so the drop also removes what is stored here (``cms.delivery.documents``).
    """
    if not documents:
        return True
    connection = connections[DEFAULT_DB_ALIAS]
    state_table = connection.ops.quote_name(APIDocumentState._meta.db_table)
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    current_version = version()
    now = timezone.now()
    try:
        with transaction.atomic(using=DEFAULT_DB_ALIAS):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT generation FROM {state_table} WHERE id = 1{lock}")  # noqa: S608
                row = cursor.fetchone()
            if (row[0] if row else 0) != generation:
                return False
            if connection.vendor == "postgresql":
                _copy_documents(connection, documents, current_version, now)
            else:
                _create_documents(documents, current_version, now)
    except DatabaseError:
        # A concurrent writer (SQLite's busy timeout, a serialization failure): nothing
        # is stored; the next run of the job renders these pages again.
        return False
    return True


def _dependency_rows(documents):
    """``(document, content type, object)`` once each (page types share ``Page``'s type)."""
    return {
        (page_id, content_type_id(model), pk)
        for page_id, (_, dependencies) in documents.items()
        for model, pk in dependencies
    }


DOCUMENT_COLUMNS = "page_id integer, version text, body text, rendered_at timestamptz"
DEPENDENCY_COLUMNS = "document_id integer, content_type_id integer, object_id bigint"


def _copy_documents(connection, documents, current_version, now):
    """PostgreSQL: both tables' rows by ``COPY`` into temporary tables, then one ``INSERT``
    each (``cms.bulk_copy``): no model instances, no statement per chunk."""
    table = connection.ops.quote_name(APIDocument._meta.db_table)
    dependencies = connection.ops.quote_name(APIDocumentDependency._meta.db_table)
    with connection.cursor() as cursor:
        rows = ((pk, current_version, body, now) for pk, (body, _) in documents.items())
        copy_rows(cursor, "herald_new_api_documents", DOCUMENT_COLUMNS, rows)
        cursor.execute(
            f"INSERT INTO {table} (page_id, version, body, rendered_at)"  # noqa: S608 - our tables
            " SELECT page_id, version, body, rendered_at FROM herald_new_api_documents"
            " ON CONFLICT (page_id) DO UPDATE SET version = EXCLUDED.version,"
            " body = EXCLUDED.body, rendered_at = EXCLUDED.rendered_at"
        )
        delete_rows(APIDocumentDependency, "document_id", list(documents))
        copy_rows(
            cursor, "herald_new_api_dependencies", DEPENDENCY_COLUMNS, _dependency_rows(documents)
        )
        cursor.execute(
            f"INSERT INTO {dependencies} (document_id, content_type_id, object_id)"  # noqa: S608
            " SELECT document_id, content_type_id, object_id FROM herald_new_api_dependencies"
            " ON CONFLICT DO NOTHING"
        )


def _create_documents(documents, current_version, now):
    APIDocument.objects.bulk_create(
        [
            APIDocument(page_id=page_id, version=current_version, body=body, rendered_at=now)
            for page_id, (body, _) in documents.items()
        ],
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=["version", "body", "rendered_at"],
        batch_size=CHUNK,
    )
    delete_rows(APIDocumentDependency, "document_id", list(documents))
    APIDocumentDependency.objects.bulk_create(
        [
            APIDocumentDependency(document_id=page, content_type_id=type_id, object_id=pk)
            for page, type_id, pk in _dependency_rows(documents)
        ],
        ignore_conflicts=True,
        batch_size=CHUNK,
    )


def delete_rows(model, column, ids):
    """``DELETE … WHERE column IN (ids)`` in chunks, without loading rows (no cascades here)."""
    table = connections[DEFAULT_DB_ALIAS].ops.quote_name(model._meta.db_table)
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({placeholders})", chunk)  # noqa: S608
