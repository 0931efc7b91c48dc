"""Each item of a search answer shows where it matched: its title and a passage, marked."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.delivery.documents.rendering import render_missing
from cms.search import highlights as highlighting
from news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/?type=news.ArticlePage&fields=title&search="
LONG_BODY = " ".join(["Filler words about the weather in the Andes."] * 12)


def story(section, title, body="", deck=""):
    page = ArticlePageFactory(
        parent=section, title=title, deck=deck, body=[("paragraph", f"<p>{body}</p>")]
    )
    page.save_revision().publish()
    return page


def highlights(client, query, path=API):
    response = client.get(path + query)
    assert response.status_code == 200, response.content
    return [item["meta"]["highlight"] for item in response.json()["items"]]


def test_the_title_marks_the_matching_word_and_escapes_the_rest(client, section):
    story(section, "<script>alert(1)</script> & cacao prices")
    (found,) = highlights(client, "cacao")
    assert found["title"] == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>cacao</mark> prices"
    )


def test_the_snippet_is_the_passage_around_the_first_match_cut_with_ellipses(client, section):
    story(section, "Harvest report", body=f"{LONG_BODY} Growers sold cacao in Accra. {LONG_BODY}")
    (found,) = highlights(client, "cacao")
    snippet = found["snippet"]
    assert "<mark>cacao</mark>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert 120 <= len(snippet.replace("<mark>", "").replace("</mark>", "")) <= 320


def test_a_short_body_is_shown_whole_without_ellipses(client, section):
    story(section, "Harvest report", deck="Growers sold cacao.", body="Prices rose.")
    (found,) = highlights(client, "cacao")
    assert found["snippet"].startswith("Growers sold <mark>cacao</mark>. Prices rose.")
    assert "…" not in found["snippet"]


def test_markup_in_the_body_text_is_escaped_in_the_snippet(client, section):
    story(section, "Harvest report", body="Growers &amp; traders wrote &lt;b&gt;cacao&lt;/b&gt;")
    (found,) = highlights(client, "cacao")
    assert found["snippet"].startswith(
        "Growers &amp; traders wrote &lt;b&gt;<mark>cacao</mark>&lt;/b&gt;"
    )


def test_a_phrase_marks_the_words_side_by_side_only(client, section):
    story(section, "Rates", body="The bank in the central square. The central bank raised rates.")
    (found,) = highlights(client, "%22central%20bank%22")
    assert "<mark>central</mark> <mark>bank</mark>" in found["snippet"]
    assert "The bank in" in found["snippet"]


def test_a_phrase_with_a_word_marks_the_phrase_where_it_stands_and_the_word_anywhere(
    client, section
):
    story(
        section,
        "Oil, the bank and the central bank",
        body="A bank in the central square sold oil. The central bank raised rates.",
    )
    (found,) = highlights(client, "%22central%20bank%22%20oil")
    assert (
        found["title"]
        == "<mark>Oil</mark>, the bank and the <mark>central</mark> <mark>bank</mark>"
    )
    assert found["snippet"].startswith(
        "A bank in the central square sold <mark>oil</mark>."
        " The <mark>central</mark> <mark>bank</mark> raised rates."
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stop words need tsquery")
def test_a_phrase_with_a_stop_word_marks_its_words_where_the_phrase_stands(client, section):
    story(section, "The Bank of England and a bank in Wales")
    (found,) = highlights(client, "%22bank%20of%20england%22")
    assert found["title"] == "The <mark>Bank</mark> of <mark>England</mark> and a bank in Wales"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prefixes need tsquery")
def test_a_prefix_marks_the_words_it_begins(client, section):
    story(section, "Central bank holds", body="Its centre is calm.")
    (found,) = highlights(client, "cent*")
    assert found["title"] == "<mark>Central</mark> bank holds"
    assert "<mark>centre</mark>" in found["snippet"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming configurations")
def test_a_stemmed_match_is_marked(client, section):
    story(section, "Growers are harvesting", body="Nothing else.")
    (found,) = highlights(client, "harvest")
    assert found["title"] == "Growers are <mark>harvesting</mark>"


def test_answers_from_stored_documents_carry_highlights_too(client, section):

    story(section, "Cacao prices hit a record", body="Cacao again.")
    render_missing()
    (found,) = highlights(client, "cacao")
    assert found["title"] == "<mark>Cacao</mark> prices hit a record"
    untyped = highlights(client, "cacao", "/api/v2/pages/?search=")
    assert untyped == [found]


def test_a_listing_without_search_has_no_highlight(client, section):
    story(section, "Cacao prices hit a record")
    items = client.get("/api/v2/pages/?type=news.ArticlePage").json()["items"]
    assert items and all("highlight" not in item["meta"] for item in items)


def test_highlights_cost_the_same_queries_for_any_page_size(client, section):
    for n in range(8):
        story(section, f"Cacao report {n}", body="Cacao prices rose again.")
    client.get(API + "cacao&limit=1")  # warm caches (site, estimate)

    def queries(limit):
        with CaptureQueriesContext(connection) as context:
            assert client.get(API + f"cacao&limit={limit}").status_code == 200
        return len(context)

    assert queries(2) == queries(8)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ts_headline")
class TestKeptHighlights:
    def headline_queries(self, client, query):
        with CaptureQueriesContext(connection) as context:
            found = highlights(client, query)
        return found, sum("ts_headline" in q["sql"] for q in context.captured_queries)

    def test_the_same_search_again_reads_its_highlights_back(self, client, section):
        story(section, "Cacao prices hit a record", body="Growers sold cacao.")
        first, ran = self.headline_queries(client, "cacao")
        again, ran_again = self.headline_queries(client, "cacao")
        assert (ran, ran_again) == (1, 0)
        assert again == first

    def test_a_story_published_again_is_highlighted_from_its_new_text(
        self, client, section, monkeypatch
    ):
        page = story(section, "Cacao prices hit a record", body="Growers sold cacao.")
        story(section, "Cacao exports", body="Ports shipped cacao.")
        highlights(client, "cacao")
        page.title = "Cacao prices fall"
        page.save_revision().publish()
        computed, original = [], highlighting.headlines

        def spy(found, operator, page_ids):
            computed.extend(page_ids)
            return original(found, operator, page_ids)

        monkeypatch.setattr(highlighting, "headlines", spy)
        found = highlights(client, "cacao")
        assert computed == [page.pk]
        assert sorted(item["title"] for item in found) == [
            "<mark>Cacao</mark> exports",
            "<mark>Cacao</mark> prices fall",
        ]

    def test_another_query_is_highlighted_on_its_own(self, client, section):
        story(section, "Cacao and coffee prices", body="Growers sold cacao and coffee.")
        (cacao,) = highlights(client, "cacao")
        (coffee,) = highlights(client, "coffee")
        assert cacao["title"] == "<mark>Cacao</mark> and coffee prices"
        assert coffee["title"] == "Cacao and <mark>coffee</mark> prices"
