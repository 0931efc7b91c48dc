"""PostgreSQL: a GIN index on ``title || body`` of Wagtail's search index.

Wagtail's PostgreSQL search backend matches ``(title || body) @@ query``; the
backend's own GIN indexes are on each column alone, so without this expression
index every search reads the whole index table (1 s for a rare word at 100 000
stories, 0.15 s with it; see docs/performance.md). Other databases need nothing.
"""

from django.db import migrations

INDEX = "herald_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_article_embargo"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
