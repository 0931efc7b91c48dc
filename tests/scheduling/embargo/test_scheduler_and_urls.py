"""Embargo beyond the editor: the scheduler holds a due revision, nothing public shows the
draft, bulk publishing refuses it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.scheduling.conftest import make_due, schedule

pytestmark = pytest.mark.django_db


def test_scheduler_holds_a_due_revision_until_the_embargo_lifts(client, draft, caplog):
    revision = schedule(draft, timezone.now() + timedelta(hours=1))
    make_due(revision, timezone.now() - timedelta(seconds=5))
    # An embargo set on the scheduled revision afterwards (e.g. by an import).
    revision.content["embargo_until"] = (timezone.now() + timedelta(hours=1)).isoformat()
    revision.save(update_fields=["content"])

    call_command("run_scheduler", "--once")
    draft.refresh_from_db()
    assert not draft.live
    assert "Holding revision" in caplog.text
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None, "the schedule was dropped"

    revision.content["embargo_until"] = (timezone.now() - timedelta(seconds=1)).isoformat()
    revision.save(update_fields=["content"])
    call_command("run_scheduler", "--once")
    draft.refresh_from_db()
    assert draft.live


def test_nothing_public_shows_an_embargoed_draft(client, embargoed):
    assert client.get("/api/v2/pages/?type=news.ArticlePage").json()["items"] == []
    assert client.get(f"/api/v2/pages/{embargoed.pk}/").status_code == 404
    found = client.get(f"/api/v2/pages/find/?html_path=/world/{embargoed.slug}/")
    assert found.status_code == 404
    assert client.get(f"/world/{embargoed.slug}/").status_code == 404


def test_admin_bulk_publish_refuses_embargoed_stories(client, editor, embargoed, section):
    from news.factories import ArticlePageFactory

    other = ArticlePageFactory(parent=section, title="Free Story", live=False)
    client.force_login(editor)
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={embargoed.pk}&id={other.pk}"
        f"&next=/admin/pages/{section.pk}/",
        {"include_descendants": ""},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was published." in html and "Embargoed until" in html
    embargoed.refresh_from_db()
    other.refresh_from_db()
    assert not embargoed.live and not other.live
