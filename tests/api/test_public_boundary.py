"""The public boundary (cms.delivery.visibility): a story that is not publicly visible is
invisible to anonymous readers on every surface, whatever hides it."""

import time
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.delivery.documents.rendering import render_missing
from cms.delivery.models import APIDocument
from cms.delivery.visibility import is_public, public_ids, public_pages
from home.most_viewed.counting import add_views, hour_bucket
from home.most_viewed.rankings import most_viewed_payload
from home.newsletter.sending import build_issue_content
from news.factories import ArticlePageFactory, SectionPageFactory
from news.models import ArticlePage

pytestmark = pytest.mark.django_db

KINDS = [
    "under_an_unpublished_section",
    "under_a_never_published_section",
    "under_a_login_restricted_section",
    "under_a_password_restricted_section",
    "expired_but_still_live",
]
#: Hidden by its section: publishing the section (or lifting its restriction) shows it again.
SHOWN_AGAIN = KINDS[:4]
PATH = "/hidden-desk/zebra-crossing/"


@dataclass
class Hidden:
    kind: str
    desk: Page  # the story's section
    story: ArticlePage

    @property
    def path(self):
        return "/world/zebra-crossing/" if self.kind == "expired_but_still_live" else PATH

    def hide(self):
        if self.kind == "under_an_unpublished_section":
            self.desk.unpublish()
        elif self.kind == "under_a_login_restricted_section":
            PageViewRestriction.objects.create(page=self.desk, restriction_type="login")
        elif self.kind == "under_a_password_restricted_section":
            PageViewRestriction.objects.create(
                page=self.desk, restriction_type="password", password="s3cret"
            )
        elif self.kind == "expired_but_still_live":
            # Published with an expiry (which refreshed what shows it) that has passed since;
            # the scheduler has not run: still live in the database.
            from cms.delivery.invalidation import invalidate_page

            past = timezone.now() - timedelta(minutes=1)
            Page.objects.filter(pk=self.story.pk).update(expire_at=past)
            invalidate_page(self.story)
            self.story.refresh_from_db()
            assert self.story.live

    def show(self):
        if self.kind in ("under_an_unpublished_section", "under_a_never_published_section"):
            self.desk.refresh_from_db()
            self.desk.save_revision().publish()
        else:
            PageViewRestriction.objects.filter(page=self.desk).delete()


@pytest.fixture
def visible(section):
    return ArticlePageFactory(parent=section, title="Public story zebra", slug="public-zebra")


@pytest.fixture(params=KINDS)
def hidden(request, home, section):
    kind = request.param
    if kind == "expired_but_still_live":
        desk = section
    else:
        desk = SectionPageFactory(
            parent=home,
            title="Hidden Desk",
            slug="hidden-desk",
            live=kind != "under_a_never_published_section",
        )
    story = ArticlePageFactory(parent=desk, title="Zebra crossing story", slug="zebra-crossing")
    return Hidden(kind, desk, story)


@pytest.fixture(params=["documents on", "documents off"])
def documents_mode(request, settings):
    settings.API_DOCUMENTS = request.param == "documents on"
    return settings.API_DOCUMENTS


def ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def assert_v2_hides(client, hidden, visible):
    story = hidden.story
    assert ids(client, "/api/v2/pages/?type=news.ArticlePage&fields=*") == [visible.pk]
    assert ids(client, "/api/v2/pages/?type=news.ArticlePage&order=-date") == [visible.pk]
    untyped = ids(client, "/api/v2/pages/?limit=50")
    assert story.pk not in untyped
    if hidden.kind != "expired_but_still_live":
        assert hidden.desk.pk not in untyped
    assert ids(client, "/api/v2/pages/?search=zebra") == [visible.pk]
    assert ids(client, "/api/v2/pages/?type=news.ArticlePage&search=zebra") == [visible.pk]
    assert client.get(f"/api/v2/pages/{story.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{story.pk}/?fields=title").status_code == 404
    find = client.get("/api/v2/pages/find/", {"html_path": hidden.path})
    assert find.status_code == 404


def assert_v3_hides(client, hidden, visible):
    story = hidden.story
    assert ids(client, "/api/v3/pages/?type=news.ArticlePage") == [visible.pk]
    assert story.pk not in ids(client, "/api/v3/pages/?limit=50")
    assert client.get(f"/api/v3/pages/{story.pk}/").status_code == 404
    assert client.get("/api/v3/pages/find/", {"html_path": hidden.path}).status_code == 404
    assert client.get("/api/v3/pages/find/", {"id": story.pk}).status_code == 404


