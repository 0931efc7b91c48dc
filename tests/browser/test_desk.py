"""The desk in Chromium: live links open the public site, approved schedules stay editable
and cancellable (in one click for moderators, after a confirmation for editors), and the
story editor speaks the newsroom's words."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.countries.factories import CountryFactory
from cms.publishing.newsroom_time import newsroom_time
from news.factories import ArticlePageFactory
from news.models import ArticlePage
from tests.browser.conftest import log_in
from tests.browser.test_editorial_flow import open_editor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_live_badge_in_the_articles_listing_opens_the_story_on_the_public_site(
    live_server, frontend_server, newsroom, new_page
):
    page = new_page()
    log_in(page, live_server.url, "moderator")
    page.goto(live_server.url + "/admin/articles/")
    badge = page.locator(f"a[href='{frontend_server}/world/{newsroom.story.slug}/']").first
    expect(badge).to_be_visible()
    with page.context.expect_page() as opened:  # the badge opens a new tab
        badge.click()
    story = opened.value
    story.wait_for_load_state()
    assert story.url == f"{frontend_server}/world/{newsroom.story.slug}/"
    expect(story.locator("h1")).to_contain_text(newsroom.story.title)


@pytest.fixture
def scheduled(newsroom):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    editor, moderator = users.get(username="editor"), users.get(username="moderator")
    story = ArticlePageFactory(parent=newsroom.world, title="Port Strike Called Off", live=False)
    story.go_live_at = timezone.now() + timedelta(days=1)
    story.save_revision(user=editor)
    state = story.get_workflow().start(story, editor)
    state.current_task_state.task.specific.on_action(state.current_task_state, moderator, "approve")
    return story


def test_an_editor_changes_an_approved_scheduled_story_and_saves_a_draft(
    live_server, frontend_server, scheduled, new_page
):
    page = new_page()
    log_in(page, live_server.url, "editor")
    open_editor(page, f"{live_server.url}/admin/pages/{scheduled.pk}/edit/")
    expect(page.get_by_text("Approved to go live on")).to_be_visible()
    expect(page.get_by_text("Page locked")).to_have_count(0)
    expect(page.get_by_text("is locked and has been scheduled")).to_have_count(0)
    page.fill("#id_deck", "Dockers return to work on Monday.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("updated")
    story = ArticlePage.objects.get(pk=scheduled.pk)
    assert story.get_latest_revision().as_object().deck == "Dockers return to work on Monday."
    assert story.scheduled_revision is not None and not story.live


def test_a_moderator_cancels_a_schedule_with_one_click(
    live_server, frontend_server, scheduled, new_page
):
    page = new_page()
    log_in(page, live_server.url, "moderator")
    page.goto(f"{live_server.url}/admin/pages/{scheduled.pk}/edit/")
    page.locator(".messages").get_by_role("button", name="Cancel schedule").click()
    expect(page.locator(".messages")).to_contain_text("Schedule cancelled")
    assert ArticlePage.objects.get(pk=scheduled.pk).scheduled_revision is None


def test_an_editor_cancels_an_approved_schedule_from_the_status_panel_after_confirming(
    live_server, frontend_server, scheduled, new_page
):
    go_live = newsroom_time(scheduled.scheduled_revision.approved_go_live_at)
    page = new_page()
    log_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/admin/pages/{scheduled.pk}/edit/")
    page.get_by_role("button", name="Toggle status").click()
    panel = page.locator("[data-approved-schedule]")
    expect(panel).to_contain_text(f"Goes live on {go_live}")
    panel.get_by_role("link", name="Cancel schedule").click()
    expect(page.get_by_text(f"Approved to go live on {go_live}")).to_be_visible()
    page.get_by_role("button", name="Yes, cancel the schedule").click()
    expect(page.locator(".messages")).to_contain_text(
        f'Schedule cancelled: "Port Strike Called Off" will not go live on {go_live}.'
    )
    expect(page.locator(".messages")).to_contain_text("needs the desk's approval again")
    page.get_by_role("button", name="Toggle status").click()
    expect(page.get_by_role("button", name="Set schedule")).to_be_visible()  # no schedule
    expect(page.locator("[data-approved-schedule]")).to_have_count(0)
    story = ArticlePage.objects.get(pk=scheduled.pk)
    assert story.scheduled_revision is None and not story.live


def test_a_moderator_moves_the_go_live_from_the_status_panel(
    live_server, frontend_server, scheduled, new_page
):
    page = new_page()
    log_in(page, live_server.url, "moderator")
    page.goto(f"{live_server.url}/admin/pages/{scheduled.pk}/edit/")
    page.get_by_role("button", name="Toggle status").click()
    panel = page.locator("[data-approved-schedule]")
    expect(panel).to_contain_text("Goes live on")
    panel.get_by_role("link", name="Move go-live").click()
    later = timezone.localtime(
        scheduled.scheduled_revision.approved_go_live_at + timedelta(hours=2)
    )
    page.fill("#id_go_live_at", later.strftime("%Y-%m-%d %H:%M"))
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Move go-live").click()
    expect(page.locator(".messages")).to_contain_text("now goes live on")
    moved = ArticlePage.objects.get(pk=scheduled.pk).scheduled_revision.approved_go_live_at
    assert moved == later.replace(second=0, microsecond=0)


def test_the_story_editor_says_headline_and_filters_countries_as_the_editor_types(
    live_server, frontend_server, newsroom, new_page
):
    for name in ("Venezuela", "Colombia", "Ecuador"):
        CountryFactory(name=name)
    page = new_page()
    log_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/admin/pages/{newsroom.story.pk}/edit/")
    expect(page.get_by_placeholder("Headline*")).to_be_visible()
    page.get_by_role("tab", name="Promotion").click()
    expect(page.get_by_label("Show in menus")).to_have_count(0)
    page.get_by_label("Search countries").fill("venez")
    expect(page.get_by_label("Venezuela")).to_be_visible()
    expect(page.get_by_label("Colombia")).to_be_hidden()
