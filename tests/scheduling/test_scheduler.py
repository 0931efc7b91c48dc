"""run_scheduler --once: scheduled go-lives and expiries."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from news.models import ArticlePage
from tests.news.article_form import article_form
from tests.scheduling.conftest import make_due, schedule

pytestmark = pytest.mark.django_db


def api_titles(client):
    response = client.get("/api/v2/pages/?type=news.ArticlePage")
    return [item["title"] for item in response.json()["items"]]


def tick():
    call_command("run_scheduler", "--once")


def publish_log_count(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count()


def test_due_revision_goes_live_once_and_appears_in_the_api(client, draft):
    revision = schedule(draft, timezone.now() + timedelta(hours=1))
    assert api_titles(client) == []

    tick()
    assert api_titles(client) == [], "published before its go-live time"

    make_due(revision, timezone.now() - timedelta(seconds=1))
    tick()
    draft.refresh_from_db()
    assert draft.live and draft.live_revision_id == revision.pk
    assert api_titles(client) == ["Oil Output Rises"]
    assert publish_log_count(draft) == 1

    tick()
    assert publish_log_count(draft) == 1, "published twice"


def test_the_approved_revision_goes_live_not_a_later_draft(client, draft):
    approved = schedule(draft, timezone.now() + timedelta(hours=1), title="Approved Headline")
    later = draft.get_latest_revision_as_object()
    later.title = "Unapproved Draft Headline"
    later.save_revision()

    make_due(approved, timezone.now() - timedelta(seconds=1))
    tick()

    draft.refresh_from_db()
    assert draft.live and draft.live_revision_id == approved.pk
    assert api_titles(client) == ["Approved Headline"]
    assert draft.has_unpublished_changes


def test_a_scheduled_update_then_unpublished_page_stays_down(client, live_article):
    article = live_article
    revision = schedule(article, timezone.now() + timedelta(hours=1), title="Updated Headline")
    article.refresh_from_db()
    article.unpublish()
    make_due(revision, timezone.now() - timedelta(seconds=1))

    tick()

    article.refresh_from_db()
    assert not article.live
    assert api_titles(client) == []


def test_expired_page_is_hidden_at_once_and_taken_down_by_the_scheduler(client, article):
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - timedelta(seconds=1)
    )
    # Still live in the database, but past its expiry: readers no longer see it
    # (the public boundary checks expiry when a page is read).
    assert api_titles(client) == []

    tick()

    article.refresh_from_db()
    assert not article.live and article.expired
    assert api_titles(client) == []
    assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 404
    entries = PageLogEntry.objects.filter(page=article, action="wagtail.unpublish.scheduled")
    assert entries.count() == 1
    tick()
    assert entries.count() == 1


def test_page_expiring_later_stays_live(client, article):
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() + timedelta(hours=1))
    tick()
    article.refresh_from_db()
    assert article.live


def test_editor_can_save_again_after_a_scheduled_publish(client, draft, editor):
    """Wagtail's "Invalid schedule": the page keeps a past go-live after the scheduled publish."""
    revision = schedule(draft, timezone.now() + timedelta(hours=1))
    make_due(revision, timezone.now() - timedelta(minutes=5))
    tick()
    client.force_login(editor)

    edit_url = f"/admin/pages/{draft.pk}/edit/"
    form = client.get(edit_url)
    assert form.status_code == 200
    assert b"Invalid schedule" not in form.content

    response = client.post(
        edit_url,
        article_form(
            draft, title="Oil Output Rises Further", go_live_at="", **{"action-publish": "1"}
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    draft.refresh_from_db()
    assert draft.live and draft.title == "Oil Output Rises Further"
