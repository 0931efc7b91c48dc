"""Embargo and schedules through API v3: an early publication is a 422, schedules are
validated with a message."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from news.models import ArticlePage
from tests.scheduling.conftest import v3

pytestmark = pytest.mark.django_db


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
