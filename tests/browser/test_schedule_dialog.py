"""The schedule dialog in Chromium: its date pickers never cover its buttons (keyboard and
mouse), and a refused schedule leads from the page's error banner to the field."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from news.models import ArticlePage
from tests.browser.conftest import log_in
from tests.browser.test_editorial_flow import open_editor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PICKER = ".xdsoft_datetimepicker"


def open_schedule_dialog(page, live_server, story):
    open_editor(page, f"{live_server.url}/admin/pages/{story.pk}/edit/")
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.locator("#schedule-publishing-dialog")
    expect(dialog.get_by_role("heading", name="Set publishing schedule")).to_be_visible()
    return dialog


def overlaps(first, second) -> bool:
    a, b = first.bounding_box(), second.bounding_box()
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def local_minute(delta: timedelta) -> str:
    return (timezone.localtime() + delta).strftime("%Y-%m-%d %H:%M")


def saved_go_live(story) -> str:
    saved = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    return timezone.localtime(saved.go_live_at).strftime("%Y-%m-%d %H:%M")


def test_a_keyboard_user_tabs_through_the_schedule_dialog_with_its_picker_and_saves(
    live_server, frontend_server, newsroom, new_page
):
    page = new_page()
    log_in(page, live_server.url, "moderator")
    dialog = open_schedule_dialog(page, live_server, newsroom.story)
    go_live, save = (
        dialog.locator("#id_go_live_at"),
        dialog.get_by_role("button", name="Save schedule"),
    )
    picker = dialog.locator(PICKER).locator("visible=true")

    while not go_live.evaluate("field => field === document.activeElement"):
        page.keyboard.press("Tab")
    expect(picker).to_have_count(1)
    assert not overlaps(picker, save)
    # Escape closes the picker, not the dialog.
    page.keyboard.press("Escape")
    expect(picker).to_have_count(0)
    expect(dialog.get_by_role("heading", name="Set publishing schedule")).to_be_visible()
    expect(go_live).to_be_focused()

    wanted = local_minute(timedelta(days=2))
    page.keyboard.type(wanted)
    for _ in range(10):  # to "Save schedule", through the expiry field and its picker
        page.keyboard.press("Tab")
        if save.evaluate("button => button === document.activeElement"):
            break
        if picker.count():
            assert not overlaps(picker, save)
    expect(save).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("has been updated")
    assert saved_go_live(newsroom.story) == wanted


def test_a_click_on_save_schedule_with_the_picker_open_saves_the_schedule(
    live_server, frontend_server, newsroom, new_page
):
    page = new_page()
    log_in(page, live_server.url, "moderator")
    dialog = open_schedule_dialog(page, live_server, newsroom.story)
    go_live = dialog.locator("#id_go_live_at")
    picker = dialog.locator(PICKER).locator("visible=true")

    go_live.click()
    expect(picker).to_have_count(1)
    wanted = local_minute(timedelta(days=3))
    go_live.fill(wanted)
    expect(picker).to_have_count(1)
    # Playwright refuses to click an element something else covers.
    with page.expect_navigation():
        dialog.get_by_role("button", name="Save schedule").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    assert saved_go_live(newsroom.story) == wanted


def test_go_to_the_first_error_opens_the_schedule_dialog_on_the_refused_field(
    live_server, frontend_server, newsroom, new_page
):
    page = new_page()
    log_in(page, live_server.url, "moderator")
    dialog = open_schedule_dialog(page, live_server, newsroom.story)
    dialog.locator("#id_go_live_at").fill(local_minute(timedelta(days=5)))
    dialog.locator("#id_expire_at").fill(local_minute(timedelta(days=4)))
    with page.expect_navigation():
        dialog.get_by_role("button", name="Save schedule").click()

    expect(page.locator(".messages")).to_contain_text("could not be saved")
    dialog = page.locator("#schedule-publishing-dialog")
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Go to the first error").click()
    expect(dialog.get_by_role("heading", name="Set publishing schedule")).to_be_visible()
    go_live = dialog.locator("#id_go_live_at")
    expect(go_live).to_be_focused()
    field = dialog.locator("[data-field-wrapper]").filter(has=page.locator("#id_go_live_at"))
    expect(field.locator(".error-message")).to_contain_text("must be before expiry")
