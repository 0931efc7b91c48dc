"""Both editions' page paths on the CMS origin: a reader (or a "View live" link) that opens
``/world/…`` or ``/es/mundo/…`` on the CMS goes to that page on the frontend, and a path no
public page has is a plain 404, never a 500 (cms/preview/editions.py)."""

import pytest

from home.factories import translate_page

pytestmark = pytest.mark.django_db

FRONTEND = "https://laht.example"


@pytest.fixture
def spanish(settings, home, section, article):
    settings.FRONTEND_URL = FRONTEND
    translate_page(home, "es", title="El Tribuno Latinoamericano")
    translate_page(section, "es", title="Mundo", slug="mundo")
    return translate_page(article, "es", title="Putin y Erdogan", slug="putin-y-erdogan")


@pytest.mark.parametrize(
    ("path", "frontend_path"),
    [
        ("/", "/"),
        ("/world/", "/world/"),
        ("/es/", "/es/"),
        ("/es/mundo/", "/es/mundo/"),
        ("/es/mundo/putin-y-erdogan/", "/es/mundo/putin-y-erdogan/"),
    ],
)
def test_each_editions_pages_redirect_to_the_frontend(client, spanish, path, frontend_path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == FRONTEND + frontend_path


def test_an_english_story_redirects_to_its_frontend_url(client, spanish, article):
    response = client.get(f"/world/{article.slug}/?utm_source=x")
    assert response["Location"] == f"{FRONTEND}/world/{article.slug}/?utm_source=x"


@pytest.mark.parametrize(
    "path",
    [
        "/es/world/",  # an English slug under the Spanish edition
        "/mundo/",  # a Spanish slug in the English edition
        "/es/mundo/no-such-story/",
        "/es/mundo/putin-y-erdogan/extra/",
    ],
)
def test_paths_no_public_page_has_are_a_404(client, spanish, path):
    assert client.get(path).status_code == 404


def test_an_unpublished_spanish_story_is_a_404(client, spanish):
    spanish.unpublish()
    assert client.get("/es/mundo/putin-y-erdogan/").status_code == 404


def test_without_a_spanish_edition_es_is_a_404(client, settings, home):
    settings.FRONTEND_URL = FRONTEND
    assert client.get("/es/").status_code == 404
