"""The search table's change counter: a kept ranking knows which writes it has seen, and a
write still in flight is never counted as seen."""

import psycopg
import pytest
from django.db import connection

from cms.search import freshness
from tests.search.test_relevance import story

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL sequence"),
]


def written(page_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT written FROM cms_search_entry WHERE page_id = %s", [page_id])
        return cursor.fetchone()[0]


def test_the_very_first_change_moves_the_counter():
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER SEQUENCE {freshness.SEQUENCE} RESTART")  # as a new installation
    before = freshness.watermark()
    freshness.changed()
    assert freshness.watermark().handed > before.handed


def test_publishing_and_unpublishing_a_story_move_the_counter(section):
    before = freshness.watermark()
    page = story(section, "Cacao report", "Prices.")
    published = freshness.watermark()
    page.unpublish()
    assert before.handed < published.handed < freshness.watermark().handed


def test_a_stored_entry_is_marked_above_what_a_reader_saw_before(section):
    seen = freshness.watermark().seen
    page = story(section, "Cacao report", "Prices.")
    assert written(page.pk) > seen


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # committed, as a request
def test_a_write_not_yet_committed_is_never_seen_and_is_once_it_ends(section):
    """Another connection writes an entry and keeps its transaction open: readers place
    their watermark below its row until it ends. (Its page id is one no test transaction
    holds, and its foreign keys are checked at a commit that never comes.)"""
    assert freshness.watermark().pending is None
    db = connection.settings_dict
    dsn = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"]}
    with psycopg.connect(dbname=db["NAME"], **dsn) as other:
        row = other.execute(
            "INSERT INTO cms_search_entry (page_id, content_type_id, config, texts, facets)"
            " VALUES (%s, %s, 'simple', '{}', '{}') RETURNING written",
            [2_000_000_000, section.content_type_id],
        ).fetchone()
        during = freshness.watermark()
        assert during.pending is not None
        assert during.seen < row[0] <= during.handed
        other.rollback()
    after = freshness.watermark()
    assert after.pending is None
    assert after.seen >= row[0]
