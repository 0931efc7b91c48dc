"""Drafts, unpublished and private pages are invisible in v2, v3, search and find."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.delivery import visibility
from news.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(section):
    draft = ArticlePageFactory(parent=section, title="Secret draft zebra", live=False)
    unpublished = ArticlePageFactory(parent=section, title="Pulled story zebra")
    unpublished.unpublish()
    private = ArticlePageFactory(parent=section, title="Private story zebra")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return [draft, unpublished, private]


def test_hidden_pages_never_show(client, section, hidden):
    visible = ArticlePageFactory(parent=section, title="Public story zebra")
    v2 = client.get("/api/v2/pages/?type=news.ArticlePage").json()
    assert [item["id"] for item in v2["items"]] == [visible.pk]
    v3 = client.get("/api/v3/pages/?type=news.ArticlePage").json()
    assert [item["id"] for item in v3["items"]] == [visible.pk]
    search = client.get("/api/v2/pages/?search=zebra").json()
    assert [item["id"] for item in search["items"]] == [visible.pk]
    for page in hidden:
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404
        path = f"/world/{page.slug}/"
        assert client.get(f"/api/v2/pages/find/?html_path={path}").status_code == 404
        assert client.get(f"/api/v3/pages/find/?html_path={path}").status_code == 404


def test_draft_link_in_rich_text_has_no_href(client, section, hidden):
    draft = hidden[0]
    story = ArticlePageFactory(
        parent=section,
        body=[("paragraph", f'<p><a linktype="page" id="{draft.pk}">draft</a></p>')],
    )
    body = client.get(f"/api/v2/pages/{story.pk}/").json()["body"]
    assert body[0]["value"] == "<p><a>draft</a></p>"


def test_hidden_pages_are_dropped_from_blocks(client, home, section, hidden):
    home.body = [("story_list", {"title": "Picks", "stories": hidden})]
    home.save_revision().publish()
    data = client.get(f"/api/v2/pages/{home.pk}/").json()
    assert data["body"][0]["value"]["stories"] == []


def search_ids(client):
    response = client.get("/api/v2/pages/?type=news.ArticlePage&search=zebra")
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_search_drops_a_story_once_its_section_is_unpublished(
    client, home, django_capture_on_commit_callbacks
):
    desk = SectionPageFactory(parent=home, title="Desk", slug="desk")
    story = ArticlePageFactory(parent=desk, title="Desk story zebra")
    assert search_ids(client) == [story.pk]  # the hidden subtrees are now kept for a while
    with django_capture_on_commit_callbacks(execute=True):
        desk.unpublish()
    assert search_ids(client) == []
    with django_capture_on_commit_callbacks(execute=True):
        desk.save_revision().publish()
    assert search_ids(client) == [story.pk]


def test_search_drops_a_story_at_its_expiry_before_the_scheduler_unpublishes_it(
    client, section, monkeypatch
):
    story = ArticlePageFactory(
        parent=section,
        title="Expiring story zebra",
        expire_at=timezone.now() + timedelta(hours=1),
    )
    assert search_ids(client) == [story.pk]
    # An hour later: the expiry has passed, nothing has been published since, and the
    # scheduler has not run yet.
    Page.objects.filter(pk=story.pk).update(expire_at=timezone.now() - timedelta(seconds=1))
    later = time.time() + 3601
    monkeypatch.setattr(visibility.time, "time", lambda: later)
    assert search_ids(client) == []
