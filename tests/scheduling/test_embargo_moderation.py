"""Embargo and moderation: a moderator's approval outside the edit form.

The dashboard's "Approve" (a plain POST) and "Approve with comment" (a modal) run
Wagtail's workflow action view, which finishes the workflow and publishes the page.
An embargoed story without a go-live at or after the embargo is refused with the
embargo message, not a 500; the task stays open and nothing is published.
"""

import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from home.demo import editorial as demo_editorial
from home.demo import furniture as demo
from news.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def newsroom(home):
    command = SimpleNamespace(stdout=io.StringIO())
    demo.load(command)
    world = SectionPageFactory(parent=home, title="World", slug="world")
    demo_editorial.load(command)
    demo_editorial.finish(command)
    users = get_user_model().objects
    return SimpleNamespace(
        world=world,
        editor=users.get(username="editor"),
        moderator=users.get(username="moderator"),
    )


def submit(newsroom, **fields):
    """An editor's story with ``fields``, submitted for moderation; returns (story, task state)."""
    story = ArticlePageFactory(parent=newsroom.world, title="OPEC Cuts Output", live=False)
    for name, value in fields.items():
        setattr(story, name, value)
    story.save()
    story.save_revision(user=newsroom.editor)
    state = story.get_workflow().start(story, newsroom.editor)
    return story, state.current_task_state


def approve_url(story, task_state):
    return f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/"


def assert_still_in_moderation(story, task_state):
    story.refresh_from_db()
    assert not story.live
    assert not story.revisions.filter(approved_go_live_at__isnull=False).exists()
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert story.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_dashboard_approve_of_an_embargoed_story_is_refused_with_the_message(client, newsroom):
    story, task_state = submit(newsroom, embargo_until=timezone.now() + timedelta(hours=2))
    client.force_login(newsroom.moderator)

    response = client.post(approve_url(story, task_state), {"next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    dashboard = client.get(response["Location"])
    html = dashboard.content.decode()
    assert "Embargoed until" in html and "cannot be published before then" in html

    assert_still_in_moderation(story, task_state)
    # Still waiting for the moderator on the dashboard.
    assert approve_url(story, task_state) in html


def test_approve_with_comment_of_an_embargoed_story_shows_the_message_in_the_modal(
    client, newsroom
):
    story, task_state = submit(newsroom, embargo_until=timezone.now() + timedelta(hours=2))
    client.force_login(newsroom.moderator)

    form = client.get(approve_url(story, task_state), **XHR)
    assert form.status_code == 200 and form.json()["step"] == "action"

    response = client.post(approve_url(story, task_state), {"comment": "Good to go at six."}, **XHR)
    assert response.status_code == 200
    body = response.json()
    assert body["step"] == "action", body
    assert "Embargoed until" in body["html"]
    assert "Good to go at six." in body["html"], "the moderator's comment was lost"
    assert_still_in_moderation(story, task_state)
    assert task_state.comment == ""


def test_approval_with_a_go_live_at_the_embargo_schedules_the_story(client, newsroom):
    embargo = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    story, task_state = submit(newsroom, embargo_until=embargo, go_live_at=embargo)
    client.force_login(newsroom.moderator)

    response = client.post(approve_url(story, task_state), {"next": "/admin/"})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Embargoed until" not in html

    story.refresh_from_db()
    assert not story.live
    assert story.get_latest_revision().approved_go_live_at == embargo
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED


def test_approval_with_comment_after_the_embargo_lifted_publishes(client, newsroom):
    story, task_state = submit(newsroom, embargo_until=timezone.now() - timedelta(minutes=1))
    client.force_login(newsroom.moderator)

    response = client.post(approve_url(story, task_state), {"comment": "Fine."}, **XHR)
    assert response.status_code == 200
    assert response.json()["step"] == "success"
    story.refresh_from_db()
    assert story.live
