"""Every admin link to a live story opens the public site, and the CMS origin never fails."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from news.factories import ArticlePageFactory
from tests.editorial.conftest import PUBLIC, messages_of
from tests.news.article_form import article_form


def public_links(html, story):
    """The page's links to the story: each must be on the public site."""
    links = set(re.findall(r'href="([^"]*/world/[^"]*)"', html))
    assert all(link.startswith(PUBLIC) for link in links), links
    return {link for link in links if story.slug in link}


def test_the_articles_listing_links_live_stories_to_the_public_site(client, chief, article):
    html = client.get("/admin/articles/").content.decode()
    assert public_links(html, article) == {f"{PUBLIC}/world/{article.slug}/"}


def test_the_explorer_links_live_stories_to_the_public_site(client, chief, article):
    html = client.get(reverse("wagtailadmin_explore", args=[article.get_parent().pk]))
    assert public_links(html.content.decode(), article) == {f"{PUBLIC}/world/{article.slug}/"}


def test_the_editor_header_and_dashboard_link_to_the_public_site(client, chief, article):
    article.save_revision(user=chief, log_action=True)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert public_links(edit, article) == {f"{PUBLIC}/world/{article.slug}/"}
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert public_links(dashboard, article) == {f"{PUBLIC}/world/{article.slug}/"}


def test_the_message_after_publish_offers_view_live_on_the_public_site(client, chief, article):
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    response = client.post(edit_url, article_form(article, **{"action-publish": "1"}))
    assert response.status_code == 302
    assert any("published" in message for message in messages_of(response))
    follow = client.get(response.url).content.decode()
    assert f'href="{PUBLIC}/world/{article.slug}/"' in follow


def test_the_story_on_the_cms_origin_redirects_to_the_public_site(client, db, settings, article):
    settings.FRONTEND_URL = PUBLIC
    response = client.get(f"/world/{article.slug}/", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 302
    assert response["Location"] == f"{PUBLIC}/world/{article.slug}/"


@pytest.fixture
def submitted(db, settings, home, section):
    settings.FRONTEND_URL = PUBLIC
    settings.TIME_ZONE = "America/Caracas"
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True
    users = get_user_model().objects
    editor = users.create_user("reporter", "reporter@laht.example", "pw", is_staff=True)
    moderator = users.create_superuser("desk", "desk@laht.example", "pw")
    story = ArticlePageFactory(parent=section, title="Oil output rises", live=False)
    return story, editor, moderator


def approve(story, editor, moderator):
    story.save_revision(user=editor)
    state = story.get_workflow().start(story, editor)
    task_state = state.current_task_state
    mail.outbox.clear()
    task_state.task.specific.on_action(task_state, moderator, "approve")
    return [m for m in mail.outbox if "reporter@laht.example" in m.to]


def test_the_approval_email_of_a_scheduled_story_states_the_local_time_and_links_the_preview(
    submitted,
):
    story, editor, moderator = submitted
    story.go_live_at = datetime(2030, 3, 1, 0, 1, tzinfo=UTC)
    (message,) = approve(story, editor, moderator)
    assert "It goes live on Thu 28 Feb 2030, 20:01 Caracas time." in message.body
    preview = re.search(
        r"http://127\.0\.0\.1:8000/admin/pages/\d+/revisions/\d+/view/", message.body
    )
    assert preview, message.body
    html = message.alternatives[0][0]
    assert preview.group(0) in html and "20:01 Caracas time" in html


def test_the_approval_email_of_a_published_story_links_the_public_site(submitted):
    story, editor, moderator = submitted
    (message,) = approve(story, editor, moderator)
    assert f"{PUBLIC}/world/oil-output-rises/" in message.body
    assert "goes live" not in message.body
