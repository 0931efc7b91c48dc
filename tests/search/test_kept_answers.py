"""A few-match word's exact answer is kept between searches, and between writes that cannot
change it (PostgreSQL): a reader never sees an answer the newsroom has since changed."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from news.factories import SectionPageFactory
from tests.search.test_broad_ranking import answer, committed, titles
from tests.search.test_relevance import story

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite ranks in Wagtail's backend"
    ),
]

RANKING = "WITH matches AS MATERIALIZED"


def rankings(client, query):
    """How many times a search of ``query`` ranked the matches."""
    with CaptureQueriesContext(connection) as queries:
        answer(client, query)
    return sum(RANKING in entry["sql"] for entry in queries)


def test_an_anonymous_searchs_ranking_reads_no_clock(client, section):
    """Kept answers rely on it: what the ranking selects changes only with its parameters
    (an expiry reaches them through the hidden subtrees' paths)."""
    story(section, "Cacao report", "Prices.")
    with CaptureQueriesContext(connection) as queries:
        answer(client, "cacao")
    [ranking] = [entry["sql"].upper() for entry in queries if RANKING in entry["sql"]]
    assert not re.search(r"\bNOW\(|STATEMENT_TIMESTAMP|CURRENT_TIMESTAMP|CLOCK_TIMESTAMP", ranking)


def test_the_same_search_again_is_answered_without_ranking_the_matches(client, section):
    story(section, "Cacao report", "Prices.")
    assert rankings(client, "cacao") == 1
    assert rankings(client, "cacao") == 0
    assert rankings(client, "cacao&limit=5") == 1  # another page is another answer


@committed
def test_a_story_without_the_word_published_since_leaves_the_answer_kept(client, section):
    story(section, "Cacao report", "Prices.")
    assert rankings(client, "cacao") == 1
    story(section, "Coffee harvest", "Growers.")
    assert rankings(client, "cacao") == 0


def test_a_story_with_the_word_published_since_joins_the_answer_and_its_counts(client, section):
    story(section, "Cacao report", "Prices.", days_ago=3)
    assert answer(client, "cacao")["meta"]["total_count"] == 1
    story(section, "Cacao harvest", "Growers.", days_ago=0)
    found = answer(client, "cacao")
    assert [item["title"] for item in found["items"]] == ["Cacao harvest", "Cacao report"]
    assert found["meta"]["total_count"] == 2
    assert found["meta"]["facets"]["section"][0]["count"] == 2


def test_an_unpublished_story_leaves_the_answer_and_its_count(client, section):
    kept = story(section, "Cacao report", "Prices.", days_ago=3)
    gone = story(section, "Cacao harvest", "Growers.", days_ago=1)
    assert answer(client, "cacao")["meta"]["total_count"] == 2
    gone.unpublish()
    found = answer(client, "cacao")
    assert [item["title"] for item in found["items"]] == [kept.title]
    assert found["meta"]["total_count"] == 1


def test_a_story_rewritten_without_the_word_leaves_the_answer(client, section):
    kept = story(section, "Cacao report", "Prices.", days_ago=3)
    rewritten = story(section, "Cacao harvest", "Growers.", days_ago=1)
    assert len(titles(client, "cacao")) == 2
    rewritten.title = "Coffee harvest"
    rewritten.save_revision().publish()
    assert titles(client, "cacao") == [kept.title]


@committed
def test_a_view_restriction_moved_onto_the_section_hides_its_stories_from_the_next_answer(
    client, section, home
):
    """The hidden subtrees are in the answer's key: the same number of them, elsewhere, is
    another key."""
    other = SectionPageFactory(parent=home, title="Sports", slug="sports")
    elsewhere = PageViewRestriction.objects.create(page=other, restriction_type="login")
    story(section, "Cacao report", "Prices.")
    assert titles(client, "cacao") == ["Cacao report"]
    elsewhere.delete()
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert titles(client, "cacao") == []


@committed
def test_an_answer_kept_across_the_newsrooms_writes_is_the_one_a_fresh_ranking_gives(
    client, section
):
    pages = [story(section, f"Cacao report {day}", "Prices.", days_ago=day) for day in range(6)]
    story(section, "Market note", "Cacao prices.", days_ago=1)
    first = answer(client, "cacao&limit=3")
    story(section, "Coffee harvest", "Growers.", days_ago=0)
    assert rankings(client, "cacao&limit=3") == 0  # nothing written since could change it
    pages[0].title = "Coffee report"
    pages[0].save_revision().publish()
    pages[4].unpublish()
    story(section, "Cacao archive", "Growers.", days_ago=400)
    kept = answer(client, "cacao&limit=3")
    cache.clear()
    assert kept == answer(client, "cacao&limit=3") != first


def test_a_signed_in_readers_search_is_ranked_each_time(client, section, admin_user):
    """What an editor may see is not in the SQL's parameters, so nothing is kept for them."""
    story(section, "Cacao report", "Prices.")
    client.force_login(admin_user)
    assert rankings(client, "cacao") == 1
    assert rankings(client, "cacao") == 1
