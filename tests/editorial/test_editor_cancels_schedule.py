"""An editor (who may edit, not publish) cancels an approved schedule from the status panel:
the story does not go live at that time, keeps its content and needs approval again."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from cms.publishing.newsroom_time import newsroom_time
from news.factories import ArticlePageFactory
from news.models import ArticlePage
from tests.editorial.conftest import messages_of
from tests.editorial.test_schedule_actions import status_panel
from tests.editorial.test_schedules import edit_url
from tests.news.article_form import article_form
from tests.scheduling.conftest import make_due


def cancel_url(page) -> str:
    return reverse("publishing_cancel_schedule", args=[page.pk])


def run_scheduler_after_the_old_go_live(*revisions) -> None:
    """The approved go-lives of ``revisions`` pass (schedules cancelled stay cancelled), and
    the scheduler runs."""
    for revision in revisions:
        make_due(revision, timezone.now() - timedelta(seconds=1))
    call_command("run_scheduler", "--once")


def approve(story, newsroom) -> ArticlePage:
    """The editor submits ``story``'s latest revision and the moderator approves it."""
    state = story.get_workflow().start(story, newsroom.editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, newsroom.moderator, "approve")
    return ArticlePage.objects.get(pk=story.pk)


@pytest.fixture
def live_with_scheduled_update(newsroom, settings):
    """A live story whose newer version the desk approved for tomorrow."""
    settings.TIME_ZONE = "America/Caracas"
    story = ArticlePageFactory(parent=newsroom.world, title="Port strike", deck="Live deck")
    story.save_revision(user=newsroom.moderator).publish()
    update = ArticlePage.objects.get(pk=story.pk)
    update.deck = "Approved update"
    update.go_live_at = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    update.save_revision(user=newsroom.editor)
    story = approve(update, newsroom)
    assert story.live and story.scheduled_revision is not None
    return story


def test_an_editor_finds_cancel_schedule_in_the_status_panel_and_is_asked_to_confirm(
    client, newsroom, scheduled
):
    client.force_login(newsroom.editor)
    panel = status_panel(client.get(edit_url(scheduled)).content.decode())
    assert f'href="{cancel_url(scheduled)}"' in panel and "Cancel schedule" in panel
    assert "Move go-live" not in panel
    confirm = client.get(cancel_url(scheduled))
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert newsroom_time(scheduled.scheduled_revision.approved_go_live_at) in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert "Yes, cancel the schedule" in html
    assert ArticlePage.objects.get(pk=scheduled.pk).scheduled_revision is not None  # only asked


def test_an_editor_cancels_and_the_story_does_not_go_live_at_the_old_time(
    client, newsroom, scheduled
):
    approved = scheduled.scheduled_revision
    go_live_at = approved.approved_go_live_at
    control = ArticlePageFactory(parent=newsroom.world, title="Other story", live=False)
    control.go_live_at = go_live_at
    control.save_revision(user=newsroom.editor)
    control_revision = approve(control, newsroom).scheduled_revision
    client.force_login(newsroom.editor)

    response = client.post(cancel_url(scheduled))

    assert response.status_code == 302 and response["Location"] == edit_url(scheduled)
    assert messages_of(response) == [
        f'Schedule cancelled: "Oil output rises" will not go live on {newsroom_time(go_live_at)}.'
        " It stays a draft, and needs the desk's approval again before it goes live."
    ]
    story = ArticlePage.objects.get(pk=scheduled.pk)
    assert story.scheduled_revision is None and story.go_live_at is None
    assert story.get_latest_revision().pk == approved.pk  # its content is the draft
    draft = story.get_latest_revision_as_object()
    assert draft.title == "Oil output rises" and draft.go_live_at is None  # nothing proposed
    cancelled = PageLogEntry.objects.get(page=story, action="wagtail.schedule.cancel")
    assert cancelled.user == newsroom.editor and cancelled.revision_id == approved.pk
    history = client.get(reverse("wagtailadmin_pages:history", args=[story.pk]))
    assert "unscheduled for publishing at" in history.content.decode()
    editor_view = client.get(edit_url(story)).content.decode()
    assert "data-approved-schedule" not in editor_view
    assert "Approved to go live" not in editor_view and "No publishing schedule set" in editor_view

    run_scheduler_after_the_old_go_live(approved, control_revision)
    assert ArticlePage.objects.get(pk=control.pk).live  # the scheduler did run
    assert not ArticlePage.objects.get(pk=scheduled.pk).live


def test_after_cancelling_the_story_goes_live_only_once_the_desk_approves_it_again(
    client, newsroom, scheduled
):
    approved = scheduled.scheduled_revision
    client.force_login(newsroom.editor)
    client.post(cancel_url(scheduled))
    story = ArticlePage.objects.get(pk=scheduled.pk)
    assert story.current_workflow_state is None  # the approved workflow is over

    resubmit = client.post(edit_url(story), {**article_form(story), "action-submit": "1"})

    assert resubmit.status_code == 302
    story = ArticlePage.objects.get(pk=scheduled.pk)
    assert story.current_workflow_state.status == "in_progress"
    run_scheduler_after_the_old_go_live(approved)
    assert not ArticlePage.objects.get(pk=scheduled.pk).live
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[story.pk, "approve", story.current_workflow_task_state.pk],
    )
    client.force_login(newsroom.moderator)
    assert client.post(approve_url).status_code == 302
    assert ArticlePage.objects.get(pk=scheduled.pk).live


