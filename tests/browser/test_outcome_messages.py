"""The desk in Chromium is told what Approve and Publish did, in newsroom time."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from cms.publishing.newsroom_time import newsroom_time
from news.factories import ArticlePageFactory
from news.models import ArticlePage
from tests.browser.conftest import log_in
from tests.browser.test_editorial_flow import open_actions_menu

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_approve_says_when_the_story_goes_live_and_publish_says_it_is_live(
    live_server, frontend_server, newsroom, new_page
):
    # One signed-in moderator for both steps: the live servers and the demo desk are the
    # expensive part of a browser test.
    editor = get_user_model().objects.get(username="editor")
    submitted = ArticlePageFactory(
        parent=newsroom.world, title="Port Strike Called Off", live=False
    )
    go_live = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    submitted.go_live_at = go_live
    submitted.save_revision(user=editor)
    submitted.get_workflow().start(submitted, editor)
    draft = ArticlePageFactory(parent=newsroom.world, title="Dockers Return to Work", live=False)
    draft.save_revision(user=editor)
    messages = "main .messages"

    page = new_page()
    log_in(page, live_server.url, "moderator")
    page.goto(f"{live_server.url}/admin/pages/{submitted.pk}/edit/")
    open_actions_menu(page)
    page.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    ).click()
    told = f'"Port Strike Called Off" is scheduled: it goes live on {newsroom_time(go_live)}.'
    expect(page.locator(messages)).to_contain_text(told)
    assert "Caracas time" in told
    assert ArticlePage.objects.get(pk=submitted.pk).scheduled_revision is not None

    page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    open_actions_menu(page)
    page.locator("button[name='action-publish']").click()
    expect(page.locator(messages)).to_contain_text(
        '"Dockers Return to Work" is live on the public site since '
    )
    published = ArticlePage.objects.get(pk=draft.pk)
    assert published.live
    expect(page.locator(messages)).to_contain_text(newsroom_time(published.last_published_at))
