"""A reader searches the archive in real Chromium with JavaScript off and only the keyboard,
against the live CMS and the real frontend: marked matches, the true total, a section facet
that narrows the results, the relevance ↔ date switch and the second page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news.factories import ArticlePageFactory, SectionPageFactory
from news.models import ArticlePage
from tests.frontend.servers import serve_frontend

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: The headline match is the oldest story: first by relevance, last by date.
HEADLINE_MATCH = "Oil Prices Climb on Supply Fears"
#: Body matches, newest first (days ago, section, title).
BODY_MATCHES = [
    (1, "World", "Tanker Seized in the Strait"),
    (2, "Business", "Refinery Expansion Approved"),
    (3, "World", "Pipeline Talks Resume"),
    (4, "Business", "Shipping Rates Fall"),
    (5, "World", "Drought Hits the Andes"),
    (6, "Business", "Bond Sale Draws Demand"),
]


def publish(section, title, body, days_ago):
    page = ArticlePageFactory(parent=section, title=title, body=[("paragraph", f"<p>{body}</p>")])
    published = timezone.now() - datetime.timedelta(days=days_ago)
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=published)
    page.refresh_from_db()
    page.save()  # the search entry takes the date


@pytest.fixture
def site_url(live_server, settings, home, section):
    sections = {"World": section, "Business": SectionPageFactory(parent=home, title="Business")}
    publish(section, HEADLINE_MATCH, "Brent rose on the news of oil supply cuts.", 20)
    for days_ago, name, title in BODY_MATCHES:
        publish(sections[name], title, f"Analysts mentioned oil in passing ({title}).", days_ago)
    publish(section, "Coffee Harvest Ends", "Growers in Colombia sold their crop.", 1)
    with serve_frontend(live_server, settings, page_size=3) as server:
        yield server.url


@pytest.fixture
def page(reader_page):
    return reader_page


def tab_to(page, target):
    """Press Tab until ``target`` has the focus, as a keyboard user reaches it."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {target}")


def follow(page, link):
    tab_to(page, link)
    assert link.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"
    page.keyboard.press("Enter")


def shown_titles(page):
    return page.locator(".search-results .teaser__title").all_inner_texts()


def test_a_reader_searches_narrows_sorts_and_pages_by_keyboard_without_javascript(page, site_url):
    page.goto(site_url + "/")
    tab_to(page, page.locator("#masthead-q"))
    page.keyboard.type("oil")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=oil$"))
    expect(page.locator("h1")).to_have_text("Search results for “oil”")
    expect(page.locator(".page-head__count")).to_have_text("7 results")
    results = page.locator(".search-results > li")
    expect(results).to_have_count(3)
    expect(results.first.locator("h3 mark")).to_have_text("Oil")
    for result in results.all():  # every result shows where it matched
        expect(result.locator("mark").first).to_have_text(re.compile("^oil$", re.IGNORECASE))
    assert shown_titles(page)[0] == HEADLINE_MATCH

    sections = page.locator(".search-facets__values").first
    expect(sections.locator("li", has_text="World")).to_have_text("World (4)")
    expect(sections.locator("li", has_text="Business")).to_have_text("Business (3)")
    follow(page, sections.get_by_role("link", name="Business"))
    expect(page).to_have_url(re.compile(r"[?&]section=\d+"))
    expect(page.locator(".page-head__count")).to_have_text("3 results")
    assert shown_titles(page) == [title for _, name, title in BODY_MATCHES if name == "Business"]
    follow(page, page.get_by_role("link", name="Remove filter: Business"))
    expect(page.locator(".page-head__count")).to_have_text("7 results")

    follow(page, page.get_by_role("link", name="Newest first"))
    expect(page).to_have_url(re.compile(r"[?&]order=newest"))
    expect(page.locator(".search-sort [aria-current]")).to_have_text("Newest first")
    newest = [title for _, _, title in BODY_MATCHES]
    assert shown_titles(page) == newest[:3]

    follow(page, page.get_by_role("navigation", name="Pages").get_by_role("link", name="Next →"))
    expect(page).to_have_url(re.compile(r"[?&]page=2"))
    expect(page.locator(".pagination [aria-current=page]")).to_have_text("2")
    expect(page.locator(".page-head__count")).to_have_text("7 results")
    assert shown_titles(page) == newest[3:6]

    follow(page, page.get_by_role("link", name="Most relevant"))
    expect(page.locator(".search-sort [aria-current]")).to_have_text("Most relevant")
    assert shown_titles(page)[0] == HEADLINE_MATCH
