"""The editorial calendar (admin view and API) and the webhooks admin."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.webhooks.models import WebhookSubscription
from tests.scheduling.conftest import schedule, v3

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(draft, live_article):
    go_live = timezone.now() + timedelta(days=1)
    schedule(draft, go_live, embargo_until=go_live)
    type(live_article).objects.filter(pk=live_article.pk).update(
        expire_at=timezone.now() + timedelta(days=2)
    )
    return draft, live_article


def test_calendar_lists_go_lives_expiries_and_embargo_lifts(client, token, planned):
    draft, live_article = planned
    body = v3(client, "get", "/api/v3/calendar/", token).json()
    items = [(i["kind"], i["page"]["id"]) for i in body["items"]]
    assert sorted(items) == sorted(
        [("go_live", draft.pk), ("embargo_lift", draft.pk), ("expiry", live_article.pk)]
    )
    go_live = next(i for i in body["items"] if i["kind"] == "go_live")
    assert go_live["page"]["admin_url"] == f"/admin/pages/{draft.pk}/edit/"
    assert go_live["embargo_until"] == go_live["at"]
    assert go_live["at"].endswith(timezone.localtime().strftime("%z")[:3] + ":00")

    later = v3(
        client,
        "get",
        "/api/v3/calendar/",
        token,
        {"start": (timezone.now() + timedelta(days=3)).isoformat()},
    ).json()
    assert later["items"] == []


def test_calendar_needs_a_token_and_a_sane_range(client, token):
    assert client.get("/api/v3/calendar/").status_code == 401
    now = timezone.now()
    backwards = v3(
        client,
        "get",
        "/api/v3/calendar/",
        token,
        {"start": now.isoformat(), "end": (now - timedelta(days=1)).isoformat()},
    )
    assert backwards.status_code == 422
    assert "end must be after start" in backwards.json()["detail"]
    too_long = v3(
        client,
        "get",
        "/api/v3/calendar/",
        token,
        {"start": now.isoformat(), "end": (now + timedelta(days=400)).isoformat()},
    )
    assert too_long.status_code == 422
    assert v3(client, "get", "/api/v3/calendar/", token, {"start": "soon"}).status_code == 422


def test_admin_upcoming_publications_by_day(client, editor, planned):
    draft, live_article = planned
    client.force_login(editor)
    html = client.get("/admin/upcoming-publications/").content.decode()
    assert "Upcoming publications" in html
    assert html.count(f'href="/admin/pages/{draft.pk}/edit/"') == 2
    assert f'href="/admin/pages/{live_article.pk}/edit/"' in html
    assert "Expires" in html
    day = timezone.localtime(timezone.now() + timedelta(days=1))
    assert day.strftime("%A") in html

    menu = client.get("/admin/").content.decode()
    assert "/admin/upcoming-publications/" in menu


def test_editors_without_admin_access_cannot_open_the_calendar(client, db):
    assert client.get("/admin/upcoming-publications/").status_code == 302


def test_admin_registers_a_webhook_with_an_event_filter(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/snippets/webhooks/webhooksubscription/add/",
        {
            "url": "https://partner.example/hooks/laht",
            "description": "Partner portal",
            "events": ["published", "expired"],
            "active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    subscription = WebhookSubscription.objects.get()
    assert subscription.events == ["published", "expired"]
    assert subscription.secret.startswith("whsec_")

    edit = client.get(f"/admin/snippets/webhooks/webhooksubscription/edit/{subscription.pk}/")
    assert subscription.secret in edit.content.decode()
