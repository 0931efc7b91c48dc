"""The v2 pages API: shape of each page type, filters, limits, visibility."""

import json

import pytest
from django.conf import settings

from cms.countries.factories import CountryFactory
from cms.delivery.factories import ImageFactory
from news.factories import (
    ArticleBylineFactory,
    ArticleCorrectionFactory,
    ArticlePageFactory,
    AuthorFactory,
    SectionPageFactory,
    WireSourceFactory,
)
from news.models import ArticleRelatedStory

pytestmark = pytest.mark.django_db


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def test_article_detail_has_everything_to_render_it(client, section):
    venezuela = CountryFactory(code="VE", name="Venezuela")
    author = AuthorFactory(name="Ana Rivas", slug="ana-rivas")
    other = ArticlePageFactory(parent=section, title="Earlier story")
    article = ArticlePageFactory(
        parent=section,
        title="Oil output rises",
        dateline_city="Caracas",
        source=WireSourceFactory(name="Reuters", slug="reuters"),
        lead_image_caption="Oil workers in Zulia.",
        body=[
            ("paragraph", f'<p>See <a linktype="page" id="{other.pk}">earlier</a>.</p>'),
            ("heading", {"text": "Background", "level": "h2"}),
            ("quote", {"text": "Output is up.", "attribution": "Oil minister"}),
            ("image", {"image": ImageFactory(), "caption": "", "credit": "AP", "alt": ""}),
            ("related_story", {"page": other, "label": "Related"}),
        ],
    )
    ArticleBylineFactory(page=article, author=author)
    ArticleBylineFactory(page=article, author=None, name="EFE staff")
    ArticleCorrectionFactory(page=article, text="Corrected the output figure.")
    ArticleRelatedStory.objects.create(page=article, related=other)
    article.tags.add("oil")
    article.countries.add(venezuela)
    article.save_revision().publish()

    data = get(client, f"/api/v2/pages/{article.pk}/")
    assert data["meta"]["type"] == "news.ArticlePage"
    assert data["meta"]["html_url"] == f"{settings.FRONTEND_URL}/world/oil-output-rises/"
    assert data["dateline"] == "CARACAS –"
    assert [b["display_name"] for b in data["bylines"]] == ["Ana Rivas", "EFE staff"]
    assert data["source"]["name"] == "Reuters"
    assert set(data["lead_image"]["renditions"]) == {"thumbnail", "small", "medium", "large"}
    assert data["lead_image"]["renditions"]["small"]["url"].endswith(".webp")
    assert data["lead_image"]["alt"]
    assert data["lead_image_caption"] == "Oil workers in Zulia."
    assert data["tags"] == ["oil"]
    assert data["countries"] == [{"name": "Venezuela", "code": "VE", "region": "south-america"}]
    assert data["corrections"][0]["text"] == "Corrected the output figure."
    assert data["section"] == {"id": section.pk, "title": "World", "html_path": "/world/"}
    assert data["date"] is not None
    assert data["related_stories"][0]["title"] == "Earlier story"
    assert data["related_stories"][0]["url"] == f"{settings.FRONTEND_URL}/world/earlier-story/"

    blocks = {block["type"]: block["value"] for block in data["body"]}
    assert f'href="{settings.FRONTEND_URL}/world/earlier-story/"' in blocks["paragraph"]
    assert "linktype" not in blocks["paragraph"]
    assert blocks["quote"] == {"text": "Output is up.", "attribution": "Oil minister"}
    assert blocks["image"]["credit"] == "AP"
    assert "large" in blocks["image"]["renditions"]
    assert blocks["related_story"]["story"]["title"] == "Earlier story"
    assert blocks["related_story"]["story"]["image"]["renditions"]["thumbnail"]["url"]


def test_home_page_blocks_resolve_chosen_pages(client, home, section, article):
    home.body = [
        ("featured_story", {"page": article, "headline": "", "summary": ""}),
        ("section_rail", {"section": section, "title": "", "count": 3}),
        ("story_list", {"title": "Picks", "stories": [article]}),
        ("markets_box", {"title": "Markets"}),
        ("most_viewed", {"title": "Most Viewed", "period": "24h", "count": 5}),
    ]
    home.save_revision().publish()
    data = get(client, f"/api/v2/pages/{home.pk}/")
    blocks = [block["type"] for block in data["body"]]
    assert blocks == ["featured_story", "section_rail", "story_list", "markets_box", "most_viewed"]
    featured = data["body"][0]["value"]["story"]
    assert featured["title"] == article.title
    assert featured["html_path"] == f"/world/{article.slug}/"
    assert featured["image"]["renditions"]["medium"]["url"]
    rail = data["body"][1]["value"]
    assert rail["title"] == "World"
    assert [s["id"] for s in rail["stories"]] == [article.pk]
    assert data["body"][2]["value"]["stories"][0]["id"] == article.pk


def test_section_detail(client, section):
    data = get(client, f"/api/v2/pages/{section.pk}/")
    assert data["meta"]["type"] == "news.SectionPage"
    assert data["intro_html"] == "<p>The latest news.</p>"
    assert data["body"] == []


def test_find_by_path_answers_with_the_page_in_one_request(client, article):
    response = client.get("/api/v2/pages/find/?html_path=/world/" + article.slug + "/")
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == article.pk
    assert data["meta"]["type"] == "news.ArticlePage"
    assert data["dateline"] == "MOSCOW –"
    assert data == client.get(f"/api/v2/pages/{article.pk}/").json()


