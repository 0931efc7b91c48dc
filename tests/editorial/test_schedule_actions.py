"""The status panel of an approved, scheduled story: when it goes live, and for moderators
"Move go-live" and "Cancel schedule", each one step."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.publishing.newsroom_time import newsroom_time
from tests.editorial.conftest import messages_of
from tests.editorial.test_schedules import edit_url
from tests.news.article_form import article_form


def status_panel(html: str) -> str:
    return html.split("data-approved-schedule", 1)[1].split("</section>", 1)[0]


def move_url(page):
    return reverse("publishing_move_schedule", args=[page.pk])


def local_input(at) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M")


def test_a_moderator_sees_the_approved_go_live_with_move_and_cancel_in_the_status_panel(
    client, newsroom, scheduled
):
    client.force_login(newsroom.moderator)
    panel = status_panel(client.get(edit_url(scheduled)).content.decode())
    at = newsroom_time(scheduled.scheduled_revision.approved_go_live_at)
    assert f"Goes live on {at}" in panel
    assert move_url(scheduled) in panel and "Move go-live" in panel
    assert "Cancel schedule" in panel


def test_an_editor_sees_the_approved_go_live_and_how_to_move_it(client, newsroom, scheduled):
    client.force_login(newsroom.editor)
    panel = status_panel(client.get(edit_url(scheduled)).content.decode())
    assert "Goes live on" in panel and "use Edit schedule and submit" in panel
    assert "Move go-live" not in panel and "data-w-action-url-value" not in panel
    approved_at = scheduled.scheduled_revision.approved_go_live_at
    later = local_input(approved_at + timedelta(hours=1))
    response = client.post(move_url(scheduled), {"go_live_at": later})
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's refusal
    scheduled.refresh_from_db()
    assert scheduled.scheduled_revision.approved_go_live_at == approved_at


def test_a_moderator_moves_the_go_live_in_one_step_and_keeps_the_editors_newer_draft(
    client, newsroom, scheduled
):
    approved = scheduled.scheduled_revision
    client.force_login(newsroom.editor)
    client.post(edit_url(scheduled), article_form(scheduled, deck="A newer deck"))
    client.force_login(newsroom.moderator)
    later = approved.approved_go_live_at + timedelta(hours=3)
    response = client.post(move_url(scheduled), {"go_live_at": local_input(later)})
    assert response.status_code == 302 and response["Location"] == edit_url(scheduled)
    told = f'"Oil output rises" now goes live on {newsroom_time(later)}.'
    assert messages_of(response)[-1] == told
    approved.refresh_from_db()
    assert approved.approved_go_live_at == later
    assert approved.as_object().go_live_at == later
    scheduled.refresh_from_db()
    assert scheduled.get_latest_revision().as_object().deck == "A newer deck"  # still a draft
    assert scheduled.scheduled_revision.pk == approved.pk and not scheduled.live
    assert PageLogEntry.objects.filter(
        page=scheduled, action="wagtail.publish.schedule", user=newsroom.moderator
    ).exists()
    listing = client.get("/admin/articles/", {"status": "scheduled"}).content.decode()
    assert "Oil output rises" in listing


@pytest.mark.parametrize(
    "when, error",
    [
        (timedelta(hours=-1), "The new go-live must be in the future."),
        (None, "Enter a valid date/time."),
    ],
)
def test_a_go_live_that_cannot_be_is_refused_on_the_field_and_nothing_moves(
    client, newsroom, scheduled, when, error
):
    approved_at = scheduled.scheduled_revision.approved_go_live_at
    client.force_login(newsroom.moderator)
    value = local_input(timezone.now() + when) if when else "tomorrow-ish"
    response = client.post(move_url(scheduled), {"go_live_at": value})
    assert response.status_code == 400
    assert error in response.content.decode()
    scheduled.refresh_from_db()
    assert scheduled.scheduled_revision.approved_go_live_at == approved_at


def test_cancel_schedule_in_the_status_panel_unschedules_and_returns_to_the_editor(
    client, newsroom, scheduled
):
    client.force_login(newsroom.moderator)
    panel = status_panel(client.get(edit_url(scheduled)).content.decode())
    cancel_url = panel.split('data-w-action-url-value="', 1)[1].split('"', 1)[0]
    response = client.post(cancel_url.replace("&amp;", "&"))
    assert response.status_code == 302 and response["Location"] == edit_url(scheduled)
    assert not scheduled.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert "Schedule cancelled" in " ".join(messages_of(response))


def test_a_story_without_an_approved_schedule_has_nothing_to_move(client, newsroom, scheduled):
    client.force_login(newsroom.moderator)
    client.post(
        reverse(
            "wagtailadmin_pages:revisions_unschedule",
            args=[scheduled.pk, scheduled.scheduled_revision.pk],
        )
    )
    response = client.get(move_url(scheduled))
    assert response.status_code == 302
    assert "has no schedule to move" in " ".join(messages_of(response))
    assert "data-approved-schedule" not in client.get(edit_url(scheduled)).content.decode()
