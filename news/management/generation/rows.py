"""Rows as tuples and their writer: ids taken up front, each table written once per batch.

PostgreSQL gets ``COPY``; SQLite ``executemany`` with Django's own conversion of dates, times
and UUIDs. The reference index rows are named as Wagtail's extraction names them.
"""

import operator
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import connection, models
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from cms.wagtail_internals.references import (
    reference_base_content_type,
    reference_content_path_hash,
)
from cms.wagtail_internals.tree import path_step
from news.management.generation.keys import BatchKeys, may_skip_triggers


def step(position):
    """The treebeard path step (base 36, 4 wide) for a child position."""
    try:
        return path_step(position)
    except ValueError as e:
        raise CommandError("A section cannot hold more than 36**4 - 1 children.") from e


def det_uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def time_ordered_uuid(rng, when):
    """A UUIDv7 (RFC 9562) for ``when``: keys made in time order land at the right edge of
    their unique index instead of on a random leaf of it, which at a million rows is a page
    read and a full-page WAL image per story."""
    millis = int(when.timestamp() * 1000)
    return uuid.UUID(
        int=(millis << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62)
        | rng.getrandbits(62)
    )  # fmt: skip


class Table:
    """A model's table as columns in order, with each column's default, so rows are tuples.

    ``local`` is for multi-table inheritance: only the child table's own columns.
    ``row(**values)`` fills the other columns with the model's defaults; an ``id`` of
    ``None`` leaves the id to the database (the column is then not written at all).
    """

    def __init__(self, model, local=False, with_id=True):
        fields = model._meta.local_concrete_fields if local else model._meta.concrete_fields
        if not with_id:
            fields = [f for f in fields if not f.primary_key]
        template = model()
        self.model, self.fields = model, fields
        self.db_table = model._meta.db_table
        self.attnames = [f.attname for f in fields]
        self.columns = [f.column for f in fields]
        self.defaults = {f.attname: getattr(template, f.attname) for f in fields}
        known = set(self.attnames)
        self.check = known.issuperset
        # A row is the defaults overlaid with its values, read out in column order (in C).
        self.ordered = operator.itemgetter(*self.attnames)

    def row(self, **values):
        if not self.check(values):
            unknown = set(values) - set(self.attnames)
            raise CommandError(f"{self.db_table} has no column(s) {sorted(unknown)}")
        row = self.ordered({**self.defaults, **values})
        return row if len(self.attnames) > 1 else (row,)


