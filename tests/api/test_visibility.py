"""Drafts, unpublished and private pages are invisible in v2, v3, search and find."""

import pytest
from wagtail.models import PageViewRestriction

from news.factories import ArticlePageFactory

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
