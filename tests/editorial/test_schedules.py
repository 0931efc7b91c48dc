"""Approved, scheduled stories stay editable, and every publishing step says what happened
in newsroom time."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from cms.publishing.newsroom_time import newsroom_time
from directory.factories import CountryPageFactory, DirectoryIndexPageFactory
from news.factories import ArticlePageFactory, SectionPageFactory
from tests.editorial.conftest import messages_of
from tests.news.article_form import article_form


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_an_editor_opens_an_approved_scheduled_story_unlocked_and_told_what_saving_does(
    client, newsroom, scheduled
):
    client.force_login(newsroom.editor)
    response = client.get(edit_url(scheduled))
    html = response.content.decode()
    assert response.status_code == 200
    assert "locked" not in " ".join(messages_of(response)).lower()
    assert response.context["locked_for_user"] is False
    go_live = newsroom_time(scheduled.scheduled_revision.approved_go_live_at)
    assert f"Approved to go live on {go_live}" in html
    unschedule = reverse(
        "wagtailadmin_pages:revisions_unschedule",
        args=[scheduled.pk, scheduled.scheduled_revision.pk],
    )
    assert unschedule not in html  # editors cancel only after a confirmation


def test_an_editors_draft_of_a_scheduled_story_keeps_the_approved_revision_scheduled(
    client, newsroom, scheduled
):
    approved = scheduled.scheduled_revision
    client.force_login(newsroom.editor)
    response = client.post(edit_url(scheduled), article_form(scheduled, deck="A new deck"))
    assert response.status_code == 302
    scheduled.refresh_from_db()
    latest = scheduled.get_latest_revision()
    assert latest.pk != approved.pk
    assert latest.as_object().deck == "A new deck"
    approved.refresh_from_db()
    assert approved.approved_go_live_at is not None
    assert scheduled.has_unpublished_changes and not scheduled.live


def test_a_moderator_cancels_a_schedule_in_one_step_and_is_told_which_go_live_was_dropped(
    client, newsroom, scheduled
):
    revision = scheduled.scheduled_revision
    go_live = newsroom_time(revision.approved_go_live_at)
    client.force_login(newsroom.moderator)
    html = client.get(edit_url(scheduled)).content.decode()
    unschedule = reverse(
        "wagtailadmin_pages:revisions_unschedule", args=[scheduled.pk, revision.pk]
    )
    assert f'data-w-action-url-value="{unschedule}?next={edit_url(scheduled)}"' in html
    response = client.post(f"{unschedule}?next={edit_url(scheduled)}")
    assert response.status_code == 302 and response.url == edit_url(scheduled)
    assert messages_of(response) == [
        f'Schedule cancelled: "Oil output rises" will not go live on {go_live}. It stays a draft.'
    ]
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_publish_with_a_future_go_live_says_when_in_newsroom_time(client, newsroom, settings):
    settings.TIME_ZONE = "America/Caracas"
    story = ArticlePageFactory(parent=newsroom.world, title="Budget vote", live=False)
    go_live = (timezone.now() + timedelta(hours=5)).replace(second=0, microsecond=0)
    client.force_login(newsroom.moderator)
    form = article_form(story, go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"))
    response = client.post(edit_url(story), {**form, "action-publish": "1"})
    assert response.status_code == 302
    assert f'"Budget vote" is scheduled: it goes live on {newsroom_time(go_live)}.' in (
        messages_of(response)
    )


def test_publish_now_says_the_story_is_live_and_since_when(client, newsroom):
    story = ArticlePageFactory(parent=newsroom.world, title="Budget vote", live=False)
    client.force_login(newsroom.moderator)
    response = client.post(edit_url(story), {**article_form(story), "action-publish": "1"})
    story.refresh_from_db()
    since = newsroom_time(story.last_published_at)
    assert f'"Budget vote" is live on the public site since {since}.' in messages_of(response)


@pytest.fixture
def submitted(newsroom):
    story = ArticlePageFactory(parent=newsroom.world, title="Port strike", live=False)
    story.save_revision(user=newsroom.editor)
    story.get_workflow().start(story, newsroom.editor)
    return Page.objects.get(pk=story.pk).specific


def workflow_action(client, page, action):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": "Checked"} if action == "reject" else {})


def test_approve_from_the_dashboard_says_the_story_is_live(client, newsroom, submitted):
    client.force_login(newsroom.moderator)
    response = workflow_action(client, submitted, "approve")
    assert response.status_code == 302
    (message,) = messages_of(response)
    assert message.startswith('"Port strike" is live on the public site since ')
    assert message.endswith(" time.")


def test_reject_from_the_dashboard_says_it_went_back_and_when(client, newsroom, submitted):
    client.force_login(newsroom.moderator)
    response = workflow_action(client, submitted, "reject")
    (message,) = messages_of(response)
    assert message.startswith('"Port strike" was sent back to its editor at ')
    assert message.endswith("time. It stays unpublished.")


def test_autosaves_of_one_editing_session_leave_one_entry_in_the_history(client, newsroom):
    story = ArticlePageFactory(parent=newsroom.world, title="Budget vote", live=False)
    client.force_login(newsroom.editor)
    first = client.post(
        edit_url(story), article_form(story, deck="One"), HTTP_ACCEPT="application/json"
    ).json()
    for deck in ("One two", "One two three"):
        response = client.post(
            edit_url(story),
            article_form(story, deck=deck, overwrite_revision_id=first["revision_id"]),
            HTTP_ACCEPT="application/json",
        )
        assert response.json()["revision_id"] == first["revision_id"]
    entries = PageLogEntry.objects.filter(page=story, action="wagtail.edit")
    assert entries.count() == 1
    assert story.revisions.get().as_object().deck == "One two three"


@pytest.mark.parametrize("kind", ["section", "country guide"])
def test_approving_any_page_type_says_it_is_live_and_since_when(client, newsroom, kind):
    if kind == "section":
        page = SectionPageFactory(parent=newsroom.world, title="Andes", live=False)
    else:
        directory = DirectoryIndexPageFactory(parent=newsroom.home)
        page = CountryPageFactory(parent=directory, title="Peru", live=False)
    page.save_revision(user=newsroom.moderator)
    page.get_workflow().start(page, newsroom.moderator)
    client.force_login(newsroom.moderator)
    response = workflow_action(client, Page.objects.get(pk=page.pk).specific, "approve")
    assert response.status_code == 302
    (message,) = messages_of(response)
    assert message.startswith(f'"{page.title}" is live on the public site since ')