def test_cancelling_a_live_storys_scheduled_update_keeps_the_live_version_live(
    client, newsroom, live_with_scheduled_update
):
    story = live_with_scheduled_update
    approved = story.scheduled_revision
    go_live_at = approved.approved_go_live_at
    client.force_login(newsroom.editor)

    response = client.post(cancel_url(story))

    (message,) = messages_of(response)
    at = newsroom_time(go_live_at)
    assert message.startswith(f'Schedule cancelled: "Port strike" will not go live on {at}.')
    assert "The live version stays as it is" in message
    run_scheduler_after_the_old_go_live(approved)
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.live and story.deck == "Live deck"
    assert story.get_latest_revision_as_object().deck == "Approved update"  # kept as the draft


def test_an_editors_newer_draft_stays_the_latest_when_the_schedule_is_cancelled(
    client, newsroom, scheduled
):
    approved = scheduled.scheduled_revision
    client.force_login(newsroom.editor)
    client.post(edit_url(scheduled), article_form(scheduled, deck="A newer deck"))

    client.post(cancel_url(scheduled))

    story = ArticlePage.objects.get(pk=scheduled.pk)
    assert story.scheduled_revision is None
    assert story.get_latest_revision_as_object().deck == "A newer deck"
    assert story.get_latest_revision_as_object().go_live_at is None  # it proposed the same
    approved.refresh_from_db()
    assert approved.as_object().title == "Oil output rises"


def test_a_schedule_held_by_an_embargo_is_cancelled_and_nothing_goes_live_when_it_lifts(
    client, newsroom, scheduled
):
    approved = scheduled.scheduled_revision
    # The embargo was extended after the approval: the due go-live waits for it.
    embargo = timezone.now() + timedelta(hours=2)
    ArticlePage.objects.filter(pk=scheduled.pk).update(embargo_until=embargo)
    run_scheduler_after_the_old_go_live(approved)
    assert ArticlePage.objects.get(pk=scheduled.pk).scheduled_revision is not None  # held
    client.force_login(newsroom.editor)

    response = client.post(cancel_url(scheduled))

    assert "Schedule cancelled" in messages_of(response)[0]
    ArticlePage.objects.filter(pk=scheduled.pk).update(embargo_until=timezone.now())
    call_command("run_scheduler", "--once")
    assert not ArticlePage.objects.get(pk=scheduled.pk).live


def test_a_user_who_cannot_edit_the_story_gets_403_and_the_schedule_stays(
    client, newsroom, scheduled
):
    viewer = get_user_model().objects.create_user("viewer", password="pw")
    viewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(viewer)
    for method in (client.get, client.post):
        response = method(cancel_url(scheduled))
        assert response.status_code == 403
        assert "Only those who may edit this story can cancel its schedule." in (
            response.content.decode()
        )
    assert ArticlePage.objects.get(pk=scheduled.pk).scheduled_revision is not None


def test_cancelling_is_a_post_with_the_forms_csrf_token(client, newsroom, scheduled):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(newsroom.editor)
    assert browser.post(cancel_url(scheduled)).status_code == 403
    client.force_login(newsroom.editor)
    assert client.delete(cancel_url(scheduled)).status_code == 405
    assert ArticlePage.objects.get(pk=scheduled.pk).scheduled_revision is not None


def test_a_story_without_a_schedule_says_so_and_an_unknown_page_is_404(client, newsroom):
    story = ArticlePageFactory(parent=newsroom.world, title="Budget vote", live=False)
    client.force_login(newsroom.editor)
    for method in (client.get, client.post):
        response = method(cancel_url(story))
        assert response.status_code == 302 and response["Location"] == edit_url(story)
        assert messages_of(response)[-1] == '"Budget vote" has no schedule to cancel.'
    missing = reverse("publishing_cancel_schedule", args=[Page.objects.order_by("-pk")[0].pk + 1])
    assert client.post(missing).status_code == 404


def test_a_story_another_user_locked_keeps_its_schedule(client, newsroom, scheduled):
    ArticlePage.objects.filter(pk=scheduled.pk).update(
        locked=True, locked_at=timezone.now(), locked_by=newsroom.moderator
    )
    client.force_login(newsroom.editor)
    assert "Cancel schedule" not in status_panel(client.get(edit_url(scheduled)).content.decode())
    response = client.post(cancel_url(scheduled))
    assert messages_of(response) == [
        '"Oil output rises" is locked: its schedule cannot be cancelled now.'
    ]
    assert ArticlePage.objects.get(pk=scheduled.pk).scheduled_revision is not None