class RowWriter:
    """Ids and rows for one connection: COPY on PostgreSQL, ``executemany`` on SQLite."""

    def __init__(self):
        self.sqlite = connection.vendor == "sqlite"
        self.postgres = connection.vendor == "postgresql"
        self.prepared = {}
        self.keys = BatchKeys() if self.postgres and may_skip_triggers() else None

    #: A batch's settings (PostgreSQL, for its transaction only). Its commit need not wait for
    #: the disk: a crash loses at most the last batches, and the tree stays valid as each
    #: batch is one transaction. A larger GIN pending list lets the search indexes take a
    #: batch's entries in fewer, larger merges, and an insert's merge sorts the list within
    #: ``work_mem``: with the default 4 MB it rewrites each word's postings once per 4 MB
    #: instead of once. The load's final VACUUM merges the rest.
    #: Without index scans forced, the per-row foreign-key checks (when they run) read their
    #: small target tables (content types, tags, authors) from end to end, row after row.
    BATCH_SETTINGS = (
        "SET LOCAL synchronous_commit = off; SET LOCAL gin_pending_list_limit = '256MB';"
        " SET LOCAL work_mem = '1GB';"
        " SET LOCAL enable_seqscan = off"
    )

    def start_batch(self):
        """Inside a batch's transaction: its settings (``BATCH_SETTINGS``), and foreign keys
        checked per table where the session may (``keys.BatchKeys``)."""
        if self.postgres:
            with connection.cursor() as cursor:
                cursor.execute(self.BATCH_SETTINGS)
        if self.keys is not None:
            self.keys.start()

    def finish_batch(self):
        """Before the batch commits: its foreign keys, where ``start_batch`` left them out."""
        if self.keys is not None:
            self.keys.check()

    def allocate_ids(self, model, count):
        """``count`` fresh primary keys of ``model``'s table (its sequence on PostgreSQL)."""
        if not count:
            return []
        table, column = model._meta.db_table, model._meta.pk.column
        with connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [connection.ops.quote_name(table), column, count],
                )
                return [row[0] for row in cursor.fetchall()]
            # SQLite: one writer at a time, inside this batch's transaction. AUTOINCREMENT
            # never reuses an id, so start above both the counter and the largest id.
            quoted = connection.ops.quote_name(table)
            largest = f"SELECT max({connection.ops.quote_name(column)}) FROM {quoted}"  # noqa: S608
            counter = "SELECT seq FROM sqlite_sequence WHERE name = %s"
            cursor.execute(
                f"SELECT max(coalesce(({counter}), 0), coalesce(({largest}), 0))",  # noqa: S608
                [table],
            )
            start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))

    def insert(self, table, rows):
        if not rows:
            return
        columns, attnames = table.columns, table.attnames
        if table.fields[0].primary_key and rows[0][0] is None:
            # Ids left to the database: a batch's rows all leave them (see Table.row).
            columns, attnames = columns[1:], attnames[1:]
            rows = [row[1:] for row in rows]
            fields = table.fields[1:]
        else:
            fields = table.fields
        quoted = connection.ops.quote_name(table.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            if self.postgres:
                if self.keys is not None:
                    self.keys.note(table.db_table, fields, rows)
                with cursor.cursor.copy(f"COPY {quoted} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            converters = self.converters(table, fields)
            rows = [
                tuple(c(v) if c else v for c, v in zip(converters, row, strict=True))
                for row in rows
            ]
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {quoted} ({names}) VALUES ({placeholders})",  # noqa: S608
                rows,
            )

    def converters(self, table, fields):
        """SQLite stores dates, times and UUIDs as text: Django's own conversion for those."""
        key = (table.db_table, len(fields))
        if key not in self.prepared:
            self.prepared[key] = [
                (lambda v, f=f: f.get_db_prep_save(v, connection))
                if isinstance(f, models.DateField | models.TimeField | models.UUIDField)
                else None
                for f in fields
            ]
        return self.prepared[key]


class ReferenceRows:
    """Reference index rows of generated stories, named as Wagtail's extraction names them."""

    def __init__(self, model):
        self.table = Table(ReferenceIndex, with_id=False)
        self.content_type_id = ContentType.objects.get_for_model(model).pk
        self.base_content_type_id = reference_base_content_type(model).pk
        self.targets = {}
        for path in (
            "source",
            "lead_image",
            "body.image.image",
            "bylines.item.author",
            "tagged_items.item.tag",
            "related_stories.item.related",
        ):
            if path == "body.image.image":
                target = get_image_model()
            else:
                owner, name = model, path.rsplit(".", 1)[-1]
                if ".item." in path:
                    owner = model._meta.get_field(path.split(".")[0]).related_model
                field = owner._meta.get_field(name)
                if not isinstance(field, models.ForeignKey):
                    raise CommandError(f"{path} is not a foreign key any more.")
                target = field.related_model
            self.targets[path] = reference_base_content_type(target).pk
        self.hashes = {}

    def row(self, page_id, model_path, to_id, content_path=None):
        content_path = content_path or model_path
        digest = self.hashes.get(content_path)
        if digest is None:
            digest = reference_content_path_hash(content_path)
            if len(self.hashes) < 10_000:
                self.hashes[content_path] = digest
        return self.table.row(
            content_type_id=self.content_type_id,
            base_content_type_id=self.base_content_type_id,
            object_id=str(page_id),
            to_content_type_id=self.targets[model_path],
            to_object_id=str(to_id),
            model_path=model_path,
            content_path=content_path,
            content_path_hash=digest,
        )
