"""``generate_stories``: bulk-loaded stories are real, published, searchable Wagtail pages."""

import datetime
import io
import random
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models.functions import Length
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from cms.search.models import SearchEntry
from cms.search.rebuild import index_pages
from news.management.generation.vocabulary import TextGenerator
from news.models import ArticlePage, SectionPage

pytestmark = pytest.mark.django_db

SMALL = {
    "sections": 4,
    "authors": 3,
    "sources": 2,
    "tags": 12,
    "countries": 3,
    "images": 2,
    "years": 3,
    "batch_size": 7,
}


def generate(count, **options):
    call_command("generate_stories", count=count, **{**SMALL, **options})


def test_generate_stories_shows_progress_with_rate_and_estimate_unless_quiet(home):
    err = io.StringIO()
    generate(14, verbosity=1, stdout=io.StringIO(), stderr=err)
    # tqdm's line: done/total [elapsed<remaining, rate]
    progress = err.getvalue()
    assert re.search(r"14/14 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+( stories/s|s/ stories)\]", progress)

    out, err = io.StringIO(), io.StringIO()
    generate(7, verbosity=0, stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert "Added 7 stories" in out.getvalue()


def test_generated_stories_keep_the_page_tree_valid(home):
    generate(30)
    assert Page.find_problems() == ([], [], [], [], [])
    sections = SectionPage.objects.all()
    assert sections.count() == 4
    for section in sections:
        assert section.numchild == section.get_children().count()
    stories = ArticlePage.objects.live()
    assert stories.count() == 30
    story = stories.first()
    assert story.get_parent().specific_class is SectionPage
    assert story.url_path == story.get_parent().url_path + story.slug + "/"
    assert story.first_published_at is not None


def test_a_run_writes_its_archive_oldest_first_over_the_years_asked(home):
    generate(21, workers=1)
    stories = list(
        ArticlePage.objects.order_by("pk").values_list("first_published_at", "translation_key")
    )
    dates = [published for published, _ in stories]
    assert dates == sorted(dates)
    now, year, slack = timezone.now(), datetime.timedelta(days=365.25), datetime.timedelta(1)
    # Each of the 21 stories falls in its own 21st of the 3 years.
    assert now - 3 * year - slack <= dates[0] < now - 3 * year + year / 7
    assert now - year / 7 < dates[-1] <= now
    # Translation keys are UUIDv7 of the publication time, so they sort as the stories do.
    keys = [key for _, key in stories]
    assert {key.version for key in keys} == {7}
    assert keys == sorted(keys, key=lambda key: key.bytes)
    assert len(set(keys)) == 21


def test_runs_add_stories_and_reuse_sections_authors_and_images(home):
    generate(12)
    generate(9)
    assert ArticlePage.objects.count() == 21
    assert SectionPage.objects.count() == 4
    assert Page.find_problems() == ([], [], [], [], [])
    for section in SectionPage.objects.all():
        slugs = list(section.get_children().values_list("slug", flat=True))
        assert len(slugs) == len(set(slugs))
    from news.models import Author

    assert Author.objects.count() == 3


def test_the_api_lists_and_serves_generated_stories(client, home):
    generate(25)
    listing = client.get("/api/v2/pages/?type=news.ArticlePage&fields=*&order=-date&limit=20")
    assert listing.status_code == 200
    data = listing.json()
    assert data["meta"]["total_count"] == 25
    dates = [item["date"] for item in data["items"]]
    assert dates == sorted(dates, reverse=True)
    first = data["items"][0]
    assert first["body"] and first["tags"] and first["countries"] and first["bylines"]
    assert first["section"]["title"] in set(SectionPage.objects.values_list("title", flat=True))
    html_path = first["section"]["html_path"] + first["meta"]["slug"] + "/"
    found = client.get("/api/v2/pages/find/", {"html_path": html_path}, follow=True)
    assert found.json()["id"] == first["id"]
    detail = client.get(f"/api/v2/pages/{first['id']}/")
    assert detail.json()["title"] == first["title"]


def test_search_finds_a_word_of_a_generated_story(client, home):
    generate(20)
    story = ArticlePage.objects.order_by("pk")[7]
    paragraphs = [block.value.source for block in story.body if block.block_type == "paragraph"]
    body_words = " ".join(paragraphs).replace("<p>", " ").replace("</p>", " ").split()
    word = max((w.strip(".,") for w in body_words), key=len)
    results = ArticlePage.objects.live().search(word)
    assert story.pk in [page.pk for page in results]
    api = client.get("/api/v2/pages/", {"type": "news.ArticlePage", "search": word})
    assert story.pk in [item["id"] for item in api.json()["items"]]


def test_reference_index_holds_what_wagtail_extracts(home):
    generate(60)
    kinds = set()
    for story in ArticlePage.objects.all():
        stored = set(
            ReferenceIndex.objects.filter(object_id=str(story.pk)).values_list(
                "to_content_type_id", "to_object_id", "model_path", "content_path"
            )
        )
        assert stored == set(ReferenceIndex._extract_references_from_object(story))
        assert any(path == "source" for _, _, path, _ in stored)
        kinds |= {path for _, _, path, _ in stored}
    # Every kind of reference the generator writes was compared at least once.
    assert kinds == {
        "source",
        "lead_image",
        "body.image.image",
        "bylines.item.author",
        "tagged_items.item.tag",
        "related_stories.item.related",
    }


def test_text_is_deterministic_for_a_seed():
    first = TextGenerator(random.Random(5))
    second = TextGenerator(random.Random(5))
    assert [first.paragraph() for _ in range(5)] == [second.paragraph() for _ in range(5)]
    other = TextGenerator(random.Random(6))
    assert other.paragraph() != TextGenerator(random.Random(5)).paragraph()


def test_bad_options_are_refused_with_a_message(home):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--sections"):
        call_command("generate_stories", count=1, sections=0)
    assert ArticlePage.objects.count() == 0


@pytest.mark.postgres
def test_postgres_index_rows_match_what_the_backend_writes(home):
    generate(10)
    backend = get_search_backend()
    columns = ("title", "autocomplete", "body", "title_text", "body_text")
    for story in ArticlePage.objects.order_by("pk")[:4]:
        entry = IndexEntry.objects.filter(object_id=str(story.pk))
        written = [tuple(str(v) for v in row) for row in entry.values_list(*columns)]
        backend.add(story)
        rewritten = [tuple(str(v) for v in row) for row in entry.values_list(*columns)]
        assert written == rewritten
    assert connection.vendor == "postgresql"


@pytest.mark.postgres
def test_postgres_search_entries_are_what_index_pages_writes(home):
    """The generator's bulk entries: same vectors, texts, dates, sections and facets as the
    page-by-page path that reads each story back through the ORM and the facet hooks."""
    generate(30)
    ids = list(ArticlePage.objects.values_list("pk", flat=True))
    columns = (
        "page_id", "content_type_id", "config", "vector", "texts", "first_published_at",
        "year", "section", "facets",
    )  # fmt: skip

    def stored():
        rows = SearchEntry.objects.filter(page_id__in=ids).values_list(*columns)
        return {row[0]: tuple(str(v) for v in row) for row in rows}

    written = stored()
    SearchEntry.objects.filter(page_id__in=ids).delete()
    index_pages(ArticlePage, ids)
    assert written == stored()
    assert len(written) == 30
    facets = [entry.facets for entry in SearchEntry.objects.filter(page_id__in=ids)]
    assert any(f["author"] for f in facets) and any(len(f["country"]) == 2 for f in facets)
    assert connection.vendor == "postgresql"


@pytest.mark.postgres
def test_postgres_stories_are_indexed_once_with_their_titles_in_wagtails_index(home):
    """The full text is the search table's; Wagtail's rows keep the titles autocomplete reads."""
    generate(6, batch_size=50)
    ids = [str(pk) for pk in ArticlePage.objects.values_list("pk", flat=True)]
    rows = IndexEntry.objects.filter(object_id__in=ids).annotate(
        body_length=Length("body"), title_length=Length("title")
    )
    assert len(rows) == 6
    for row in rows:
        assert (row.body_length, row.title_length, row.body_text) == (0, 0, "")
        story = ArticlePage.objects.get(pk=row.object_id)
        assert row.title_text == story.title
        first_word = re.findall(r"\w+", story.title)[0].lower()
        assert f"'{first_word}'" in str(row.autocomplete)
    assert SearchEntry.objects.filter(page_id__in=ids).count() == 6


@pytest.mark.postgres
@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_processes_on_postgres_keep_the_tree_valid(home):
    generate(40, workers=2)
    assert ArticlePage.objects.live().count() == 40
    assert Page.find_problems() == ([], [], [], [], [])
    for section in SectionPage.objects.all():
        assert section.numchild == section.get_children().count()
    assert (
        IndexEntry.objects.filter(
            object_id__in=[str(pk) for pk in ArticlePage.objects.values_list("pk", flat=True)]
        ).count()
        == 40
    )