def test_v2_list_detail_find_and_search_hide_the_story(client, hidden, visible, documents_mode):
    if documents_mode:
        render_missing()  # stored while the story was public (none when it never was)
    hidden.hide()
    assert_v2_hides(client, hidden, visible)
    # The visible story's own document is still served.
    assert client.get(f"/api/v2/pages/{visible.pk}/").status_code == 200


def test_v3_list_detail_and_find_hide_the_story(client, hidden, visible):
    hidden.hide()
    assert_v3_hides(client, hidden, visible)
    assert client.get(f"/api/v3/pages/{visible.pk}/").status_code == 200


def test_documents_are_not_stored_for_hidden_stories(hidden, visible, settings):
    settings.API_DOCUMENTS = True
    hidden.hide()
    render_missing()
    stored = set(APIDocument.objects.values_list("page_id", flat=True))
    assert visible.pk in stored
    assert hidden.story.pk not in stored


@pytest.mark.parametrize("kind", SHOWN_AGAIN)
def test_showing_the_section_again_shows_the_story_again(
    client, home, section, visible, kind, settings, django_capture_on_commit_callbacks
):
    settings.API_DOCUMENTS = True
    desk = SectionPageFactory(
        parent=home,
        title="Hidden Desk",
        slug="hidden-desk",
        live=kind != "under_a_never_published_section",
    )
    story = ArticlePageFactory(parent=desk, title="Zebra crossing story", slug="zebra-crossing")
    hidden = Hidden(kind, desk, story)
    with django_capture_on_commit_callbacks(execute=True):
        hidden.hide()
    assert_v2_hides(client, hidden, visible)
    with django_capture_on_commit_callbacks(execute=True):
        hidden.show()
    expected = sorted([visible.pk, story.pk])
    assert sorted(ids(client, "/api/v2/pages/?type=news.ArticlePage")) == expected
    render_missing()
    assert APIDocument.objects.filter(page_id=story.pk).exists()
    assert sorted(ids(client, "/api/v2/pages/?type=news.ArticlePage&fields=*")) == expected
    detail = client.get(f"/api/v2/pages/{story.pk}/").json()
    assert detail["section"]["title"] == "Hidden Desk"
    assert client.get("/api/v2/pages/find/", {"html_path": PATH}).status_code == 200
    assert client.get(f"/api/v3/pages/{story.pk}/").status_code == 200
    assert is_public(Page.objects.get(pk=story.pk))


def test_unpublishing_a_section_drops_the_documents_below_it(
    home, settings, django_capture_on_commit_callbacks
):
    settings.API_DOCUMENTS = True
    region = SectionPageFactory(parent=home, title="Latin America", slug="latin-america")
    country = SectionPageFactory(parent=region, title="Venezuela", slug="venezuela")
    story = ArticlePageFactory(parent=country, title="Bolivar slides")
    render_missing()
    assert APIDocument.objects.filter(page_id=story.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        region.unpublish()
    assert not APIDocument.objects.filter(page_id=story.pk).exists()
    assert render_missing() == 0  # nothing below a hidden section is stored again
    with django_capture_on_commit_callbacks(execute=True):
        region.save_revision().publish()
    assert render_missing() >= 1
    assert APIDocument.objects.filter(page_id=story.pk).exists()


def test_cached_answers_are_dropped_when_a_section_is_unpublished(
    client, home, section, visible, settings, django_capture_on_commit_callbacks
):
    settings.API_RESPONSE_CACHE_SECONDS = 60
    cache.clear()
    desk = SectionPageFactory(parent=home, title="Hidden Desk", slug="hidden-desk")
    story = ArticlePageFactory(parent=desk, title="Zebra crossing story", slug="zebra-crossing")
    url = "/api/v2/pages/?type=news.ArticlePage"
    assert story.pk in ids(client, url)
    assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        desk.unpublish()
    assert ids(client, url) == [visible.pk]
    with django_capture_on_commit_callbacks(execute=True):
        desk.save_revision().publish()
    assert story.pk in ids(client, url)


def test_a_cached_answer_does_not_outlive_a_story_s_expiry(client, section, visible, settings):
    settings.API_RESPONSE_CACHE_SECONDS = 60
    cache.clear()
    soon = timezone.now() + timedelta(seconds=4)  # time to render under load
    story = ArticlePageFactory(parent=section, title="Zebra crossing story", slug="zebra-crossing")
    Page.objects.filter(pk=story.pk).update(expire_at=soon)
    url = "/api/v2/pages/?type=news.ArticlePage"
    assert story.pk in ids(client, url)
    assert client.get(url)["X-Cache"] == "hit"
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.2)
    # No scheduler tick, no invalidation: the cached answer lapses at the expiry.
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert [item["id"] for item in response.json()["items"]] == [visible.pk]


