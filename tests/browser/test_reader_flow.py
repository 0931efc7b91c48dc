"""A reader in real Chromium, JavaScript off: front page > section > story, the link
directory, and the newsletter sign-up, against the live CMS and the real frontend."""

import re

import pytest
from playwright.sync_api import expect

from directory.factories import (
    CountryPageFactory,
    DirectoryIndexPageFactory,
    DirectoryLinkFactory,
    LinkCategoryPageFactory,
)
from home.newsletter.models import Subscriber
from news.factories import ArticlePageFactory
from tests.frontend.servers import serve_frontend

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site_url(live_server, settings, home, section):
    story = ArticlePageFactory(
        parent=section, title="Putin, Erdogan to Boost Dialogue on Idlib", dateline_city="Moscow"
    )
    home.body = [
        ("section_rail", {"section": section, "title": "", "count": 5}),
        ("newsletter_promo", {"title": "Receive Our Daily Headlines", "text": "Sign up."}),
    ]
    home.save_revision().publish()
    index = DirectoryIndexPageFactory(parent=home)
    country = CountryPageFactory(parent=index, title="Venezuela", slug="venezuela")
    category = LinkCategoryPageFactory(parent=country, title="Embassies in Caracas")
    DirectoryLinkFactory(page=category, name="Embassy of Spain", url="https://spain.example/")
    assert story.live
    with serve_frontend(live_server, settings) as server:
        yield server.url


@pytest.fixture
def page(reader_page):
    return reader_page


def test_front_page_to_section_to_story_without_javascript(page, site_url):
    page.goto(site_url + "/")
    expect(page.locator("h1")).to_have_count(1)
    page.get_by_role("link", name=re.compile("World")).first.click()
    expect(page).to_have_url(site_url + "/world/")
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_have_text(
        re.compile(r"HOME\s*\|\s*World")
    )
    page.get_by_role("link", name="Putin, Erdogan to Boost Dialogue on Idlib").first.click()
    expect(page.locator("h1")).to_have_text("Putin, Erdogan to Boost Dialogue on Idlib")
    expect(page.locator(".dateline")).to_have_text("MOSCOW –")


def test_directory_to_country_to_category_without_javascript(page, site_url):
    page.goto(site_url + "/links/")
    page.get_by_role("link", name="Venezuela").click()
    expect(page.locator("h1")).to_have_text("Venezuela")
    page.get_by_role("link", name=re.compile("Embassies in Caracas")).click()
    expect(page.locator("h1")).to_have_text("Embassies in Caracas")
    expect(page.get_by_role("link", name="Embassy of Spain")).to_have_attribute(
        "href", "https://spain.example/"
    )


def test_newsletter_sign_up_from_the_front_page_without_javascript(page, site_url):
    page.goto(site_url + "/")
    page.get_by_label("Email address").first.fill("reader@example.com")
    page.get_by_role("button", name="Subscribe").first.click()
    expect(page.get_by_role("status")).to_contain_text("reader@example.com")
    page.get_by_role("button", name="Yes, subscribe me").click()
    expect(page.locator("h1")).to_have_text("Check your inbox")
    assert Subscriber.objects.filter(email="reader@example.com").exists()
