"""Search facets come labelled and linkable: each value narrows the search when sent back."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.countries.factories import CountryFactory
from cms.countries.models import Country, CountryTranslation
from news.factories import (
    ArticleBylineFactory,
    ArticlePageFactory,
    AuthorFactory,
    SectionPageFactory,
)
from news.models import ArticlePage
from news.search_facets import country_labels

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/?type=news.ArticlePage&fields=title&search=cacao"


@pytest.fixture
def archive(section, home):
    venezuela = CountryFactory(code="VE", name="Venezuela")
    ghana = CountryFactory(code="GH", name="Ghana")
    ana = AuthorFactory(name="Ana Rivas", slug="ana-rivas")
    business = SectionPageFactory(parent=home, title="Business", slug="business")
    stories = []
    for n, (parent, country, year) in enumerate(
        [(section, venezuela, 2024), (section, ghana, 2025), (business, ghana, 2025)]
    ):
        page = ArticlePageFactory(parent=parent, title=f"Cacao report {n}", body=[])
        page.countries.add(country)
        if n == 0:
            ArticleBylineFactory(page=page, author=ana)
        published = datetime.datetime(year, 6, 1, tzinfo=datetime.UTC)
        page.save_revision().publish()
        ArticlePage.objects.filter(pk=page.pk).update(first_published_at=published)
        page.refresh_from_db()
        page.save()  # the search entry takes the date
        stories.append(page)
    return {"business": business, "ana": ana, "stories": stories}


def meta(client, query=""):
    response = client.get(API + query)
    assert response.status_code == 200, response.content
    return response.json()["meta"]


def test_facets_give_filter_values_labels_and_counts_most_frequent_first(client, archive, section):
    facets = meta(client)["facets"]
    assert facets["section"] == [
        {"value": str(section.pk), "label": "World", "count": 2},
        {"value": str(archive["business"].pk), "label": "Business", "count": 1},
    ]
    assert facets["country"] == [
        {"value": "GH", "label": "Ghana", "count": 2},
        {"value": "VE", "label": "Venezuela", "count": 1},
    ]
    assert facets["author"] == [{"value": "ana-rivas", "label": "Ana Rivas", "count": 1}]


def test_an_author_on_two_bylines_of_a_story_counts_it_once(client, archive):
    story = archive["stories"][0]
    ArticleBylineFactory(page=story, author=archive["ana"])
    story.save()  # the search entry reads the bylines again
    assert meta(client)["facets"]["author"] == [
        {"value": "ana-rivas", "label": "Ana Rivas", "count": 1}
    ]


def test_years_are_listed_newest_first(client, archive):
    assert meta(client)["facets"]["year"] == [
        {"value": "2025", "label": "2025", "count": 2},
        {"value": "2024", "label": "2024", "count": 1},
    ]


@pytest.mark.parametrize(
    ("facet", "expected"),
    [("country", {1, 2}), ("author", {0}), ("year", {1, 2}), ("section", {2})],
)
def test_sending_a_facet_value_back_narrows_the_search_to_it(client, archive, facet, expected):
    value = meta(client)["facets"][facet][0]["value"]
    if facet == "section":
        value = str(archive["business"].pk)
    response = client.get(API + f"&{facet}={value}")
    assert response.status_code == 200, response.content
    titles = {item["title"] for item in response.json()["items"]}
    assert titles == {f"Cacao report {n}" for n in expected}
    assert response.json()["meta"]["total_count"] == len(expected)


def test_facet_filters_combine(client, archive):
    narrowed = meta(client, "&country=GH&year=2025")
    assert narrowed["total_count"] == 2
    assert narrowed["facets"]["country"] == [{"value": "GH", "label": "Ghana", "count": 2}]


@pytest.mark.parametrize(
    "query",
    [
        "&year=20x5",
        "&year=0000",
        "&year=99999",
        "&country=VEN",
        "&country=%C3%91a",
        "&author=a%20b",
        "&section=x",
    ],
)
def test_a_malformed_facet_value_is_a_400(client, archive, query):
    response = client.get(API + query)
    assert response.status_code == 400
    assert response.json()["message"]


def test_labels_are_read_in_a_constant_number_of_queries(client, archive, home):
    client.get(API)  # warm caches (site, estimate)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(API).status_code == 200
        return len(context)

    before = queries()
    for n in range(4):
        page = ArticlePageFactory(
            parent=SectionPageFactory(parent=home, title=f"Desk {n}"), title="Cacao", body=[]
        )
        page.countries.add(CountryFactory(code=f"Q{n}", name=f"Land {n}"))
        ArticleBylineFactory(page=page, author=AuthorFactory())
        page.save_revision().publish()
    client.get(API)
    assert queries() == before
    assert len(meta(client)["facets"]["author"]) == 5


def test_a_spanish_search_labels_countries_in_spanish(archive):
    venezuela = Country.objects.get(code="VE")
    CountryTranslation.objects.create(country=venezuela, language="es", name="Venezuela (es)")
    ghana = Country.objects.get(code="GH")

    labels = country_labels([str(venezuela.pk), str(ghana.pk)], "es")

    assert labels == {str(venezuela.pk): ("VE", "Venezuela (es)"), str(ghana.pk): ("GH", "Ghana")}
    assert country_labels([str(venezuela.pk)], "en")[str(venezuela.pk)][1] == "Venezuela"
