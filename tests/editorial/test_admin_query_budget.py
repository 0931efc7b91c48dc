"""Admin pages cost a number of queries that does not grow with the rows they list."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from cms.delivery.factories import ImageFactory
from directory.factories import (
    CountryPageFactory,
    DirectoryIndexPageFactory,
    DirectoryLinkFactory,
    LinkCategoryPageFactory,
)
from news.factories import (
    ArticleBylineFactory,
    ArticlePageFactory,
    SectionPageFactory,
    WireSourceFactory,
)
from news.models import ArticlePage
from tests.editorial.conftest import PUBLIC


@pytest.fixture
def desk(chief, home):
    world = SectionPageFactory(parent=home, title="World", slug="world")
    source = WireSourceFactory(name="EFE")
    return {"world": world, "source": source, "user": chief}


def add_stories(desk, count):
    for index in range(count):
        story = ArticlePageFactory(
            parent=desk["world"], source=desk["source"], lead_image=ImageFactory()
        )
        ArticleBylineFactory(page=story, author=None, name=f"Staff {index}")
        if index % 2:
            story.go_live_at = timezone.now() + timedelta(days=1)
            story.save_revision(user=desk["user"], log_action=True).publish()
        else:
            story.save_revision(user=desk["user"], log_action=True)


def queries(client, url, params=None):
    client.get(url, params or {})  # warm per-process caches (content types, sites)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


def assert_constant(client, desk, url, params=None):
    add_stories(desk, 2)
    few = queries(client, url, params)
    add_stories(desk, 6)
    assert queries(client, url, params) == few


ARTICLE_FILTERS = [
    {},
    {"status": "live"},
    {"status": "changed"},
    {"status": "draft"},
    {"status": "scheduled"},
    {"status": "in_moderation"},
    {"status": "expired"},
    {"q": "story"},
    {"ordering": "go_live_at"},
]


@pytest.mark.parametrize("params", ARTICLE_FILTERS, ids=lambda p: "-".join(p) or "all")
def test_the_articles_listing_costs_the_same_for_more_stories(client, desk, params):
    assert_constant(client, desk, "/admin/articles/", params)


def test_the_articles_listing_filtered_by_section_and_source(client, desk):
    params = {"section": desk["world"].pk, "source": desk["source"].pk}
    assert_constant(client, desk, "/admin/articles/", params)


def test_the_dashboard_costs_the_same_for_more_recent_edits(client, desk):
    assert_constant(client, desk, reverse("wagtailadmin_home"))


def test_the_page_chooser_costs_the_same_for_more_stories(client, desk):
    # Statuses, schedules, embargo titles and each row's parent are read with the listing.
    url = reverse("wagtailadmin_choose_page_child", args=[desk["world"].pk])
    assert_constant(client, desk, url)
    html = client.get(url).json()["html"]
    assert html.count(f'data-parent-id="{desk["world"].pk}"') == 8  # every story's row


def test_the_page_chooser_search_costs_the_same_for_more_matching_stories(client, desk):
    # Each result's parent (its Parent column, its data-parent-id) is read with the results.
    url = reverse("wagtailadmin_choose_page_search")
    assert_constant(client, desk, url, {"q": "story"})
    html = client.get(url, {"q": "story"}).content.decode()
    assert html.count(f'data-parent-id="{desk["world"].pk}"') == 8
    assert html.count(">World</a>") == 8  # the Parent column


def test_the_image_chooser_costs_the_same_for_more_images(client, desk):
    assert_constant(client, desk, reverse("wagtailimages_chooser:choose"))


def test_the_story_editor_costs_the_same_for_more_stories_in_its_section(client, desk):
    story = ArticlePageFactory(parent=desk["world"], source=desk["source"])
    assert_constant(client, desk, reverse("wagtailadmin_pages:edit", args=[story.pk]))


def test_an_editors_view_of_an_approved_scheduled_story_costs_the_same_for_more_stories(
    client, newsroom, scheduled
):
    # The status panel's approved schedule, with its Cancel schedule for the editor.
    client.force_login(newsroom.editor)
    desk = {"world": newsroom.world, "source": WireSourceFactory(), "user": newsroom.moderator}
    assert_constant(client, desk, reverse("wagtailadmin_pages:edit", args=[scheduled.pk]))


def test_upcoming_publications_costs_the_same_for_more_scheduled_stories(client, desk):
    assert_constant(client, desk, "/admin/upcoming-publications/")


def test_link_health_costs_the_same_for_more_links(client, chief, home):
    country = CountryPageFactory(parent=DirectoryIndexPageFactory(parent=home))
    category = LinkCategoryPageFactory(parent=country, kind="newspapers")

    def add(count):
        for _ in range(count):
            DirectoryLinkFactory(page=category)

    add(2)
    few = queries(client, reverse("directory_link_health"))
    add(6)
    assert queries(client, reverse("directory_link_health")) == few


def test_the_articles_listing_counts_every_story_from_the_stories_table_alone(client, desk):
    add_stories(desk, 3)
    client.get("/admin/articles/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/admin/articles/")
    counts = [q["sql"] for q in captured if "COUNT(*)" in q["sql"]]
    assert len(counts) == 1 and "JOIN" not in counts[0]  # the primary key index suffices
    assert response.context["paginator"].count == 3


@pytest.mark.parametrize("params", ARTICLE_FILTERS, ids=lambda p: "-".join(p) or "all")
def test_the_articles_listings_count_is_the_number_of_stories_it_pages_through(
    client, desk, params
):
    add_stories(desk, 4)  # two of them scheduled
    ArticlePageFactory(parent=desk["world"], live=False, first_published_at=None)
    response = client.get("/admin/articles/", params)
    assert response.context["paginator"].count == len(response.context["object_list"])
    if not params:
        assert response.context["paginator"].count == 5


def count_queries(client, params) -> list[str]:
    client.get("/admin/articles/", params)
    with CaptureQueriesContext(connection) as captured:
        client.get("/admin/articles/", params)
    return [q["sql"] for q in captured if "COUNT(*)" in q["sql"]]


@pytest.mark.parametrize(
    "params", [{"status": "live"}, {"status": "changed"}, {"status": "expired"}, "section"]
)
def test_a_filter_on_the_stories_status_or_section_counts_from_the_page_table_alone(
    client, desk, params
):
    # The page table's index by type, path and status answers these without the stories' table.
    params = {"section": desk["world"].pk} if params == "section" else params
    add_stories(desk, 3)
    (count,) = count_queries(client, params)
    assert "JOIN" not in count and "news_articlepage" not in count


@pytest.mark.parametrize(
    "filters", ["section", "source", "section source", "status source", "owner"]
)
def test_the_articles_listings_count_with_any_filter_is_the_stories_it_pages_through(
    client, desk, filters
):
    add_stories(desk, 4)  # all in World, from EFE
    politics = SectionPageFactory(parent=desk["world"].get_parent(), title="Politics")
    other = WireSourceFactory(name="AP")
    ArticlePageFactory(parent=politics, source=other)
    ArticlePageFactory(parent=desk["world"], source=other)
    values = {"section": desk["world"].pk, "source": other.pk, "status": "live"}
    values["owner"] = desk["user"].pk
    params = {name: values[name] for name in filters.split()}
    response = client.get("/admin/articles/", params)
    listed = response.context["object_list"]
    assert response.context["paginator"].count == len(listed) > 0
    if filters == "section source":
        assert len(listed) == 1


@pytest.mark.parametrize("params", [{}, {"status": "live"}], ids=["all", "live"])
def test_an_editor_counts_only_the_stories_they_may_explore(client, newsroom, params):
    explorable = [ArticlePageFactory(parent=newsroom.world) for _ in range(3)]
    ArticlePageFactory(parent=newsroom.home)  # on the front page, where editors have no rights
    client.force_login(newsroom.editor)
    response = client.get("/admin/articles/", params)
    listed = {page.pk for page in response.context["object_list"]}
    assert {page.pk for page in explorable} <= listed
    assert response.context["paginator"].count == len(listed) < ArticlePage.objects.count()


def test_the_articles_listing_reads_the_site_root_paths_as_often_whatever_its_rows(
    client, desk, monkeypatch
):
    # Each row links its story on the public site twice (status badge, "View live").
    calls = []
    original = Site.get_site_root_paths
    monkeypatch.setattr(
        Site, "get_site_root_paths", staticmethod(lambda: calls.append(1) or original())
    )

    def reads() -> int:
        client.get("/admin/articles/")
        calls.clear()
        html = client.get("/admin/articles/").content.decode()
        assert html.count(f"{PUBLIC}/world/") >= ArticlePage.objects.live().count() > 0
        return len(calls)

    add_stories(desk, 2)
    few = reads()
    add_stories(desk, 6)
    assert reads() == few <= 2
