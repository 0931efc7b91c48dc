"""PostgreSQL: planner statistics for the view restrictions table (docs/performance.md)."""

from django.db import migrations


def analyze_view_restrictions(apps, schema_editor):
    """PostgreSQL: statistics for the (often empty) view restrictions table. Never analyzed,
    the planner assumes ~130 rows there and costs the public-pages filter (a NOT EXISTS on
    it, cms.delivery.batch.public_pages) so high that a 20-row listing starts parallel workers and
    JIT compilation (5-60 ms); analyzed, it is a cheap anti-join."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE wagtailcore_pageviewrestriction")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_page_preview"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(analyze_view_restrictions, migrations.RunPython.noop, elidable=True),
    ]
