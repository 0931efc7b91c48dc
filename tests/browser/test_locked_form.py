"""A form that cannot be saved takes no typing: another user's lock and a workflow task
waiting for the moderators make the story editor read-only, and it says why."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from news.factories import ArticlePageFactory
from tests.browser.conftest import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def assert_read_only(page, live_server, story):
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    expect(page.locator("[data-locked-form-notice]")).to_contain_text("nothing typed here")
    deck = page.locator("#id_deck")
    expect(deck).to_have_value(story.deck)
    deck.evaluate("field => field.focus()")
    expect(deck).not_to_be_focused()
    page.keyboard.type("Typed into a locked story")
    expect(deck).to_have_value(story.deck)
    # The tabs can still be read.
    page.get_by_role("tab", name="Promotion").click()
    expect(page.get_by_role("tab", name="Promotion")).to_have_attribute("aria-selected", "true")


def test_a_story_another_user_locked_takes_no_typing(
    live_server, frontend_server, newsroom, new_page
):
    story = newsroom.story
    story.locked, story.locked_at = True, timezone.now()
    story.locked_by = get_user_model().objects.get(username="moderator")
    story.save()
    page = new_page()
    log_in(page, live_server.url, "editor")
    assert_read_only(page, live_server, story)


def test_a_story_waiting_for_the_moderators_takes_no_typing_from_its_editor(
    live_server, frontend_server, newsroom, new_page
):
    editor = get_user_model().objects.get(username="editor")
    story = ArticlePageFactory(parent=newsroom.world, title="Port Strike Called Off", live=False)
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)
    page = new_page()
    log_in(page, live_server.url, "editor")
    assert_read_only(page, live_server, story)


def test_an_unlocked_story_is_editable_as_ever(live_server, frontend_server, newsroom, new_page):
    page = new_page()
    log_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/admin/pages/{newsroom.story.pk}/edit/")
    expect(page.locator("#id_deck")).to_be_editable()
    expect(page.locator("[data-locked-form-notice]")).to_have_count(0)
