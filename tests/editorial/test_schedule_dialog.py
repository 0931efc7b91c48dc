"""The schedule dialog of every page type names the newsroom's time zone next to each field,
and the go-live a story was submitted with shows in the status panel and the Articles listing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.publishing.newsroom_time import newsroom_time
from directory.factories import (
    CountryPageFactory,
    DirectoryIndexPageFactory,
    LinkCategoryPageFactory,
)
from news.factories import ArticlePageFactory


@pytest.fixture
def caracas(settings):
    settings.TIME_ZONE = "America/Caracas"


def edit_html(client, page) -> str:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_every_page_types_schedule_fields_say_caracas_time_and_its_utc_offset(
    client, chief, newsroom, caracas
):
    directory = DirectoryIndexPageFactory(parent=newsroom.home)
    country = CountryPageFactory(parent=directory)
    pages = [
        newsroom.home,
        newsroom.world,
        ArticlePageFactory(parent=newsroom.world),
        directory,
        country,
        LinkCategoryPageFactory(parent=country),
    ]
    for page in pages:
        html = edit_html(client, page)
        dialog = html.split('id="schedule-publishing-dialog"', 1)[1]
        assert dialog.count("Caracas time (UTC−04:00, America/Caracas)") == 2, type(page).__name__


@pytest.fixture
def submitted(newsroom):
    """A new story the editor submitted with a go-live, not approved yet."""
    story = ArticlePageFactory(parent=newsroom.world, title="Port Strike Called Off", live=False)
    story.go_live_at = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    story.save_revision(user=newsroom.editor)
    story.get_workflow().start(story, newsroom.editor)
    return story


def test_the_submitted_go_live_shows_in_the_status_panel(client, newsroom, submitted, caracas):
    client.force_login(newsroom.moderator)
    html = edit_html(client, submitted)
    assert "Once scheduled:" in html and "Go-live:" in html


def test_the_articles_listing_shows_the_submitted_go_live_in_newsroom_time(
    client, newsroom, submitted, caracas
):
    client.force_login(newsroom.moderator)
    response = client.get(reverse("articles:index"), {"status": "in_moderation"})
    html = response.content.decode()
    assert "Proposed go-live" in html
    assert newsroom_time(submitted.go_live_at) in html


def test_the_moderators_dashboard_shows_the_go_live_each_story_awaiting_review_proposes(
    client, newsroom, submitted, caracas
):
    client.force_login(newsroom.moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    review = html.split("Awaiting your review", 1)[1]
    assert f"Proposed go-live: {newsroom_time(submitted.go_live_at)}" in review