def test_a_document_showing_a_page_lapses_at_that_page_s_expiry(client, section, settings):
    settings.API_DOCUMENTS = True
    target = ArticlePageFactory(parent=section, title="Zebra crossing story", slug="zebra-crossing")
    linking = ArticlePageFactory(
        parent=section,
        title="Linking story",
        body=[("paragraph", f'<p><a linktype="page" id="{target.pk}">zebra</a></p>')],
    )
    soon = timezone.now() + timedelta(seconds=4)  # time to render under load
    Page.objects.filter(pk=target.pk).update(expire_at=soon)
    render_missing()
    body = client.get(f"/api/v2/pages/{linking.pk}/").json()["body"]
    assert "href" in body[0]["value"]
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.2)
    body = client.get(f"/api/v2/pages/{linking.pk}/").json()["body"]
    assert body[0]["value"] == "<p><a>zebra</a></p>"


def test_rich_text_links_to_it_keep_only_their_text(client, hidden, section, documents_mode):
    links = (
        f'<p><a linktype="page" id="{hidden.story.pk}">zebra</a> '
        f'<a linktype="page" id="{hidden.desk.pk}">desk</a></p>'
    )
    linking = ArticlePageFactory(parent=section, title="Linking", body=[("paragraph", links)])
    if documents_mode:
        render_missing()
    hidden.hide()
    if documents_mode:
        render_missing()
    for url in (
        f"/api/v2/pages/{linking.pk}/",
        f"/api/v3/pages/{linking.pk}/",
        "/api/v2/pages/?type=news.ArticlePage&fields=body&limit=50",
    ):
        data = client.get(url).json()
        item = next(i for i in data["items"] if i["id"] == linking.pk) if "items" in data else data
        html = item["body"][0]["value"]
        assert "<a>zebra</a>" in html, url
        if hidden.kind != "expired_but_still_live":
            assert "<a>desk</a>" in html, url


def test_home_page_blocks_and_section_rails_drop_it(client, home, hidden, visible):
    home.body = [
        ("featured_story", {"page": hidden.story, "headline": "", "summary": ""}),
        ("story_list", {"title": "Picks", "stories": [hidden.story, visible]}),
        ("section_rail", {"section": hidden.desk, "title": "", "count": 5}),
        ("promo", {"title": "Desk", "body": "<p>x</p>", "link_page": hidden.desk, "link_url": ""}),
    ]
    home.save_revision().publish()
    hidden.hide()
    for url in (f"/api/v2/pages/{home.pk}/", f"/api/v3/pages/{home.pk}/"):
        body = client.get(url).json()["body"]
        featured, picks, rail, promo = (block["value"] for block in body)
        assert featured["story"] is None, url
        assert [story["id"] for story in picks["stories"]] == [visible.pk], url
        rail_ids = [story["id"] for story in rail["stories"]]
        assert hidden.story.pk not in rail_ids, url
        if hidden.kind != "expired_but_still_live":
            assert rail["section"] is None, url
            assert promo["link"] is None, url


def test_a_hidden_section_s_title_is_not_in_its_child_s_section_field(client, home):
    desk = SectionPageFactory(parent=home, title="Secret Desk Title", slug="hidden-desk")
    story = ArticlePageFactory(parent=desk, title="Zebra", slug="zebra-crossing")
    assert story.section["title"] == "Secret Desk Title"
    desk.unpublish()
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.section is None


