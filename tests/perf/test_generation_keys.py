"""``generate_stories`` on PostgreSQL checks its batches' foreign keys table by table."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from psycopg.errors import ForeignKeyViolation

from cms.search.models import SearchEntry
from news.management.generation import rows
from news.management.generation.rows import RowWriter, Table
from news.models import ArticleByline, ArticlePage, Author

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SMALL = {"sections": 2, "authors": 2, "sources": 2, "tags": 4, "countries": 2, "images": 1}


def replication_role() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        return cursor.fetchone()[0]


def test_a_batch_naming_a_missing_author_is_refused_and_writes_nothing(home):
    call_command("generate_stories", count=3, **SMALL)
    story = ArticlePage.objects.first()
    before = ArticleByline.objects.count()
    missing = (Author.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000

    writer = RowWriter()
    assert writer.keys is not None, "the test database's user is a superuser"
    table = Table(ArticleByline)
    refused = pytest.raises(CommandError, match=rf"news_author\.id \[{missing}\]")
    with refused, transaction.atomic():
        writer.start_batch()
        writer.insert(table, [table.row(id=None, page_id=story.pk, author_id=missing)])
        writer.finish_batch()

    assert ArticleByline.objects.count() == before
    assert replication_role() == "origin"


def test_after_a_load_the_session_has_its_triggers_and_every_entry_its_change_counter(home):
    call_command("generate_stories", count=9, batch_size=4, **SMALL)

    assert replication_role() == "origin"
    ids = ArticlePage.objects.values_list("pk", flat=True)
    entries = SearchEntry.objects.filter(page_id__in=ids)
    assert entries.count() == 9
    assert not entries.filter(written__isnull=True).exists()


def test_without_the_right_to_skip_triggers_the_database_checks_each_row(home, monkeypatch):
    monkeypatch.setattr(rows, "may_skip_triggers", lambda: False)
    call_command("generate_stories", count=5, **SMALL)
    assert ArticlePage.objects.live().count() == 5
    assert SearchEntry.objects.filter(written__isnull=True).count() == 0

    writer = RowWriter()
    assert writer.keys is None
    table = Table(ArticleByline)
    story = ArticlePage.objects.first()
    with pytest.raises(ForeignKeyViolation), transaction.atomic():
        writer.start_batch()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the trigger fires at the COPY
        writer.insert(table, [table.row(id=None, page_id=story.pk, author_id=10**9)])
