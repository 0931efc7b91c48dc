"""Indexes on Wagtail's page table for the Articles listing at 100 000 stories.

- ``herald_page_updated``: the listing's default order, "Updated" newest first with pages never
  revised last (Wagtail's ``DESC NULLS LAST``; read backwards it serves the oldest-first order),
  so the first 50 rows are read from the index instead of sorting every story.
- ``herald_page_go_live``: the same for the order by go-live.
- ``herald_page_types``: the listing's count reads the page table alone (``news.views``):
  stories by content type, in a section (a path range), live or not, without visiting the rows.

SQLite puts nulls first in ascending order and so last in descending order, which is what the
plain ``DESC`` index gives it; PostgreSQL needs ``NULLS LAST`` said.
"""

from django.db import migrations

INDEXES = {
    "herald_page_updated": "(latest_revision_created_at DESC{nulls_last})",
    "herald_page_go_live": "(go_live_at)",
    "herald_page_types": "(content_type_id, path, live, depth)",
}


def create_indexes(apps, schema_editor):
    nulls_last = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page "
            + columns.format(nulls_last=nulls_last)
        )


def drop_indexes(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_author_and_source_translations"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
