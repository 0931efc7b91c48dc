"""Partial indexes on the pages that hide their subtree: pages with children that are
unpublished, and pages with children that have an expiry.

The public boundary (``cms.delivery.visibility.public_q``) asks, for every page a read
returns or counts, whether such an ancestor exists: a correlated ``NOT EXISTS`` whose two
arms (not live, expired) PostgreSQL reads as a ``BitmapOr`` of these indexes. They hold only
those pages, none in the usual case, so the check is two descents of almost empty indexes.
The index they replace held every page with children: at 1 000 000 stories PostgreSQL
chose to read each of those pages' rows for every page a read returned
(docs/performance.md). Every database (PostgreSQL and SQLite have partial indexes).
"""

from django.db import migrations

UNPUBLISHED = "herald_page_unpublished_parents"
EXPIRING = "herald_page_expiring_parents"
REPLACED = "herald_page_parents"


class Migration(migrations.Migration):
    dependencies = [("delivery", "0003_page_expiry_index")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {UNPUBLISHED} ON wagtailcore_page (path)"
            " WHERE numchild > 0 AND depth > 1 AND NOT live",
            f"DROP INDEX IF EXISTS {UNPUBLISHED}",
        ),
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {EXPIRING} ON wagtailcore_page (path, expire_at)"
            " WHERE numchild > 0 AND depth > 1 AND expire_at IS NOT NULL",
            f"DROP INDEX IF EXISTS {EXPIRING}",
        ),
        migrations.RunSQL(
            f"DROP INDEX IF EXISTS {REPLACED}",
            f"CREATE INDEX IF NOT EXISTS {REPLACED} ON wagtailcore_page (path, live, expire_at)"
            " WHERE numchild > 0",
        ),
    ]
