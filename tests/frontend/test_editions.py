"""The Spanish edition: which locale a URL is read in, and what the CMS is asked for it."""

import httpx
import pytest
from starlette.testclient import TestClient

from frontend import locales
from frontend.app import create_app
from frontend.settings import Settings

from .conftest import ARTICLE_PATH, SPANISH_ARTICLE_PATH


def params_of(cms, path):
    return [dict(request.url.params) for request in cms.requests if request.url.path == path]


def test_a_path_under_es_is_spanish_and_an_unprefixed_path_english():
    assert locales.locale_of_path("/es/") == "es"
    assert locales.locale_of_path("/es/mundo/") == "es"
    assert locales.locale_of_path("/") == "en"
    assert locales.locale_of_path("/estados-unidos/") == "en"
    assert locales.unprefixed("/es/mundo/") == "/mundo/"


def test_the_spanish_home_is_served_in_spanish(client):
    page = client.get("/es/")
    assert page.status_code == 200
    assert '<html lang="es">' in page.text
    assert "Ir al contenido principal" in page.text
    assert 'action="/es/search/"' in page.text


def test_a_spanish_story_is_found_by_its_spanish_path(client, cms):
    page = client.get(SPANISH_ARTICLE_PATH)
    assert page.status_code == 200
    assert "Putin y Erdogan impulsarán el diálogo" in page.text
    assert params_of(cms, "/api/v2/pages/find/") == [{"html_path": SPANISH_ARTICLE_PATH}]


def test_a_spanish_page_asks_for_the_spanish_furniture(client, cms):
    client.get(SPANISH_ARTICLE_PATH)
    for path in ("/api/v3/site/", "/api/v3/markets/", "/api/v3/most-viewed/"):
        assert all(params.get("locale") == "es" for params in params_of(cms, path)), path
    assert all(params.get("locale") == "es" for params in params_of(cms, "/api/v2/pages/"))


def test_the_spanish_author_page_and_feed_ask_for_the_authors_spanish_labels(client, cms):
    assert client.get("/es/authors/maria-delgado/").status_code == 200
    assert client.get("/es/authors/maria-delgado/feed.xml").status_code == 200
    assert client.get("/authors/maria-delgado/").status_code == 200
    asked = params_of(cms, "/api/v3/authors/maria-delgado/")
    assert asked == [{"locale": "es"}, {}], "English is the endpoint's default"


def test_an_english_page_lists_only_english_pages(client, cms):
    client.get("/world/")
    listings = params_of(cms, "/api/v2/pages/")
    assert listings and all(params["locale"] == "en" for params in listings)
    # The furniture's default edition is English: it is asked for as before.
    assert all("locale" not in params for params in params_of(cms, "/api/v3/site/"))


def test_the_spanish_section_lists_the_spanish_stories(client):
    page = client.get("/es/mundo/")
    assert page.status_code == 200
    assert SPANISH_ARTICLE_PATH in page.text
    assert ARTICLE_PATH not in page.text.split('<main id="content"')[1].split("</main>")[0]


def test_spanish_breadcrumbs_start_at_the_spanish_home(client):
    page = client.get(SPANISH_ARTICLE_PATH)
    assert '<li><a href="/es/">INICIO</a></li>' in page.text
    assert '<a href="/es/mundo/">Mundo</a>' in page.text


def test_spanish_search_tags_and_newsletter_have_their_own_paths(client, cms):
    assert client.get("/es/search/", params={"q": "Putin"}).status_code == 200
    searches = [p for p in params_of(cms, "/api/v2/pages/") if p.get("search")]
    assert searches[-1]["locale"] == "es"
    newsletter = client.get("/es/newsletter/")
    assert newsletter.status_code == 200
    assert "Reciba nuestros titulares diarios" in newsletter.text
    tag = client.get("/es/tags/Diplomacia/", follow_redirects=False)
    assert tag.headers["location"] == "/es/tags/diplomacia/"


def test_the_locale_hosts_setting_reads_locale_host_pairs():
    settings = Settings.from_env({"FRONTEND_LOCALE_HOSTS": "es=es.example.com"})
    assert settings.locale_hosts == (("es", "es.example.com"),)
    with pytest.raises(ValueError, match="FRONTEND_LOCALE_HOSTS"):
        Settings.from_env({"FRONTEND_LOCALE_HOSTS": "fr=fr.example.com"})


@pytest.fixture
def by_host(cms, clock, frontend_settings):
    settings = frontend_settings.with_overrides(locale_hosts=(("es", "es.news.example"),))
    app = create_app(settings, transport=httpx.MockTransport(cms.handler), clock=clock)
    with TestClient(app, base_url="http://news.example") as test_client:
        yield test_client


def test_with_a_host_per_locale_the_spanish_host_serves_unprefixed_paths(by_host, cms):
    spanish_path = SPANISH_ARTICLE_PATH.removeprefix("/es")
    page = by_host.get(spanish_path, headers={"Host": "es.news.example"})
    assert page.status_code == 200
    assert '<html lang="es">' in page.text
    assert f'<link rel="canonical" href="http://es.news.example{spanish_path}">' in page.text
    # Links within the edition and across to the English one name their host.
    assert 'href="http://es.news.example/mundo/"' in page.text
    assert f'href="http://news.example{ARTICLE_PATH}" hreflang="en"' in page.text
    assert params_of(cms, "/api/v2/pages/find/")[0] == {"html_path": SPANISH_ARTICLE_PATH}


def test_with_a_host_per_locale_a_prefixed_path_moves_to_that_host(by_host):
    moved = by_host.get("/es/mundo/?page=2", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == "http://es.news.example/mundo/?page=2"
    english = by_host.get("/world/")
    assert english.status_code == 200
    assert '<html lang="en">' in english.text


def test_with_a_host_per_locale_machinery_paths_stay_where_they_are(by_host):
    assert by_host.get("/healthz", headers={"Host": "es.news.example"}).status_code == 200
    robots = by_host.get("/robots.txt", headers={"Host": "es.news.example"})
    assert "Sitemap: http://es.news.example/news-sitemap.xml" in robots.text
