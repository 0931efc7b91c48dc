"""An index on ``wagtailcore_page.url_path``, which Wagtail does not index.

The API's find-by-path (``cms.api.HeraldPagesAPIViewSet.find_object``) looks a page
up by its ``url_path`` in one query instead of Wagtail's route through every
segment; without an index that query reads the whole page table (27 ms at 100 000
stories on PostgreSQL, 0.1 ms with it; see docs/performance.md). Every database.
"""

from django.db import migrations

INDEX = "herald_page_url_path"


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_search_title_body_index"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (url_path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
