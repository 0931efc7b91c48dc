"""Embargo: no one publishes a wire story before its embargo, by hand, API or schedule."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from news.models import ArticlePage
from tests.news.article_form import article_form, local
from tests.scheduling.conftest import make_due, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def embargoed(draft):
    draft.embargo_until = timezone.now() + timedelta(hours=2)
    draft.save()
    draft.save_revision()
    return draft


def v3(client, method, url, token, payload=None):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if method == "get":
        return client.get(url, payload or {}, **auth)
    return getattr(client, method)(
        url, data=json.dumps(payload or {}), content_type="application/json", **auth
    )


# --- Admin ---------------------------------------------------------------------------


def test_admin_publish_before_the_embargo_is_refused_with_a_message(client, editor, embargoed):
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{embargoed.pk}/edit/", article_form(embargoed, **{"action-publish": "1"})
    )
    assert response.status_code == 200
    assert "Embargoed until" in response.content.decode()
    assert "cannot be published before then" in response.content.decode()
    embargoed.refresh_from_db()
    assert not embargoed.live


def test_admin_go_live_before_the_embargo_is_refused(client, editor, embargoed):
    client.force_login(editor)
    early = embargoed.embargo_until - timedelta(hours=1)
    response = client.post(
        f"/admin/pages/{embargoed.pk}/edit/",
        article_form(embargoed, go_live_at=local(early), **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    assert "is before the embargo" in response.content.decode()
    assert not embargoed.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_admin_schedules_at_the_embargo_in_local_time(client, editor, embargoed):
    client.force_login(editor)
    embargo = embargoed.embargo_until.replace(second=0, microsecond=0) + timedelta(minutes=1)
    response = client.post(
        f"/admin/pages/{embargoed.pk}/edit/",
        article_form(
            embargoed,
            embargo_until=local(embargo),
            go_live_at=local(embargo),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    revision = embargoed.revisions.get(approved_go_live_at__isnull=False)
    assert revision.approved_go_live_at == embargo

    listing = client.get("/admin/upcoming-publications/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert embargoed.title in html
    assert "Goes live" in html and "Embargo lifts" in html
    assert local(embargo) in html


def test_embargo_is_shown_in_the_editor_and_in_listings(client, editor, embargoed):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{embargoed.pk}/edit/").content.decode()
    assert "Embargo" in html
    assert local(embargoed.embargo_until) in html

    listing = client.get(f"/admin/pages/{embargoed.get_parent().pk}/").content.decode()
    assert f"[embargoed until {local(embargoed.embargo_until)}]" in listing

    embargoed.embargo_until = timezone.now() - timedelta(minutes=1)
    embargoed.save()
    listing = client.get(f"/admin/pages/{embargoed.get_parent().pk}/").content.decode()
    assert "embargoed until" not in listing


# --- API v3 -------------------------------------------------------------------------


def story(section, **extra):
    return {
        "meta": {"parent_id": section.pk, "type": "news.ArticlePage", "action": "publish"},
        "title": "OPEC Cuts Output",
        "slug": "opec-cuts-output",
        **extra,
    }


def test_api_create_and_publish_before_the_embargo_is_a_422(client, section, token):
    embargo = timezone.now() + timedelta(hours=3)
    response = v3(
        client, "post", "/api/v3/pages/", token, story(section, embargo_until=embargo.isoformat())
    )
    assert response.status_code == 422, response.content
    assert "Embargoed until" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="opec-cuts-output", live=True).exists()


def test_api_publish_action_before_the_embargo_is_a_422(client, token, embargoed):
    response = v3(client, "post", f"/api/v3/pages/{embargoed.pk}/actions/publish/", token)
    assert response.status_code == 422, response.content
    assert "Embargoed until" in response.json()["detail"] + json.dumps(response.json())
    embargoed.refresh_from_db()
    assert not embargoed.live


def test_api_schedules_go_live_and_expiry(client, section, token):
    go_live = timezone.now() + timedelta(hours=3)
    expire = go_live + timedelta(days=1)
    response = v3(
        client,
        "post",
        "/api/v3/pages/",
        token,
        story(
            section,
            embargo_until=go_live.isoformat(),
            go_live_at=go_live.isoformat(),
            expire_at=expire.isoformat(),
        ),
    )
    assert response.status_code == 201, response.content
    page = ArticlePage.objects.get(slug="opec-cuts-output")
    assert not page.live
    scheduled_at = page.revisions.get().approved_go_live_at
    assert abs(scheduled_at - go_live) < timedelta(milliseconds=1)
    body = response.json()
    assert body["go_live_at"] is not None and body["expire_at"] is not None

    calendar = v3(client, "get", "/api/v3/calendar/", token).json()
    kinds = {(item["kind"], item["page"]["id"]) for item in calendar["items"]}
    assert ("go_live", page.pk) in kinds and ("embargo_lift", page.pk) in kinds

    state = v3(client, "get", f"/api/v3/calendar/pages/{page.pk}/", token).json()
    assert state["scheduled"]["revision_id"] == page.revisions.get().pk
    assert state["expire_at"] is not None and not state["live"]

    # Clearing: cancel the scheduled publication, then the page can be edited again.
    cancelled = v3(client, "delete", f"/api/v3/calendar/pages/{page.pk}/schedule/", token)
    assert cancelled.status_code == 200, cancelled.content
    assert cancelled.json()["scheduled"] is None
    cleared = v3(
        client,
        "patch",
        f"/api/v3/pages/{page.pk}/",
        token,
        {"meta": {"type": "news.ArticlePage"}, "go_live_at": None, "expire_at": None},
    )
    assert cleared.status_code == 200, cleared.content
    assert cleared.json()["go_live_at"] is None and cleared.json()["expire_at"] is None
    call_command("run_scheduler", "--once")
    assert not ArticlePage.objects.get(pk=page.pk).live


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"go_live_at": 3, "expire_at": 2}, "must be before expiry"),
        ({"expire_at": -1}, "must be in the future"),
        ({"embargo_until": 3, "go_live_at": 2}, "is before the embargo"),
    ],
)
def test_api_invalid_schedules_are_422_with_a_message(client, section, token, fields, message):
    now = timezone.now()
    payload = story(
        section, **{k: (now + timedelta(hours=v)).isoformat() for k, v in fields.items()}
    )
    response = v3(client, "post", "/api/v3/pages/", token, payload)
    assert response.status_code == 422, response.content
    assert message in response.content.decode()
    assert not ArticlePage.objects.filter(slug="opec-cuts-output").exists()


# --- Scheduler and public URLs ----------------------------------------------------------


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
