"""Editors at work in Chromium: write, preview, schedule, moderate, publish, build the home."""

import io
import json
import re
from datetime import timedelta
from urllib.request import urlopen

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Revision

from news.models import ArticlePage
from tests.browser.conftest import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEADLINE = "Caracas Metro Reopens Line 2 After Repairs"
# Milliseconds for a page that goes admin → frontend → CMS API (renditions made on first use).
SLOW_RENDER = 20_000


def preview_frame(page):
    """The frontend's page inside the admin's preview panel (panel frame → our frame)."""
    return page.frame_locator("#w-preview-iframe").frame_locator("iframe")


def open_editor(page, url):
    """Open an edit form once Wagtail watches it for edits, as a person would start typing.

    Wagtail snapshots the form two seconds after it loads and compares against that
    snapshot; edits made before it count as the form's initial state and trigger no
    autosave.
    """
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.watching = true; })"
    )
    page.goto(url)
    page.wait_for_function("window.watching === true")


def add_paragraph(page, text):
    editors = page.locator("#body-root [contenteditable=true]")
    before = editors.count()
    page.locator("#body-root button.c-sf-add-button").last.click()
    page.get_by_role("option", name="Paragraph", exact=True).click()
    # Type only once the new block's editor exists: until then ``.last`` is the previous
    # paragraph, and the text landed in two paragraphs when the new one mounted mid-typing.
    expect(editors).to_have_count(before + 1)
    editor = editors.last
    editor.click()
    expect(editor).to_be_focused()
    page.keyboard.type(text)
    # Draftail writes the text into the form 250 ms after the last keystroke; a person
    # reaching for Save draft takes longer than that, a test must wait for it.
    page.wait_for_function(
        """text => [...document.querySelectorAll("#body-root input[name$='-value']")]
            .some(input => input.value.includes(text))""",
        arg=text,
    )


def open_actions_menu(page):
    page.locator(
        "footer [aria-label='Actions (footer)'] .w-dropdown__toggle, footer .w-dropdown__toggle"
    ).first.click()


def api_json(url):
    with urlopen(url, timeout=30) as response:
        return json.load(response)


def test_story_from_draft_to_moderated_scheduled_publication(
    live_server, frontend_server, newsroom, new_page
):
    cms = live_server.url
    editor = new_page()
    log_in(editor, cms, "editor")

    # Write: headline, dateline, two paragraphs, a lead image from the library.
    open_editor(editor, f"{cms}/admin/pages/add/news/articlepage/{newsroom.world.pk}/")
    editor.fill("#id_title", HEADLINE)
    editor.fill("#id_deck", "Service resumes on the busiest line after three weeks.")
    editor.fill("#id_dateline_city", "Caracas")
    add_paragraph(editor, "Trains ran again on Line 2 of the Caracas Metro on Monday.")
    add_paragraph(editor, "The operator said repairs to the signalling had finished early.")
    editor.locator("#id_lead_image-chooser [data-chooser-action-choose]").click()
    editor.locator(".modal a.image-choice", has_text="Caracas skyline at dusk").click()
    expect(editor.locator("#id_lead_image-title")).to_have_text("Caracas skyline at dusk")
    # Wagtail's autosave has created the draft by now: the form edits it.
    expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    # The image's autosave may still be on its way: Save draft waits for it.
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.locator(".messages")).to_contain_text("has been updated")
    story = ArticlePage.objects.get(title=HEADLINE)
    assert "repairs to the signalling" in str(story.get_latest_revision_as_object().body)
    assert not story.live

    # Preview: the side panel shows the draft as the frontend renders it.
    editor.get_by_role("button", name="Toggle preview").click()
    frame = preview_frame(editor)
    # The first preview also makes the lead image's renditions: allow for it.
    expect(frame.locator("[data-preview-banner]")).to_be_visible(timeout=SLOW_RENDER)
    expect(frame.locator("h1")).to_have_text(HEADLINE)
    expect(frame.locator("main")).to_contain_text("CARACAS –")
    expect(frame.locator("main")).to_contain_text("repairs to the signalling")
    expect(frame.locator("main img").first).to_be_visible()
    # …and it came from the frontend, not the CMS.
    assert any(f.url.startswith(frontend_server + "/_preview/") for f in editor.frames)

    # Schedule two minutes ahead and submit for moderation.
    go_live = timezone.localtime() + timedelta(minutes=2)
    editor.get_by_role("button", name="Toggle status").click()
    editor.get_by_role("button", name="Set schedule").click()
    dialog = editor.locator("#schedule-publishing-dialog")
    dialog.locator("#id_go_live_at").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # Save schedule with the keyboard (tests/browser/test_schedule_dialog.py clicks it).
    save_schedule = dialog.get_by_role("button", name="Save schedule")
    save_schedule.focus()
    expect(save_schedule).to_be_focused()
    with editor.expect_navigation():
        save_schedule.press("Enter")
    expect(editor.locator(".messages")).to_contain_text("has been updated")
    story.refresh_from_db()
    saved = story.get_latest_revision_as_object()
    assert saved.go_live_at is not None
    assert abs(saved.go_live_at - go_live.replace(second=0, microsecond=0)) < timedelta(minutes=1)
    open_actions_menu(editor)
    editor.locator("button[name='action-submit']").click()
    expect(editor.locator(".messages")).to_contain_text("submitted")
    story.refresh_from_db()
    state = story.current_workflow_state
    assert state is not None and state.workflow.name == "Moderators approval"

    # The moderator approves; the story keeps its schedule.
    moderator = new_page()
    log_in(moderator, cms, "moderator")
    moderator.goto(f"{cms}/admin/pages/{story.pk}/edit/")
    open_actions_menu(moderator)
    moderator.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    ).click()
    expect(moderator.locator(".messages")).to_contain_text("has been updated")
    story.refresh_from_db()
    assert story.current_workflow_state is None  # approved: the workflow is over
    assert not story.live
    scheduled = Revision.page_revisions.filter(
        object_id=str(story.pk), approved_go_live_at__isnull=False
    ).get()
    assert abs(scheduled.approved_go_live_at - go_live.replace(second=0, microsecond=0)) < (
        timedelta(minutes=1)
    )
    api = f"{cms}/api/v2/pages/?type=news.ArticlePage&fields=title&search_operator=and"
    titles = [item["title"] for item in api_json(api + "&limit=50")["items"]]
    assert HEADLINE not in titles

    # Go-live: bring the scheduled time to now (instead of waiting) and run the scheduler.
    now = timezone.now()
    scheduled.content["go_live_at"] = now.isoformat()
    scheduled.approved_go_live_at = now
    scheduled.save(update_fields=["content", "approved_go_live_at"])
    ArticlePage.objects.filter(pk=story.pk).update(go_live_at=now)
    output = io.StringIO()
    call_command("run_scheduler", "--once", stdout=output)
    assert "published 1" in output.getvalue()
    story.refresh_from_db()
    assert story.live

    titles = [item["title"] for item in api_json(api + "&limit=50")["items"]]
    assert HEADLINE in titles
    reader = new_page()
    reader.goto(frontend_server + story.url_path[len(newsroom.home.url_path) - 1 :])
    expect(reader.locator("h1")).to_have_text(HEADLINE)
    expect(reader.locator("main")).to_contain_text("Trains ran again on Line 2")
    expect(reader.locator("[data-preview-banner]")).to_have_count(0)


