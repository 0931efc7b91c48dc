"""Furniture per edition: ``?locale=es`` on the site furniture, the newsletter box and most
viewed reads the Spanish edition's pages and texts."""

import pytest
from django.core.cache import cache

from home.factories import translate_page
from home.most_viewed.counting import add_views, hour_bucket
from home.site_settings.models import FurnitureTranslation, SiteFurniture
from news.factories import ArticlePageFactory, SectionPageFactory
from tests.home.test_site_settings import nav_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editions(site, home, section, article):
    casa = translate_page(home, "es", title="El Tribuno")
    mundo = translate_page(section, "es", title="Mundo", slug="mundo")
    nota = translate_page(article, "es", title="Putin y Erdogan dialogan", slug="putin")
    return casa, mundo, nota


def test_spanish_navigation_goes_to_the_spanish_sections(client, site, home, section, editions):
    _, mundo, _ = editions
    business = SectionPageFactory(parent=home, title="Business", slug="business")
    furniture = SiteFurniture.for_site(site)
    furniture.navigation = [
        nav_item(section, label="World news"),
        nav_item(business),
        nav_item(label="Weather", url="https://weather.example.com/"),
    ]
    furniture.save()
    english = client.get("/api/v3/site/").json()["navigation"]
    spanish = client.get("/api/v3/site/?locale=es").json()["navigation"]
    assert [(item["label"], item["html_path"]) for item in english] == [
        ("World news", "/world/"),
        ("Business", "/business/"),
        ("Weather", None),
    ]
    # Business has no Spanish translation: left out of the Spanish menu.
    assert [(item["label"], item["html_path"]) for item in spanish] == [
        ("Mundo", "/es/mundo/"),
        ("Weather", None),
    ]


def test_spanish_texts_replace_the_english_ones_where_filled_in(client, site, editions):
    furniture = SiteFurniture.for_site(site)
    FurnitureTranslation.objects.create(
        furniture=furniture, language="es", newsletter_heading="Reciba nuestros titulares"
    )
    spanish = client.get("/api/v3/site/?locale=es").json()
    english = client.get("/api/v3/site/").json()
    assert spanish["newsletter"]["heading"] == "Reciba nuestros titulares"
    assert spanish["newsletter"]["blurb"] == english["newsletter"]["blurb"]  # left blank
    assert english["newsletter"]["heading"] == "Receive Our Daily Headlines"
    box = client.get("/api/v3/newsletter/?locale=es").json()
    assert box["heading"] == "Reciba nuestros titulares"


def test_an_unknown_locale_is_a_422(client, site):
    for url in ("/api/v3/site/?locale=xx", "/api/v3/most-viewed/?locale=fr"):
        assert client.get(url).status_code == 422, url


def test_most_viewed_lists_the_editions_own_stories(client, section, article, editions):
    _, _, nota = editions
    other = ArticlePageFactory(parent=section, title="Oil Output Rises")
    for page, views in ((article, 9), (nota, 5), (other, 3)):
        add_views(page.pk, hour_bucket(), views)
    english = client.get("/api/v3/most-viewed/").json()["items"]
    spanish = client.get("/api/v3/most-viewed/?locale=es").json()["items"]
    assert [item["id"] for item in english] == [article.pk, other.pk]
    assert [item["id"] for item in spanish] == [nota.pk]
    assert spanish[0]["html_path"] == "/es/mundo/putin/"
