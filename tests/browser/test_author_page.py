"""A reader in real Chromium, JavaScript off, against the live CMS and the real frontend: from a
story to its author's page and feed, and through the navigation's submenus by keyboard."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from cms.delivery.factories import ImageFactory
from cms.delivery.images import RENDITION_SPECS
from home.site_settings.models import SiteFurniture
from news.factories import (
    ArticleBylineFactory,
    ArticlePageFactory,
    AuthorFactory,
    SectionPageFactory,
)
from tests.frontend.servers import serve_frontend
from tests.home.test_site_settings import nav_item

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site_url(live_server, settings, home, section):
    ana = AuthorFactory(
        name="Ana Rivas",
        slug="ana-rivas",
        job_title="Caracas correspondent",
        bio="Ana covers oil and the economy.",
        photo=ImageFactory(title="Ana Rivas"),
    )
    for title in ("Oil Output Rises in Zulia", "PDVSA Signs New Deal"):
        story = ArticlePageFactory(parent=section, title=title)
        ArticleBylineFactory(page=story, author=ana)
        story.save_revision().publish()
        # Renditions made up front, as after an editor's preview: making eight of them on the
        # first read can take longer than the frontend waits on a busy machine.
        for image in (story.lead_image, ana.photo):
            image.get_renditions(*RENDITION_SPECS)
    latam = SectionPageFactory(parent=home, title="Latin America", slug="latin-america")
    venezuela = SectionPageFactory(parent=latam, title="Venezuela", slug="venezuela")
    furniture = SiteFurniture.for_site(Site.objects.get(is_default_site=True))
    furniture.navigation = [nav_item(section), nav_item(latam, children=[venezuela])]
    furniture.save()
    with serve_frontend(live_server, settings) as server:
        yield server.url


@pytest.fixture
def page(reader_page):
    return reader_page


def test_from_a_story_to_its_authors_page_and_feed(page, site_url):
    page.goto(site_url + "/world/oil-output-rises-in-zulia/")
    page.get_by_role("link", name="Ana Rivas").click()
    expect(page).to_have_url(site_url + "/authors/ana-rivas/")
    expect(page.locator("h1")).to_have_text("Ana Rivas")
    expect(page.locator(".author__role")).to_have_text("Caracas correspondent")
    expect(page.locator(".author__bio")).to_have_text("Ana covers oil and the economy.")
    photo = page.locator("img.author__photo")
    expect(photo).to_be_visible()
    expect(photo).to_have_attribute("src", re.compile(r"/media/images/ana-rivas\.width-640\."))
    stories = page.locator(".section-stories .teaser__title")
    expect(stories).to_have_count(2)
    expect(stories.first).to_have_text("PDVSA Signs New Deal")
    href = page.get_by_role("link", name="RSS feed for Ana Rivas").get_attribute("href")
    assert href == "/authors/ana-rivas/feed.xml"
    feed = page.request.get(site_url + href)
    assert feed.ok
    assert "<title>PDVSA Signs New Deal</title>" in feed.text()


def test_a_submenu_opens_from_the_keyboard_without_javascript(page, site_url):
    page.goto(site_url + "/")
    submenu_link = page.get_by_role("link", name="Venezuela", exact=True)
    expect(submenu_link).to_be_hidden()
    page.get_by_role("banner").get_by_role("link", name="Latin America", exact=True).focus()
    page.keyboard.press("Tab")  # onto the submenu's disclosure
    expect(page.locator(":focus")).to_have_text(re.compile("More in Latin America"))
    page.keyboard.press("Enter")
    expect(submenu_link).to_be_visible()
    page.keyboard.press("Tab")
    expect(submenu_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + "/latin-america/venezuela/")
    expect(page.locator("h1")).to_have_text("Venezuela")