def test_find_by_path_keeps_the_fields_parameter(client, article):
    path = "/world/" + article.slug + "/"
    data = client.get("/api/v2/pages/find/", {"html_path": path, "fields": "-body"}).json()
    assert data["id"] == article.pk
    assert "body" not in data
    assert "deck" in data


def test_filters_by_tag_country_source_author_and_section(client, home, section):
    business = SectionPageFactory(parent=home, title="Business", slug="business")
    ve = CountryFactory(code="VE", name="Venezuela")
    efe = WireSourceFactory(name="EFE", slug="efe")
    ap = WireSourceFactory(name="AP", slug="ap")
    a = ArticlePageFactory(parent=section, title="A", source=efe)
    b = ArticlePageFactory(parent=business, title="B", source=ap)
    a.tags.add("oil")
    a.save()
    b.countries.add(ve)
    b.save()
    ArticleBylineFactory(page=b, author=AuthorFactory(name="Ana", slug="ana"))

    def ids(query):
        data = get(client, f"/api/v2/pages/?type=news.ArticlePage&{query}")
        return {item["id"] for item in data["items"]}

    assert ids("tag=oil") == {a.pk}
    assert ids("country=ve") == {b.pk}
    assert ids("source=ap") == {b.pk}
    assert ids("author=ana") == {b.pk}
    assert ids(f"descendant_of={business.pk}") == {b.pk}
    assert ids(f"section={section.pk}") == {a.pk}


def test_order_by_display_date(client, section):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    old = ArticlePageFactory(parent=section, title="Old", date=now - datetime.timedelta(days=3))
    new = ArticlePageFactory(parent=section, title="New", date=now - datetime.timedelta(hours=1))
    data = get(client, "/api/v2/pages/?type=news.ArticlePage&order=-date")
    assert [item["id"] for item in data["items"]] == [new.pk, old.pk]


def test_limit_above_maximum_is_a_400_with_a_message(client, home, settings):
    data = get(client, f"/api/v2/pages/?limit={settings.WAGTAILAPI_LIMIT_MAX + 1}", status=400)
    assert "limit cannot be higher than" in data["message"]


def test_news_filter_needs_article_type(client, home):
    data = get(client, "/api/v2/pages/?tag=oil", status=400)
    assert "type=news.ArticlePage" in data["message"]


def test_bad_section_filter_is_a_400(client, home):
    data = get(client, "/api/v2/pages/?type=news.ArticlePage&section=abc", status=400)
    assert "section" in data["message"]


def test_public_reads_are_cacheable(client, article):
    response = client.get(f"/api/v2/pages/{article.pk}/")
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]


class TestChildOf:
    """``child_of`` is answered inside the listing's queries (``BatchedChildOfFilter``)."""

    def test_lists_only_direct_children_with_their_parent(self, client, home, section):
        from news.factories import SectionPageFactory

        story = ArticlePageFactory(parent=section, title="Direct child")
        sub = SectionPageFactory(parent=section, title="Sub", slug="sub")
        ArticlePageFactory(parent=sub, title="Grandchild")
        ArticlePageFactory(parent=home, title="Elsewhere")
        data = client.get(f"/api/v2/pages/?child_of={section.pk}").json()
        assert {item["title"] for item in data["items"]} == {"Direct child", "Sub"}
        assert data["meta"]["total_count"] == 2
        typed = client.get(f"/api/v2/pages/?child_of={section.pk}&type=news.ArticlePage&fields=*")
        typed = typed.json()
        assert [item["id"] for item in typed["items"]] == [story.pk]
        assert typed["items"][0]["section"]["id"] == section.pk

    def test_a_missing_or_invisible_parent_is_a_400(self, client, section):
        from wagtail.models import PageViewRestriction

        missing = client.get("/api/v2/pages/?child_of=99999")
        assert missing.status_code == 400
        assert missing.json() == {"message": "parent page doesn't exist"}
        ArticlePageFactory(parent=section)
        PageViewRestriction.objects.create(page=section, restriction_type="login")
        hidden = client.get(f"/api/v2/pages/?child_of={section.pk}")
        assert hidden.status_code == 400
        assert client.get("/api/v2/pages/?child_of=abc").status_code == 400

    def test_an_empty_visible_parent_is_an_empty_list(self, client, section):
        data = client.get(f"/api/v2/pages/?child_of={section.pk}").json()
        assert data == {"meta": {"total_count": 0}, "items": []}

    def test_root_and_descendant_of_combination_still_behave_as_wagtail(self, client, section):
        ArticlePageFactory(parent=section)
        root = client.get("/api/v2/pages/?child_of=root").json()
        assert [item["id"] for item in root["items"]] == [section.pk]
        both = client.get(f"/api/v2/pages/?child_of={section.pk}&descendant_of={section.pk}")
        assert both.status_code == 400


def test_answers_are_compact_json(client, article):
    """No pretty-printing (Wagtail indents by 4): a third fewer bytes for every client."""
    for url in ("/api/v2/pages/?type=news.ArticlePage&fields=*", f"/api/v2/pages/{article.pk}/"):
        body = client.get(url).content
        assert b"\n" not in body and b'": ' not in body
        assert json.loads(body)["id" if "?" not in url else "items"]
