"""The Spanish edition through API v2: locale filters, /es/ paths, find-by-path per locale and
each detail's public translations (docs/i18n.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.delivery.documents.rendering import render_missing
from cms.delivery.models import APIDocument
from home.factories import translate_page
from news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(home, section, article):
    """The Spanish home, section and story, translations of the English ones."""
    casa = translate_page(home, "es", title="El Tribuno Latinoamericano")
    mundo = translate_page(section, "es", title="Mundo", slug="mundo")
    nota = translate_page(
        article, "es", title="Putin y Erdogan impulsan el diálogo", slug="putin-y-erdogan"
    )
    return casa, mundo, nota


def test_spanish_pages_have_es_paths_and_locale(client, spanish):
    casa, mundo, nota = spanish
    data = client.get(f"/api/v2/pages/{nota.pk}/").json()
    assert data["meta"]["locale"] == "es"
    assert data["meta"]["html_url"].endswith("/es/mundo/putin-y-erdogan/")
    home = client.get(f"/api/v2/pages/{casa.pk}/").json()
    assert home["meta"]["html_url"].endswith("/es/")


def test_locale_filter_lists_one_edition(client, article, spanish):
    _, _, nota = spanish
    es = client.get("/api/v2/pages/?type=news.ArticlePage&locale=es").json()
    en = client.get("/api/v2/pages/?type=news.ArticlePage&locale=en").json()
    assert [item["id"] for item in es["items"]] == [nota.pk]
    assert [item["id"] for item in en["items"]] == [article.pk]
    assert es["items"][0]["meta"]["locale"] == "es"
    assert "translations" not in es["items"][0]["meta"], "only when asked for"


LISTING = "/api/v2/pages/?type=news.ArticlePage&order=id"


@pytest.mark.parametrize("stored", [False, True], ids=["rendered", "from documents"])
def test_listing_items_carry_translations_when_asked(client, settings, article, spanish, stored):
    _, _, nota = spanish
    if stored:
        render_missing()
    items = client.get(LISTING + "&fields=translations").json()["items"]
    by_id = {item["id"]: item["meta"]["translations"] for item in items}
    assert (
        by_id[article.pk]
        == client.get(f"/api/v2/pages/{article.pk}/").json()["meta"]["translations"]
    ), "the detail's shape"
    assert by_id[nota.pk] == [
        {
            "locale": "en",
            "id": article.pk,
            "title": article.title,
            "html_path": f"/world/{article.slug}/",
            "url": settings.FRONTEND_URL + f"/world/{article.slug}/",
        }
    ]


def test_a_listing_of_every_field_leaves_translations_out(client, spanish):
    everything = client.get(LISTING + "&fields=*").json()["items"][0]
    assert "translations" not in everything["meta"] and "body" in everything
    assert client.get(LISTING + "&fields=*,-translations").status_code == 200


def test_a_listing_names_only_public_translations(client, section, spanish):
    story = ArticlePageFactory(parent=section, title="Oil Output Rises")
    translate_page(story, "es", publish=False, title="Sube la producción", slug="sube")
    items = client.get(LISTING + "&fields=translations&locale=en").json()["items"]
    assert {item["id"]: item["meta"]["translations"] for item in items}[story.pk] == []


def test_searched_listings_carry_translations_too(client, article, spanish):
    _, _, nota = spanish
    render_missing()
    answer = client.get(LISTING + "&fields=translations&locale=en&search=Idlib")
    assert answer.status_code == 200, answer.content
    items = answer.json()["items"]
    assert [t["id"] for t in items[0]["meta"]["translations"]] == [nota.pk]


@pytest.mark.parametrize("stored", [False, True], ids=["rendered", "from documents"])
def test_listing_translations_cost_the_same_for_any_page_size(client, section, spanish, stored):
    for number in range(6):
        story = ArticlePageFactory(parent=section, title=f"Story {number}")
        translate_page(story, "es", title=f"Nota {number}", slug=f"nota-{number}")
    if stored:
        render_missing()
    costs = []
    for limit in (2, 2, 6):  # the first warms process-wide caches
        url = f"{LISTING}&locale=en&fields=translations&limit={limit}"
        with CaptureQueriesContext(connection) as reads:
            items = client.get(url).json()["items"]
        assert len(items) == limit and all(item["meta"]["translations"] for item in items)
        costs.append(len(reads.captured_queries))
    assert costs[1] == costs[2]


def test_stored_documents_hold_no_translations(spanish):
    _, _, nota = spanish
    render_missing()
    assert "meta.translations" not in APIDocument.objects.get(page_id=nota.pk).body


def test_an_unknown_locale_is_a_400_naming_the_choices(client, home):
    response = client.get("/api/v2/pages/?locale=xx")
    assert response.status_code == 400
    assert "en, es" in response.json()["message"]


def test_translation_of_lists_the_other_editions(client, article, spanish):
    _, _, nota = spanish
    data = client.get(f"/api/v2/pages/?translation_of={article.pk}").json()
    assert [item["id"] for item in data["items"]] == [nota.pk]


def test_find_resolves_spanish_and_english_paths(client, article, spanish):
    _, _, nota = spanish
    es = client.get("/api/v2/pages/find/?html_path=/es/mundo/putin-y-erdogan/")
    en = client.get(f"/api/v2/pages/find/?html_path=/world/{article.slug}/")
    home_es = client.get("/api/v2/pages/find/?html_path=/es/")
    assert es.status_code == 200 and es.json()["id"] == nota.pk
    assert en.status_code == 200 and en.json()["id"] == article.pk
    assert home_es.json()["meta"]["locale"] == "es"
    assert client.get("/api/v2/pages/find/?html_path=/es/world/").status_code == 404


def test_a_detail_lists_its_public_translations_both_ways(client, settings, article, spanish):
    _, _, nota = spanish
    english = client.get(f"/api/v2/pages/{article.pk}/").json()
    assert english["meta"]["translations"] == [
        {
            "locale": "es",
            "id": nota.pk,
            "title": nota.title,
            "html_path": "/es/mundo/putin-y-erdogan/",
            "url": settings.FRONTEND_URL + "/es/mundo/putin-y-erdogan/",
        }
    ]
    spanish_answer = client.get("/api/v2/pages/find/?html_path=/es/mundo/putin-y-erdogan/").json()
    assert [t["html_path"] for t in spanish_answer["meta"]["translations"]] == [
        f"/world/{article.slug}/"
    ]


def test_an_unpublished_translation_is_not_listed(client, article, spanish):
    _, _, nota = spanish
    nota.unpublish()
    assert client.get(f"/api/v2/pages/{article.pk}/").json()["meta"]["translations"] == []
    assert client.get(f"/api/v2/pages/{nota.pk}/").status_code == 404


def test_a_draft_translation_in_a_published_edition_stays_out(client, section, spanish):
    story = ArticlePageFactory(parent=section, title="Oil Output Rises")
    draft = translate_page(story, "es", publish=False, title="Sube la producción")
    assert client.get(f"/api/v2/pages/{story.pk}/").json()["meta"]["translations"] == []
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_stored_documents_show_translations_published_after_them(client, section, home):
    story = ArticlePageFactory(parent=section, title="Oil Output Rises")
    render_missing()
    assert client.get(f"/api/v2/pages/{story.pk}/").json()["meta"]["translations"] == []
    translate_page(home, "es", title="El Tribuno")
    translate_page(section, "es", title="Mundo", slug="mundo")
    nota = translate_page(story, "es", title="Sube la producción", slug="sube")
    answer = client.get(f"/api/v2/pages/{story.pk}/").json()
    assert [t["id"] for t in answer["meta"]["translations"]] == [nota.pk]


def test_a_detail_with_translations_costs_what_one_without_costs(client, section, article, spanish):
    alone = ArticlePageFactory(parent=section, title="Oil Output Rises")
    costs = []
    # English pages both: a Spanish page's snippet labels cost a query of their own
    # (tests/api/test_edition_labels.py).
    for page in (alone, article, alone, article):  # the first two warm process-wide caches
        with CaptureQueriesContext(connection) as reads:
            assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 200
        costs.append(len(reads.captured_queries))
    assert costs[2] == costs[3]


def test_spanish_stories_get_stored_documents_too(client, spanish):
    _, _, nota = spanish
    render_missing()
    assert APIDocument.objects.filter(page_id=nota.pk).exists()
    answer = client.get("/api/v2/pages/find/?html_path=/es/mundo/putin-y-erdogan/").json()
    assert answer["id"] == nota.pk and answer["meta"]["translations"][0]["locale"] == "en"
