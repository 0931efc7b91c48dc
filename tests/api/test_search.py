"""``?search=`` with a database backend ranks every match: relevance, recency, the boundary."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

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


def test_every_match_is_ranked_and_counted(client, cacao_stories):
    response = client.get(SEARCH)
    assert response.json()["meta"]["total_count"] == 6
    assert response.json()["meta"]["total_count_exact"] is True
    assert ids(response)[0] == cacao_stories[0].pk  # the headline match ranks first


def test_a_headline_edited_to_match_ranks_with_the_headline_matches(client, cacao_stories):
    headline = cacao_stories[-2]
    headline.title = "Cacao harvest falls short"
    headline.save_revision().publish()
    assert set(ids(client.get(SEARCH))[:2]) == {cacao_stories[0].pk, headline.pk}


def test_order_sorts_every_match(client, cacao_stories):
    newest_first = ids(client.get(SEARCH + "&order=-first_published_at"))
    assert newest_first == [story.pk for story in reversed(cacao_stories)]
    paged = client.get(SEARCH + "&order=-first_published_at&limit=2&offset=2").json()
    assert paged["meta"]["total_count"] == 6
    assert [item["id"] for item in paged["items"]] == newest_first[2:4]
    oldest_first = ids(client.get(SEARCH + "&order=first_published_at"))
    assert oldest_first == [story.pk for story in cacao_stories]


def test_an_unpublished_story_is_no_longer_found(client, cacao_stories):
    cacao_stories[0].unpublish()
    response = client.get(SEARCH)
    assert cacao_stories[0].pk not in ids(response)
    assert response.json()["meta"]["total_count"] == 5


def test_a_private_story_is_not_found(client, cacao_stories):
    PageViewRestriction.objects.create(
        page=cacao_stories[0], restriction_type="password", password="x"
    )
    assert cacao_stories[0].pk not in ids(client.get(SEARCH))


def test_a_rare_word_finds_old_stories(client, cacao_stories, section):
    ArticlePageFactory(parent=section, title="Dull story", body=[("paragraph", "<p>x</p>")])
    rare = client.get("/api/v2/pages/?type=news.ArticlePage&search=record").json()
    assert [item["id"] for item in rare["items"]] == [cacao_stories[0].pk]


def test_bad_search_parameters_are_still_400s(client, cacao_stories):
    response = client.get("/api/v2/pages/?type=news.ArticlePage&search=cacao&order=deck")
    assert response.status_code == 400
    assert "cannot order by 'deck' while searching" in response.json()["message"]
    tagged = client.get("/api/v2/pages/?type=news.ArticlePage&search=cacao&tags=oil")
    assert tagged.status_code == 400


def test_search_costs_at_most_14_queries(client, cacao_stories):
    """Ranking and the page of stories (10), the highlights (1) and one per labelled facet:
    sections, authors, countries (3)."""
    url = "/api/v2/pages/?type=news.ArticlePage&search=cacao&fields=*"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert len(ids(response)) == 6
    assert len(ctx.captured_queries) <= 14, "\n".join(q["sql"][:80] for q in ctx.captured_queries)
