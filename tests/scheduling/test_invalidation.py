"""Every transition purges every dependent URL, after the commit, through /_purge."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from cms.delivery import generation
from cms.webhooks.models import WebhookDelivery, WebhookSubscription
from news.factories import ArticlePageFactory, SectionPageFactory
from tests.scheduling.conftest import make_due, schedule

pytestmark = pytest.mark.django_db

SITEWIDE = {"/", "/feed.xml", "/sitemap.xml", "/news-sitemap.xml"}


@pytest.fixture
def subscriber(receiver):
    return WebhookSubscription.objects.create(url=receiver.url + "/hook")


def purged_paths(frontend):
    paths = set()
    for payload in frontend.json_on("/_purge"):
        paths |= {url.removeprefix(frontend.url) for url in payload["urls"]}
    return paths


def events(page):
    return list(
        WebhookDelivery.objects.filter(page_id=page.pk)
        .order_by("created_at")
        .values_list("event", flat=True)
    )


def test_publish_purges_the_story_its_sections_home_feeds_and_sitemaps(
    frontend, section, subscriber, django_capture_on_commit_callbacks
):
    venezuela = SectionPageFactory(parent=section, title="Venezuela", slug="venezuela")
    story = ArticlePageFactory(parent=venezuela, title="Oil Output Rises", live=False)
    frontend.requests.clear()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        story.save_revision().publish()
        assert frontend.on("/_purge") == [], "purged before the commit"

    [(_path, headers, _body)] = frontend.on("/_purge")
    assert headers["Authorization"] == "Bearer test-purge-secret"
    assert purged_paths(frontend) >= SITEWIDE | {
        "/world/",
        "/world/feed.xml",
        "/world/venezuela/",
        "/world/venezuela/feed.xml",
        f"/world/venezuela/{story.slug}/",
    }
    assert events(story) == ["published"]


def test_a_rolled_back_publication_purges_nothing_and_tells_no_one(
    frontend, draft, subscriber, django_capture_on_commit_callbacks
):
    frontend.requests.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        draft.save_revision().publish()
        raise RuntimeError("the editor's request failed")
    assert frontend.on("/_purge") == []
    assert events(draft) == []


def test_edit_unpublish_and_delete_purge_the_story(
    frontend, live_article, subscriber, django_capture_on_commit_callbacks
):
    story_path = f"/world/{live_article.slug}/"
    WebhookDelivery.objects.all().delete()

    for action in ("edit", "unpublish", "delete"):
        frontend.requests.clear()
        with django_capture_on_commit_callbacks(execute=True):
            if action == "edit":
                live_article.title = "Corrected Headline"
                live_article.save_revision().publish()
            elif action == "unpublish":
                live_article.unpublish()
            else:
                live_article.save_revision().publish()
                frontend.requests.clear()
                live_article.delete()
        assert {story_path, "/world/", "/"} <= purged_paths(frontend), action
    assert events(live_article) == ["updated", "unpublished", "published", "unpublished"]


def test_move_and_slug_change_purge_old_and_new_paths(
    frontend, live_article, home, django_capture_on_commit_callbacks
):
    business = SectionPageFactory(parent=home, title="Business", slug="business")
    old_path = f"/world/{live_article.slug}/"

    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        live_article.move(business, pos="last-child")
    assert {old_path, f"/business/{live_article.slug}/", "/world/", "/business/"} <= (
        purged_paths(frontend)
    )

    frontend.requests.clear()
    story = type(live_article).objects.get(pk=live_article.pk)
    old_slug = story.slug
    with django_capture_on_commit_callbacks(execute=True):
        story.slug = "renamed-story"
        story.save_revision().publish()
    assert {f"/business/{old_slug}/", "/business/renamed-story/"} <= purged_paths(frontend)


def test_scheduled_go_live_and_expiry_purge_and_notify(
    frontend, draft, subscriber, django_capture_on_commit_callbacks
):
    revision = schedule(draft, timezone.now() + timedelta(hours=1))
    assert events(draft) == ["scheduled"]
    make_due(revision, timezone.now() - timedelta(seconds=1))
    frontend.requests.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once")
    assert f"/world/{draft.slug}/" in purged_paths(frontend)

    type(draft).objects.filter(pk=draft.pk).update(expire_at=timezone.now())
    frontend.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once")
    assert f"/world/{draft.slug}/" in purged_paths(frontend)
    assert events(draft) == ["scheduled", "published", "expired"]


def test_publication_drops_the_api_response_cache(draft, django_capture_on_commit_callbacks):
    key = generation.api_cache_key("/api/v2/pages/")
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert generation.api_cache_key("/api/v2/pages/") != key


def test_frontend_down_does_not_fail_the_publication(
    settings, draft, django_capture_on_commit_callbacks, caplog
):
    settings.WAGTAILFRONTENDCACHE = {
        "frontend": {
            "BACKEND": "cms.delivery.frontend_cache.FrontendPurgeBackend",
            "LOCATION": "http://127.0.0.1:9/_purge",
            "HOSTNAMES": ["127.0.0.1:3000"],
            "TIMEOUT": 1,
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    draft.refresh_from_db()
    assert draft.live
    assert "Purge of" in caplog.text and "failed" in caplog.text
    assert [r.levelname for r in caplog.records if "Purge of" in r.getMessage()] == ["WARNING"]
