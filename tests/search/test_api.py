"""The search API's words: phrases, prefixes, stemming per language, facets, odd input."""

import pytest
from django.db import connection
from wagtail.models import Locale

from news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/?type=news.ArticlePage&fields=title&search="


def titles(client, query):
    response = client.get(API + query)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def stories(section):
    titles = ["Central bank holds", "Centre of the storm", "Harvest report"]
    pages = [ArticlePageFactory(parent=section, title=title, body=[]) for title in titles]
    for page in pages:
        page.save_revision().publish()
    return pages


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prefixes need tsquery")
def test_a_prefix_matches_the_words_it_begins(client, stories):
    assert set(titles(client, "cent*")) == {"Central bank holds", "Centre of the storm"}


@pytest.mark.parametrize(
    "query",
    [
        "%22central",
        "central%22%22bank",
        "bank%20%26%20%7C%20!",
        "bank:*",
        "bank%20%3C-%3E",
        "'bank'",
    ],
)
def test_backend_syntax_is_read_as_words(client, stories, query):
    assert titles(client, query) == ["Central bank holds"]


def test_facets_count_the_matches_by_section_and_year(client, stories, section):
    meta = client.get(API + "central").json()["meta"]
    assert meta["facets"]["section"] == [{"value": str(section.pk), "label": "World", "count": 1}]
    assert [year["count"] for year in meta["facets"]["year"]] == [1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming configurations")
def test_a_spanish_story_is_stemmed_in_spanish(client, section):
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    ArticlePageFactory(parent=section, title="Los precios siguen corriendo", locale=spanish)
    ArticlePageFactory(parent=section, title="Corriendo shoes sold out", body=[])
    assert titles(client, "correr") == ["Los precios siguen corriendo"]
