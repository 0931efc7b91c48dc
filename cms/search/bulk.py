"""Search rows for many pages at once on PostgreSQL: texts copied in, vectors made by the database.

A bulk loader (the story generator) already holds each page's texts, date, section and
facets, so it never reads pages back: it copies them into a temporary table and one
``INSERT … SELECT`` turns them into entries, stemming each text in the page's own
configuration with the weights ``cms.search.entries`` gives (the same expression as its
per-page ``VECTOR_SQL``), after ``cms.bulk_copy.copy_rows``.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from cms.bulk_copy import copy_rows
from cms.search import freshness

TEMPORARY = "herald_bulk_search_entries"
COLUMNS = (
    "page_id integer, content_type_id integer, config text, texts jsonb,"
    " first_published_at timestamptz, year integer, section integer, facets jsonb"
)
VECTOR = " || ".join(
    f"setweight(to_tsvector(config::regconfig, coalesce(texts->>'{w}', '')), '{w}')" for w in "ABC"
)
INSERT = f"""
    INSERT INTO cms_search_entry (page_id, content_type_id, config, vector, texts,
        first_published_at, year, section, facets)
    SELECT page_id, content_type_id, config, {VECTOR}, texts, first_published_at, year,
        section, facets
    FROM {TEMPORARY}
    ON CONFLICT (page_id) DO UPDATE SET content_type_id = EXCLUDED.content_type_id,
        config = EXCLUDED.config, vector = EXCLUDED.vector, texts = EXCLUDED.texts,
        first_published_at = EXCLUDED.first_published_at, year = EXCLUDED.year,
        section = EXCLUDED.section, facets = EXCLUDED.facets
"""  # noqa: S608 (constants of this module)


@dataclass
class BulkEntry:
    """What ``cms.search.entries.entry`` would make of a page, from the loader's own values."""

    page_id: int
    content_type_id: int
    config: str
    texts: dict[str, str]
    first_published_at: datetime | None
    section: int | None
    facets: dict[str, list[int]]

    def row(self) -> tuple:
        published = self.first_published_at
        return (
            self.page_id,
            self.content_type_id,
            self.config,
            json.dumps(self.texts),
            published,
            published.year if published else None,
            self.section,
            json.dumps(self.facets),
        )


def store_entries(entries: list[BulkEntry]) -> None:
    """Write (or replace) these pages' entries: one ``COPY`` and one ``INSERT`` (PostgreSQL)."""
    if not entries:
        return
    with connection.cursor() as cursor:
        copy_rows(cursor, TEMPORARY, COLUMNS, (entry.row() for entry in entries))
        cursor.execute(INSERT)
    freshness.changed()
