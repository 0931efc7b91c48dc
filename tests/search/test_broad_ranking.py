"""A broad word (more matches than ``SEARCH_EXACT_THRESHOLD``) is ranked from its newest
matches, title and deck matches first (PostgreSQL): the order a reader sees is still
relevance × recency, the same order SQLite's exact ranking gives."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.search import ranking
from cms.search.tiers import BODY_RANK
from tests.search.test_relevance import story

pytestmark = pytest.mark.django_db
postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="ts_rank and estimates")

# Each write in its own transaction, as in the newsroom: inside one test transaction every
# row would count as written since any search.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)

API = "/api/v2/pages/?type=news.ArticlePage&fields=title&search="


@pytest.fixture(autouse=True)
def broad(settings):
    settings.SEARCH_EXACT_THRESHOLD = 0


def answer(client, query):
    response = client.get(API + query)
    assert response.status_code == 200, response.content
    return response.json()


def titles(client, query):
    return [item["title"] for item in answer(client, query)["items"]]


def test_headline_matches_come_first_and_body_matches_follow(client, section):
    story(section, "Markets close", "Cacao prices rose.", days_ago=1)
    story(section, "Cacao harvest begins", "Growers met.", days_ago=20)
    story(section, "Rain in Accra", "Cacao growers wait.", days_ago=2)
    story(section, "Cacao exports", "Ships left.", days_ago=5)
    assert titles(client, "cacao") == [
        "Cacao exports",
        "Cacao harvest begins",
        "Markets close",
        "Rain in Accra",
    ]


def test_a_recent_body_match_beats_a_headline_match_years_old(client, section):
    story(section, "Cacao boom", "Growers met.", days_ago=1500)
    story(section, "Markets close", "Cacao prices rose.", days_ago=2)
    assert titles(client, "cacao") == ["Markets close", "Cacao boom"]


def test_a_deck_match_ranks_above_a_body_match(client, section):
    story(section, "Markets close", "Traders watched cacao prices.", days_ago=1)
    story(section, "Harvest report", "Rain in Accra.", deck="Cacao growers expect a record")
    assert titles(client, "cacao")[0] == "Harvest report"


def test_words_joined_by_and_or_or_find_the_same_stories(client, section):
    story(section, "Cacao and coffee", "Prices rose.", days_ago=3)
    story(section, "Coffee report", "Cacao too.", days_ago=1)
    story(section, "Cacao report", "Nothing else.", days_ago=2)
    assert titles(client, "cacao%20coffee") == ["Cacao and coffee", "Coffee report"]
    assert titles(client, "cacao%20coffee&search_operator=or")[0] == "Cacao and coffee"
    assert len(titles(client, "cacao%20coffee&search_operator=or")) == 3


@postgresql
def test_the_total_and_facets_are_labelled_estimates(client, section):
    for day in range(3):
        story(section, f"Cacao report {day}", "Cacao again.", days_ago=day + 1)
    meta = answer(client, "cacao")["meta"]
    assert meta["total_count"] >= 3
    assert meta["total_count_exact"] is False
    assert meta["facets"]["section"][0]["value"] == str(section.pk)


def test_paging_past_the_headline_matches_reaches_the_body_matches(client, section):
    for day in range(4):
        story(section, f"Cacao report {day}", "Prices.", days_ago=day + 1)
        story(section, f"Market note {day}", "Cacao prices.", days_ago=day + 1)
    second = titles(client, "cacao&limit=3&offset=3")
    third = titles(client, "cacao&limit=3&offset=6")
    assert second == ["Cacao report 3", "Market note 0", "Market note 1"]
    assert third == ["Market note 2", "Market note 3"]


@postgresql
def test_a_word_only_in_body_text_never_ranks_above_the_body_bound(section):
    page = story(section, "Markets", " ".join(["cacao harvest"] * 200), days_ago=1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_rank(vector, to_tsquery('english', 'cacao')), head::text"
            " FROM cms_search_entry WHERE page_id = %s",
            [page.pk],
        )
        rank, head = cursor.fetchone()
    assert 0.19 < rank <= BODY_RANK
    assert "cacao" not in head


def test_a_page_hidden_from_the_public_is_left_out(client, section):
    shown = story(section, "Cacao report", "Prices.", days_ago=2)
    hidden = story(section, "Cacao secret", "Prices.", days_ago=1)
    hidden.unpublish()
    assert titles(client, "cacao") == [shown.title]


class TestKeptCandidates:
    """A broad word's best candidates are kept between searches and brought up to date from
    what was written since: a reader never sees a result the newsroom has since changed."""

    SCAN = "ORDER BY first_published_at DESC, page_id DESC LIMIT"

    def scans(self, client, query):
        with CaptureQueriesContext(connection) as queries:
            titles(client, query)
        return sum(self.SCAN in entry["sql"] for entry in queries)

    @postgresql
    def test_the_same_search_again_does_not_read_the_matches_again(self, client, section):
        for day in range(3):
            story(section, f"Cacao report {day}", "Prices.", days_ago=day + 1)
        assert self.scans(client, "cacao") > 0
        assert self.scans(client, "cacao") == 0
        assert self.scans(client, "cacao&offset=20") > 0  # a deeper page is its own reading

    def test_a_story_published_after_a_search_leads_the_next_one(self, client, section):
        story(section, "Cacao report", "Prices.", days_ago=3)
        assert titles(client, "cacao") == ["Cacao report"]
        story(section, "Cacao harvest", "Growers.", days_ago=0)
        assert titles(client, "cacao") == ["Cacao harvest", "Cacao report"]

    def test_a_story_rewritten_without_the_word_leaves_the_next_search(self, client, section):
        kept = story(section, "Cacao report", "Prices.", days_ago=3)
        rewritten = story(section, "Cacao harvest", "Growers.", days_ago=1)
        assert titles(client, "cacao") == ["Cacao harvest", "Cacao report"]
        rewritten.title = "Coffee harvest"
        rewritten.save_revision().publish()
        assert titles(client, "cacao") == [kept.title]

    def test_an_unpublished_story_leaves_the_next_search(self, client, section):
        kept = story(section, "Cacao report", "Prices.", days_ago=3)
        gone = story(section, "Cacao harvest", "Growers.", days_ago=1)
        assert len(titles(client, "cacao")) == 2
        gone.unpublish()
        assert titles(client, "cacao") == [kept.title]

    @postgresql
    def test_a_story_published_after_a_search_joins_it_without_reading_the_matches_again(
        self, client, section
    ):
        for day in range(3):
            story(section, f"Cacao report {day}", "Prices.", days_ago=day + 1)
        assert self.scans(client, "cacao") > 0
        story(section, "Cacao harvest", "Growers.", days_ago=0)
        assert self.scans(client, "cacao") == 0
        assert titles(client, "cacao")[0] == "Cacao harvest"

    @committed
    def test_candidates_brought_up_to_date_give_what_a_fresh_reading_gives(self, client, section):
        pages = [story(section, f"Cacao report {day}", "Prices.", days_ago=day) for day in range(8)]
        story(section, "Market note", "Cacao prices.", days_ago=1)
        first = titles(client, "cacao&limit=3")
        pages[0].title = "Coffee report"  # the leader loses the word
        pages[0].save_revision().publish()
        pages[5].unpublish()
        story(section, "Cacao harvest", "Growers.", days_ago=2)
        story(section, "Cacao archive", "Growers.", days_ago=400)
        caught_up = titles(client, "cacao&limit=3")
        cache.clear()
        assert caught_up == titles(client, "cacao&limit=3") != first

    @postgresql
    @committed
    def test_a_story_scoring_below_the_kept_ones_waits_for_a_fresh_reading(
        self, client, section, monkeypatch
    ):
        """Only the kept stories are known to beat every other match: when too few of them
        remain, the matches are read again rather than a lower story filling the gap."""
        monkeypatch.setattr(ranking, "MARGIN", 0)
        leader = story(section, "Cacao report 1", "Prices.", days_ago=1)
        for day in (2, 3):
            story(section, f"Cacao report {day}", "Prices.", days_ago=day)
        assert titles(client, "cacao&limit=2") == ["Cacao report 1", "Cacao report 2"]
        story(section, "Cacao archive", "Prices.", days_ago=400)
        leader.title = "Coffee report"
        leader.save_revision().publish()
        assert titles(client, "cacao&limit=2") == ["Cacao report 2", "Cacao report 3"]
