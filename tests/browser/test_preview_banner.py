"""The preview panel in Chromium: its banner tells a draft of a live story from a story never
published, and a story in a subsection keeps its breadcrumbs."""

import pytest
from playwright.sync_api import expect

from news.factories import ArticlePageFactory, SectionPageFactory
from tests.browser.conftest import log_in
from tests.browser.test_editorial_flow import SLOW_RENDER, open_editor, preview_frame

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def open_preview(page, live_server, story):
    open_editor(page, f"{live_server.url}/admin/pages/{story.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    frame = preview_frame(page)
    expect(frame.locator("[data-preview-banner]")).to_be_visible(timeout=SLOW_RENDER)
    return frame


def test_a_draft_of_a_live_story_is_previewed_as_changes_to_a_live_story(
    live_server, frontend_server, newsroom, new_page
):
    page = new_page()
    log_in(page, live_server.url, "editor")
    frame = open_preview(page, live_server, newsroom.story)
    banner = frame.locator("[data-preview-banner]")
    expect(banner).to_contain_text("Preview of unpublished changes to a live story")
    expect(banner).not_to_contain_text("It is not published")


def test_a_story_never_published_in_a_subsection_keeps_its_breadcrumbs_in_preview(
    live_server, frontend_server, newsroom, new_page
):
    latin_america = SectionPageFactory(
        parent=newsroom.home, title="Latin America", slug="latin-america"
    )
    venezuela = SectionPageFactory(parent=latin_america, title="Venezuela", slug="venezuela")
    story = ArticlePageFactory(parent=venezuela, title="Port Strike Called Off", live=False)
    page = new_page()
    log_in(page, live_server.url, "moderator")
    frame = open_preview(page, live_server, story)
    expect(frame.locator("[data-preview-banner]")).to_contain_text("It is not published")
    crumbs = frame.get_by_role("navigation", name="Breadcrumb")
    expect(crumbs.get_by_role("link", name="Latin America")).to_be_visible()
    expect(crumbs.get_by_role("link", name="Venezuela")).to_be_visible()
