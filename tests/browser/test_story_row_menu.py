"""A story's "More" menu in the Articles listing opens and leads where it says, by keyboard."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_storys_more_menu_opens_from_the_keyboard_and_leads_to_its_history(
    live_server, newsroom, new_page
):
    page = new_page()
    log_in(page, live_server.url, "moderator")
    page.goto(live_server.url + "/admin/articles/")
    toggle = page.get_by_role("button", name=f"More options for '{newsroom.story.title}'")
    toggle.focus()
    page.keyboard.press("Enter")
    history = page.get_by_role("link", name="History").filter(visible=True)
    expect(history).to_have_count(1)
    history.click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{newsroom.story.pk}/history/")
