"""Embargo in the admin: publishing or going live early is refused, scheduling waits for it,
and editors see it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.news.article_form import article_form, local

pytestmark = pytest.mark.django_db


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
