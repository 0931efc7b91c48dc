"""A reader switches languages on a story in real Chromium, against the live CMS and the real
frontend: English story > "Español" > its Spanish translation > "English" and back; a story
with no translation leads to the other edition's home."""

import re

import pytest
from playwright.sync_api import expect

from home.factories import translate_page
from news.factories import ArticlePageFactory
from tests.frontend.servers import serve_frontend

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ENGLISH_DATE = re.compile(r"^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$")  # Friday, May 8, 2026
SPANISH_DATE = re.compile(
    r"^[a-záéíóú]+, \d{1,2} de [a-z]+ de \d{4}$"
)  # viernes, 8 de mayo de 2026


@pytest.fixture
def site(live_server, settings, home, section):
    story = ArticlePageFactory(
        parent=section, title="Oil Output Rises in Venezuela", dateline_city="Caracas"
    )
    alone = ArticlePageFactory(parent=section, title="Only In English", dateline_city="Bogotá")
    translate_page(home, "es", title="El Tribuno Latinoamericano")
    translate_page(section, "es", title="Mundo", slug="mundo")
    translate_page(
        story, "es", title="Sube la producción petrolera en Venezuela", slug="sube-el-petroleo"
    )
    with serve_frontend(live_server, settings) as server:
        yield server.url, story, alone


@pytest.fixture
def page(new_page):
    return new_page()


def test_a_reader_switches_a_story_to_spanish_and_back(page, site):
    url, story, _ = site
    english_url = f"{url}/world/{story.slug}/"
    page.goto(english_url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".masthead__date")).to_have_text(ENGLISH_DATE)

    page.locator("[data-edition=es]").click()
    expect(page).to_have_url(f"{url}/es/mundo/sube-el-petroleo/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text("Sube la producción petrolera en Venezuela")
    expect(page.locator(".dateline")).to_have_text("CARACAS –")
    expect(page.locator(".masthead__date")).to_have_text(SPANISH_DATE)
    expect(page.get_by_role("button", name="Buscar")).to_be_visible()  # the Spanish UI
    expect(page.locator("[data-edition=en]")).to_have_text("English")

    page.locator("[data-edition=en]").click()
    expect(page).to_have_url(english_url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Oil Output Rises in Venezuela")
    expect(page.get_by_role("button", name="Search")).to_be_visible()


def test_a_story_without_a_translation_switches_to_the_other_editions_home(page, site):
    url, _, alone = site
    page.goto(f"{url}/world/{alone.slug}/")
    expect(page.locator("[data-edition=es]")).to_have_text("Español")
    page.locator("[data-edition=es]").click()
    expect(page).to_have_url(f"{url}/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
