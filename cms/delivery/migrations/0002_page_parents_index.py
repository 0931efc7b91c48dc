"""A partial index on the tree paths of pages that have children.

The public boundary (``cms.delivery.visibility.public_q``) asks, for every page a
read returns or counts, whether an ancestor is unpublished or expired: a correlated
``NOT EXISTS`` over pages with children (sections, the home page, directory guides).
With this index the database reads those few rows, not the whole page table
(100 000 stories). Every database (PostgreSQL and SQLite have partial indexes).
"""

from django.db import migrations

INDEX = "herald_page_parents"


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (path, live, expire_at)"
            " WHERE numchild > 0",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
