"""After a bulk load the planner knows the tables' new sizes (``refresh_statistics``)."""

import pytest
from django.db import connection
from taggit.models import Tag
from wagtail.models import Page

from news.management.generation.statistics import refresh_statistics
from news.models import ArticlePage

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def maintenance(tables):
    """``{table: (vacuums, analyses)}`` as PostgreSQL counts them, read afresh."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT relname, vacuum_count, analyze_count FROM pg_stat_user_tables "
            "WHERE relname = ANY(%s)",
            [tables],
        )
        return {name: (vacuums, analyses) for name, vacuums, analyses in cursor.fetchall()}


def test_every_table_is_vacuumed_and_analysed_once_on_parallel_connections():
    models = [Page, ArticlePage, Tag, ArticlePage.countries.through]
    tables = [model._meta.db_table for model in models]
    before = maintenance(tables)

    refresh_statistics(models, workers=2)

    after = maintenance(tables)
    assert set(after) == set(tables)
    for table in tables:
        vacuums, analyses = before.get(table, (0, 0))
        assert after[table] == (vacuums + 1, analyses + 1), table