def test_save_draft_during_an_autosave_saves_the_one_story(
    live_server, frontend_server, newsroom, new_page
):
    """The create form's first autosave creates the page. An editor who clicks Save draft
    while that autosave is on its way saves the same story: no second creation, which
    failed on the slug (or, when both reached the CMS together, with a 500)."""
    cms = live_server.url
    editor = new_page()
    log_in(editor, cms, "editor")
    held = []

    def hold_autosave_answer(route):
        # The autosave reaches the CMS (which creates the page); its answer waits.
        if route.request.headers.get("accept") == "application/json":
            held.append((route, route.fetch()))
            route.request.frame.evaluate("window.heldAutosave = true")
        else:
            route.continue_()

    add_form = f"{cms}/admin/pages/add/news/articlepage/{newsroom.world.pk}/"
    editor.route(add_form, hold_autosave_answer)
    open_editor(editor, add_form)
    editor.fill("#id_title", HEADLINE)
    editor.fill("#id_deck", "Service resumes on the busiest line.")  # the title's change
    editor.wait_for_function("window.heldAutosave === true")
    assert ArticlePage.objects.filter(title=HEADLINE).count() == 1
    add_paragraph(editor, "Trains ran again on Line 2 of the Caracas Metro on Monday.")

    editor.get_by_role("button", name="Save draft").click()
    ((route, answer),) = held
    route.fulfill(response=answer)  # the autosave's answer arrives after the click

    expect(editor.locator(".messages")).to_contain_text("has been updated")
    story = ArticlePage.objects.get(title=HEADLINE)
    expect(editor).to_have_url(f"{cms}/admin/pages/{story.pk}/edit/")
    draft = story.get_latest_revision_as_object()
    assert draft.deck == "Service resumes on the busiest line."
    assert "Trains ran again on Line 2" in str(draft.body)
    assert not story.live


def test_front_page_block_is_built_and_previewed(live_server, frontend_server, newsroom, new_page):
    cms = live_server.url
    desk = new_page()
    log_in(desk, cms, "moderator")
    desk.goto(f"{cms}/admin/pages/{newsroom.home.pk}/edit/")

    desk.locator("#body-root button.c-sf-add-button").last.click()
    desk.get_by_role("option", name="Featured story").click()
    desk.locator("#body-root [data-chooser-action-choose]").last.click()
    modal = desk.locator(".modal")
    modal.locator("input[name='q']").fill("Idlib")
    modal.get_by_role("link", name=re.compile("Putin, Erdogan to Boost Dialogue")).click()
    desk.locator("#body-root input[name$='-value-headline']").last.fill(
        "Front-page test: Putin and Erdogan talk"
    )

    desk.get_by_role("button", name="Toggle preview").click()
    frame = preview_frame(desk)
    expect(frame.locator("[data-preview-banner]")).to_be_visible(timeout=SLOW_RENDER)
    expect(frame.locator("main")).to_contain_text("Front-page test: Putin and Erdogan talk")

    # Readers do not see the layout until it is published…
    reader = new_page()
    reader.goto(frontend_server + "/")
    expect(reader.locator("main")).not_to_contain_text("Front-page test")

    # …and do right after (the publish purges the frontend's copy of the home page).
    open_actions_menu(desk)
    desk.locator("button[name='action-publish']").click()
    expect(desk.locator(".messages")).to_contain_text("has been published")
    reader.reload()  # revalidates the browser's copy (max-age) with the frontend
    expect(reader.locator("main")).to_contain_text("Front-page test: Putin and Erdogan talk")
    expect(reader.locator("[data-preview-banner]")).to_have_count(0)