def test_most_viewed_and_the_newsletter_leave_it_out(client, hidden, visible, settings):
    settings.NEWSLETTER_TOP_STORIES = 5
    settings.NEWSLETTER_LATEST_STORIES = 5
    add_views(hidden.story.pk, hour_bucket(), 50)
    add_views(visible.pk, hour_bucket(), 5)
    hidden.hide()
    payload = most_viewed_payload("24h", 10)
    assert [item["id"] for item in payload["items"]] == [visible.pk]
    data = client.get("/api/v3/most-viewed/?period=24h&limit=10").json()
    assert [item["id"] for item in data["items"]] == [visible.pk]
    if hidden.kind != "expired_but_still_live":
        response = client.get(f"/api/v3/most-viewed/?section={hidden.desk.pk}")
        assert response.status_code == 422
    issue = build_issue_content(timezone.localdate())
    shown = [story["id"] for story in issue["top"] + issue["latest"]]
    assert hidden.story.pk not in shown
    assert visible.pk in shown


@pytest.mark.parametrize("kind", KINDS)
def test_directory_pages_under_a_hidden_page_are_not_public(client, home, kind):
    from cms.countries.factories import CountryFactory
    from directory.factories import (
        CountryPageFactory,
        DirectoryIndexPageFactory,
        DirectoryLinkFactory,
        LinkCategoryPageFactory,
    )

    directory = DirectoryIndexPageFactory(parent=home)
    guide = CountryPageFactory(
        parent=directory,
        country=CountryFactory(code="VE", name="Venezuela"),
        live=kind != "under_a_never_published_section",
    )
    category = LinkCategoryPageFactory(parent=guide, title="Embassies", kind="embassies-in-capital")
    DirectoryLinkFactory(page=category, name="Embassy of Spain", url="https://es.example.org/")
    hidden = Hidden(kind, guide, category)
    if kind == "expired_but_still_live":
        hidden.desk = guide
        past = timezone.now() - timedelta(minutes=1)
        Page.objects.filter(pk=guide.pk).update(expire_at=past)  # the guide itself expires
    else:
        hidden.hide()
    for page in (guide, category):
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404
    listing = client.get("/api/v2/pages/?type=directory.LinkCategoryPage").json()
    assert listing["items"] == []
    index = client.get(f"/api/v2/pages/{directory.pk}/").json()
    assert index["countries"] == []
    links = client.get("/api/v3/directory/links/").json()
    assert links["count"] == 0


def test_the_boundary_as_a_filter_and_as_a_predicate_agree(hidden, visible):
    hidden.hide()
    pages = Page.objects.filter(pk__in=[hidden.story.pk, visible.pk])
    assert set(public_pages(pages).values_list("pk", flat=True)) == {visible.pk}
    assert set(public_pages(ArticlePage.objects.all()).values_list("pk", flat=True)) == {visible.pk}
    assert public_ids([hidden.story.pk, visible.pk]) == {visible.pk}
    assert not is_public(Page.objects.get(pk=hidden.story.pk))
    assert is_public(Page.objects.get(pk=visible.pk))


def test_an_embargoed_live_story_is_not_public(client, section, visible):
    story = ArticlePageFactory(parent=section, title="Zebra crossing story", slug="zebra-crossing")
    ArticlePage.objects.filter(pk=story.pk).update(
        embargo_until=timezone.now() + timedelta(hours=1)
    )
    assert ids(client, "/api/v2/pages/?type=news.ArticlePage") == [visible.pk]
    assert story.pk not in ids(client, "/api/v2/pages/?limit=50")
    assert client.get(f"/api/v2/pages/{story.pk}/").status_code == 404
    assert client.get(f"/api/v3/pages/{story.pk}/").status_code == 404


def test_unpublishing_a_section_warns_that_its_stories_are_hidden(client, home):
    desk = SectionPageFactory(parent=home, title="Hidden Desk", slug="hidden-desk")
    ArticlePageFactory(parent=desk, title="One")
    ArticlePageFactory(parent=desk, title="Two")
    admin = User.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(admin)
    response = client.post(f"/admin/pages/{desk.pk}/unpublish/", follow=True)
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    warning = next(message for message in messages if "no longer see" in message)
    assert '"Hidden Desk"' in warning
    assert "2 published subpages" in warning
    assert "Publish it again" in warning
    desk.refresh_from_db()
    assert not desk.live


def test_unpublishing_a_section_with_its_subpages_says_nothing_more(client, home):
    desk = SectionPageFactory(parent=home, title="Hidden Desk", slug="hidden-desk")
    ArticlePageFactory(parent=desk, title="One")
    admin = User.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(admin)
    response = client.post(
        f"/admin/pages/{desk.pk}/unpublish/", {"include_descendants": "on"}, follow=True
    )
    messages = [str(message) for message in response.context["messages"]]
    assert not any("no longer see" in message for message in messages)
