"""The search table's change counter: every write moves it, so cached rankings are left behind."""

import pytest
from django.db import connection

from cms.search import freshness
from tests.search.test_relevance import story

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL sequence"),
]


def test_the_very_first_change_moves_the_counter():
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER SEQUENCE {freshness.SEQUENCE} RESTART")  # as a new installation
    before = freshness.current()
    freshness.changed()
    assert freshness.current() > before


def test_publishing_and_unpublishing_a_story_move_the_counter(section):
    before = freshness.current()
    page = story(section, "Cacao report", "Prices.")
    published = freshness.current()
    page.unpublish()
    assert before < published < freshness.current()
