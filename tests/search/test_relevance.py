"""Search puts the right story first: stories whose right order is known, on either database."""

import datetime

import pytest
from django.utils import timezone

from news.factories import ArticlePageFactory
from news.models import ArticlePage

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/?type=news.ArticlePage&fields=title&search="


def story(section, title, body, days_ago=10, deck=""):
    page = ArticlePageFactory(
        parent=section, title=title, deck=deck, body=[("paragraph", f"<p>{body}</p>")]
    )
    published = timezone.now() - datetime.timedelta(days=days_ago)
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=published)
    page.refresh_from_db()
    page.save()  # the search entry takes the date
    return page


def titles(client, query):
    response = client.get(API + query)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_a_headline_match_ranks_above_a_body_match(client, section):
    story(section, "Markets close higher", "Traders watched cacao and coffee prices.")
    story(section, "Cacao prices hit a record", "Markets rose in Accra.")
    assert titles(client, "cacao") == ["Cacao prices hit a record", "Markets close higher"]


def test_a_deck_match_ranks_above_a_body_match(client, section):
    story(section, "Markets close higher", "Traders watched cacao and coffee prices.")
    story(section, "Harvest report", "Rain in Accra.", deck="Cacao growers expect a record")
    assert titles(client, "cacao")[0] == "Harvest report"


def test_a_recent_story_ranks_above_an_old_one_as_relevant(client, section):
    story(section, "Cacao harvest begins", "Growers met in Accra.", days_ago=900)
    story(section, "Cacao harvest ends", "Growers met in Accra.", days_ago=3)
    assert titles(client, "cacao") == ["Cacao harvest ends", "Cacao harvest begins"]


def test_an_exact_phrase_ranks_above_scattered_words(client, section):
    story(section, "Rates report", "The bank in the central square raised its rates today.")
    story(section, "Rates decision", "The central bank raised its rates today again.")
    assert titles(client, "central%20bank")[0] == "Rates decision"


def test_a_quoted_phrase_matches_only_the_phrase(client, section):
    story(section, "Rates report", "The bank in the central square raised its rates.")
    story(section, "Rates decision", "The central bank raised its rates.")
    assert titles(client, "%22central%20bank%22") == ["Rates decision"]


def test_every_match_is_counted_and_newest_first_sorts_by_date(client, section):
    for day in range(5):
        story(section, f"Cacao report {day}", "Cacao again.", days_ago=100 * day + 1)
    body = client.get(API + "cacao&order=-first_published_at&limit=2&offset=2").json()
    assert body["meta"]["total_count"] == 5
    assert body["meta"]["total_count_exact"] is True
    assert [item["title"] for item in body["items"]] == ["Cacao report 2", "Cacao report 3"]
