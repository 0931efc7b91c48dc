"""Authors as readers reach them through the API: in bylines, on their own endpoint, and
their stories; only what is publicly visible, in a constant number of queries."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.delivery.dependent_paths import frontend_paths
from cms.delivery.factories import ImageFactory
from news.factories import ArticleBylineFactory, ArticlePageFactory, AuthorFactory
from news.models import AuthorTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(section):
    ana = AuthorFactory(
        name="Ana Rivas",
        slug="ana-rivas",
        job_title="Caracas correspondent",
        bio="Covers oil.\n\nBased in Caracas.",
        photo=ImageFactory(),
    )
    for i in range(3):
        story = ArticlePageFactory(parent=section, title=f"Oil story {i}")
        ArticleBylineFactory(page=story, author=ana)
        story.save_revision().publish()
    return ana


def test_a_bylines_author_carries_name_slug_photo_and_page(client, ana):
    item = client.get("/api/v2/pages/?type=news.ArticlePage&fields=bylines").json()["items"][0]
    author = item["bylines"][0]["author"]
    assert author["name"] == "Ana Rivas"
    assert author["slug"] == "ana-rivas"
    assert author["job_title"] == "Caracas correspondent"
    assert author["html_path"] == "/authors/ana-rivas/"
    assert author["url"] == f"{settings.FRONTEND_URL}/authors/ana-rivas/"
    assert author["photo"]["renditions"]["small"]["url"].endswith(".webp")


def test_the_author_endpoint_shows_the_author_and_counts_public_stories(client, ana, section):
    draft = ArticlePageFactory(parent=section, title="Not yet", live=False)
    ArticleBylineFactory(page=draft, author=ana)
    response = client.get("/api/v3/authors/ana-rivas/")
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Ana Rivas"
    assert data["bio"] == "Covers oil.\n\nBased in Caracas."
    assert data["story_count"] == 3
    assert data["photo"]["renditions"]["thumbnail"]["url"]
    assert data["url"] == f"{settings.FRONTEND_URL}/authors/ana-rivas/"
    assert response["ETag"]
    stories = client.get(data["stories_path"] + "&fields=title").json()
    assert stories["meta"]["total_count"] == 3
    assert "Not yet" not in {item["title"] for item in stories["items"]}


def test_an_unknown_author_or_one_without_public_stories_is_a_404(client, section):
    AuthorFactory(name="New Hire", slug="new-hire")
    for slug in ("nobody", "new-hire"):
        response = client.get(f"/api/v3/authors/{slug}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_an_author_under_an_unpublished_section_is_hidden(client, ana, section):
    section.unpublish()
    assert client.get("/api/v3/authors/ana-rivas/").status_code == 404


def test_the_author_endpoint_costs_the_same_whatever_the_number_of_stories(client, ana, section):
    def queries():
        client.get("/api/v3/authors/ana-rivas/")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v3/authors/ana-rivas/").status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for i in range(10):
        story = ArticlePageFactory(parent=section, title=f"More {i}")
        ArticleBylineFactory(page=story, author=ana)
        story.save_revision().publish()
    assert queries() == few <= 5


def test_publishing_a_story_purges_its_authors_pages_on_the_frontend(ana, section):
    story = ArticlePageFactory(parent=section, title="Late story")
    ArticleBylineFactory(page=story, author=ana)
    ArticleBylineFactory(page=story, author=None, name="EFE")
    assert {"/authors/ana-rivas/", "/authors/ana-rivas/feed.xml"} <= frontend_paths(story)


def test_the_spanish_edition_reads_the_authors_spanish_job_title_and_bio(client, ana):
    AuthorTranslation.objects.create(
        author=ana, language="es", job_title="Corresponsal en Caracas", bio=""
    )
    spanish = client.get("/api/v3/authors/ana-rivas/?locale=es").json()
    english = client.get("/api/v3/authors/ana-rivas/").json()
    assert (spanish["name"], spanish["job_title"]) == ("Ana Rivas", "Corresponsal en Caracas")
    assert spanish["bio"] == english["bio"] == "Covers oil.\n\nBased in Caracas."  # left blank
    assert english["job_title"] == "Caracas correspondent"
    assert client.get("/api/v3/authors/ana-rivas/?locale=fr").status_code == 422


def test_editors_write_an_authors_spanish_labels_on_the_author(admin_client, client, ana):
    form = {
        "name": ana.name,
        "slug": ana.slug,
        "job_title": ana.job_title,
        "bio": ana.bio,
        "photo": ana.photo_id,
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        "translations-0-language": "es",
        "translations-0-job_title": "Corresponsal en Caracas",
        "translations-0-bio": "Cubre el petróleo.",
    }
    response = admin_client.post(f"/admin/snippets/news/author/edit/{ana.pk}/", form)
    assert response.status_code == 302
    spanish = client.get("/api/v3/authors/ana-rivas/?locale=es").json()
    assert spanish["job_title"] == "Corresponsal en Caracas"
    assert spanish["bio"] == "Cubre el petróleo."
