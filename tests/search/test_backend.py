"""Wagtail's search backend on PostgreSQL (``cms.search.backend``): pages indexed once.

A page's full text lives in the search table only; Wagtail's own index keeps its title for
the admin's searches (autocomplete), and images and documents are indexed as before.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from cms.delivery.factories import ImageFactory
from cms.search.backend import PageEntrySearchBackend
from news.factories import ArticlePageFactory
from news.models import ArticlePage

pytestmark = pytest.mark.django_db


def story(section, title, body, **kwargs):
    return ArticlePageFactory(
        parent=section, title=title, body=[("paragraph", f"<p>{body}</p>")], **kwargs
    )


def row_of(page):
    return (
        IndexEntry.objects.annotate(title_length=Length("title"), body_length=Length("body"))
        .filter(object_id=str(page.pk))
        .get()
    )


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("chief", "chief@laht.example", "pw")
    client.force_login(user)
    return client


@pytest.mark.postgres
def test_a_story_is_indexed_once_its_title_kept_for_autocomplete(section):
    page = story(section, "Copper exports climb", "Mines in Antofagasta shipped more ore.")
    row = row_of(page)
    assert (row.title_length, row.body_length, row.body_text) == (0, 0, "")
    assert row.title_text == "Copper exports climb"
    assert "'copper'" in str(row.autocomplete)
    assert isinstance(get_search_backend(), PageEntrySearchBackend)


@pytest.mark.postgres
def test_wagtail_search_of_pages_finds_body_words_and_ranks_a_title_match_first(section):
    body_match = story(section, "Mining report", "Antofagasta shipped copper and lithium.")
    title_match = story(section, "Copper exports climb", "Mines shipped more ore.")
    story(section, "Football results", "Colo-Colo won at home.")
    found = list(ArticlePage.objects.live().search("copper"))
    assert found == [title_match, body_match]
    assert list(ArticlePage.objects.search("antofagasta")) == [body_match]


@pytest.mark.postgres
def test_publishing_a_story_does_not_read_the_whole_of_wagtails_index(section):
    page = story(section, "Copper exports climb", "Mines shipped more ore.")
    page.title = "Copper exports climb again"
    with CaptureQueriesContext(connection) as captured:
        page.save_revision().publish()
    index_reads = [
        q["sql"] for q in captured if 'avg(length("wagtailsearch_indexentry"' in q["sql"].lower()
    ]
    assert index_reads == []
    assert row_of(page).title_text == "Copper exports climb again"


@pytest.mark.postgres
def test_update_index_writes_a_page_row_as_a_save_does(section):
    page = story(section, "Copper exports climb", "Mines in Antofagasta shipped more ore.")
    saved = row_of(page)
    IndexEntry.objects.all().delete()
    call_command("update_index", verbosity=0)
    rebuilt = row_of(page)
    assert (rebuilt.title_text, str(rebuilt.autocomplete), rebuilt.body_length) == (
        saved.title_text,
        str(saved.autocomplete),
        0,
    )
    assert list(ArticlePage.objects.search("antofagasta")) == [page]


@pytest.mark.postgres
def test_images_keep_their_full_rows_and_are_found_by_wagtail_search(home):
    image = ImageFactory(title="Copacabana beach at dawn")
    ImageFactory(title="Andes glacier")
    row = row_of(image)
    assert row.title_length > 0
    assert list(get_image_model().objects.search("copacabana")) == [image]


def test_the_articles_listing_finds_a_draft_story_by_a_word_of_its_title(admin_client, section):
    story(section, "Copper exports climb", "Mines shipped more ore.")
    story(section, "Copper strike looms", "Unions met in Calama.", live=False)
    story(section, "Football results", "Colo-Colo won at home.")
    response = admin_client.get("/admin/articles/", {"q": "copp"})
    assert response.status_code == 200
    titles = {page.title for page in response.context["object_list"]}
    assert titles == {"Copper exports climb", "Copper strike looms"}


def test_the_page_search_finds_a_draft_story_by_its_title(admin_client, section):
    story(section, "Copper strike looms", "Unions met in Calama.", live=False)
    response = admin_client.get("/admin/pages/search/", {"q": "copper"})
    assert response.status_code == 200
    assert "Copper strike looms" in response.content.decode()
