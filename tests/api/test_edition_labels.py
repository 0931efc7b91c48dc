"""Shared snippets in each edition's language through API v2: a Spanish story shows Spanish
country names, authors' job titles and its source's Spanish name; an English one the English
(docs/i18n.md, "Labels of shared snippets")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.countries.models import Country, CountryTranslation
from cms.delivery.documents.rendering import render_missing
from cms.delivery.models import APIDocument
from home.factories import translate_page
from news.factories import WireSourceFactory
from news.models import ArticlePage, Author, AuthorTranslation, WireSourceTranslation
from tests.api.test_query_budget import make_stories

pytestmark = pytest.mark.django_db

SPANISH_LISTING = "/api/v2/pages/?type=news.ArticlePage&locale=es&fields=*&limit={limit}"


@pytest.fixture
def mundo(home, section):
    translate_page(home, "es", title="El Tribuno")
    return translate_page(section, "es", title="Mundo", slug="mundo")


@pytest.fixture
def labelled_stories(section, mundo):
    """Four English and four Spanish stories by Ana Rivas about Venezuela, from the staff,
    with Spanish labels for the country, Ana's job title and the staff."""
    staff = WireSourceFactory(slug="staff", name="Staff", is_agency=False)
    english = make_stories(section, 4)
    spanish = make_stories(mundo, 4)
    ArticlePage.objects.filter(pk__in=[s.pk for s in english + spanish]).update(source=staff)
    ana = Author.objects.get(slug="ana-rivas")
    ana.job_title, ana.bio = "Caracas correspondent", "Ana covers oil."
    ana.save()
    CountryTranslation.objects.create(
        country=Country.objects.get(code="VE"), language="es", name="Venezuela (es)"
    )
    AuthorTranslation.objects.create(
        author=ana, language="es", job_title="Corresponsal en Caracas", bio=""
    )
    WireSourceTranslation.objects.create(source=staff, language="es", name="Redacción")
    return english, spanish


def labels(item):
    author = item["bylines"][0]["author"]
    return item["countries"][0]["name"], author["job_title"], item["source"]["name"]


def test_a_spanish_story_shows_spanish_labels_and_an_english_one_english(client, labelled_stories):
    english, spanish = labelled_stories
    es = client.get(f"/api/v2/pages/{spanish[0].pk}/").json()
    en = client.get(f"/api/v2/pages/{english[0].pk}/").json()
    assert labels(es) == ("Venezuela (es)", "Corresponsal en Caracas", "Redacción")
    assert labels(en) == ("Venezuela", "Caracas correspondent", "Staff")
    listed = client.get(SPANISH_LISTING.format(limit=10)).json()["items"]
    assert {labels(item) for item in listed} == {labels(es)}
    # An untranslated author (the second byline) keeps the English job title.
    second = es["bylines"][1]["author"]
    assert second["job_title"] == Author.objects.get(pk=second["id"]).job_title


def test_a_blank_translation_reads_the_english_label(client, labelled_stories):
    _, spanish = labelled_stories
    CountryTranslation.objects.filter(language="es").update(name="")
    assert client.get(f"/api/v2/pages/{spanish[0].pk}/").json()["countries"][0]["name"] == (
        "Venezuela"
    )


def test_a_spanish_listing_costs_the_same_for_2_or_4_stories(client, labelled_stories):
    def queries(limit):
        url = SPANISH_LISTING.format(limit=limit)
        client.get(url)  # per-process lookups
        with CaptureQueriesContext(connection) as ctx:
            items = client.get(url).json()["items"]
        assert len(items) == limit
        assert {labels(item) for item in items} == {
            ("Venezuela (es)", "Corresponsal en Caracas", "Redacción")
        }
        return len(ctx.captured_queries)

    assert queries(2) == queries(4)


def test_a_spanish_detail_costs_one_query_per_kind_of_snippet_more_than_an_english_one(
    client, labelled_stories
):
    english, spanish = labelled_stories
    costs = []
    for story in (english[0], spanish[0], english[1], spanish[1]):  # two to warm up
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/api/v2/pages/{story.pk}/").status_code == 200
        costs.append(len(ctx.captured_queries))
    assert costs[3] == costs[2] + 3  # the authors', the source's and the countries' labels


def test_editing_a_spanish_label_drops_the_stored_documents_that_show_it(client, labelled_stories):
    english, spanish = labelled_stories
    render_missing()
    assert APIDocument.objects.filter(page_id=spanish[0].pk).exists()
    translation = CountryTranslation.objects.get(language="es")
    translation.name = "República Bolivariana de Venezuela"
    translation.save()
    assert not APIDocument.objects.filter(page_id=spanish[0].pk).exists()
    es = client.get(f"/api/v2/pages/{spanish[0].pk}/").json()
    assert es["countries"][0]["name"] == "República Bolivariana de Venezuela"
    AuthorTranslation.objects.filter(language="es").delete()
    es = client.get(f"/api/v2/pages/{spanish[0].pk}/").json()
    assert es["bylines"][0]["author"]["job_title"] == "Caracas correspondent"


def test_the_cached_spanish_listing_follows_an_edited_label(
    client, settings, labelled_stories, django_capture_on_commit_callbacks
):
    settings.API_RESPONSE_CACHE_SECONDS = 60
    url = SPANISH_LISTING.format(limit=2)
    assert labels(client.get(url).json()["items"][0])[2] == "Redacción"
    translation = WireSourceTranslation.objects.get(language="es")
    translation.name = "Redacción LAHT"
    with django_capture_on_commit_callbacks(execute=True):
        translation.save()
    assert labels(client.get(url).json()["items"][0])[2] == "Redacción LAHT"
