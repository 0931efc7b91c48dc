"""``?search=`` with a database backend ranks the newest ``API_SEARCH_WINDOW`` matches."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.factories import ArticlePageFactory
from news.models import ArticlePage

pytestmark = pytest.mark.django_db

SEARCH = "/api/v2/pages/?type=news.ArticlePage&search=cacao&fields=title"


@pytest.fixture
def cacao_stories(section):
    """Six stories mentioning cacao, a day apart; only the oldest has it in its headline."""
    start = timezone.now() - datetime.timedelta(days=30)
    stories = []
    for day in range(6):
        title = "Cacao prices hit a record" if day == 0 else f"Markets report {day}"
        story = ArticlePageFactory(
            parent=section,
            title=title,
            body=[("paragraph", f"<p>Traders watched cacao and coffee on day {day}.</p>")],
        )
        stories.append(story)
        ArticlePage.objects.filter(pk=story.pk).update(
            first_published_at=start + datetime.timedelta(days=day)
        )
    return stories


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_a_common_word_reaches_only_the_newest_matches(client, settings, cacao_stories):
    settings.API_SEARCH_WINDOW = 3
    response = client.get(SEARCH)
    assert response.json()["meta"]["total_count"] == 3
    assert set(ids(response)) == {story.pk for story in cacao_stories[-3:]}


def test_every_match_is_ranked_without_a_window(client, settings, cacao_stories):
    settings.API_SEARCH_WINDOW = 0
    response = client.get(SEARCH)
    assert response.json()["meta"]["total_count"] == 6
    assert ids(response)[0] == cacao_stories[0].pk  # the headline match ranks first


def test_the_window_is_ranked_by_relevance(client, settings, cacao_stories):
    settings.API_SEARCH_WINDOW = 3
    headline = cacao_stories[-2]
    headline.title = "Cacao harvest falls short"
    headline.save_revision().publish()
    assert ids(client.get(SEARCH))[0] == headline.pk


def test_order_sorts_the_window(client, settings, cacao_stories):
    settings.API_SEARCH_WINDOW = 4
    newest_first = ids(client.get(SEARCH + "&order=-first_published_at"))
    assert newest_first == [story.pk for story in reversed(cacao_stories[-4:])]
    paged = client.get(SEARCH + "&order=-first_published_at&limit=2&offset=2").json()
    assert paged["meta"]["total_count"] == 4
    assert [item["id"] for item in paged["items"]] == newest_first[2:]


def test_a_rare_word_finds_old_stories(client, settings, cacao_stories, section):
    settings.API_SEARCH_WINDOW = 3
    ArticlePageFactory(parent=section, title="Dull story", body=[("paragraph", "<p>x</p>")])
    rare = client.get("/api/v2/pages/?type=news.ArticlePage&search=record").json()
    assert [item["id"] for item in rare["items"]] == [cacao_stories[0].pk]


def test_bad_search_parameters_are_still_400s(client, settings, cacao_stories):
    settings.API_SEARCH_WINDOW = 3
    response = client.get("/api/v2/pages/?type=news.ArticlePage&search=cacao&order=deck")
    assert response.status_code == 400
    assert "cannot order by 'deck' while searching" in response.json()["message"]
    tagged = client.get("/api/v2/pages/?type=news.ArticlePage&search=cacao&tags=oil")
    assert tagged.status_code == 400


def test_search_costs_at_most_10_queries(client, settings, cacao_stories):
    settings.API_SEARCH_WINDOW = 1000
    url = "/api/v2/pages/?type=news.ArticlePage&search=cacao&fields=*"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert len(ids(response)) == 6
    assert len(ctx.captured_queries) <= 10, [q["sql"][:80] for q in ctx.captured_queries]
