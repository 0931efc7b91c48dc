"""API documents (cms.delivery.documents): stored answers that are exactly the rendered ones, and
are dropped whenever anything they show changes."""

import io
import re
import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction

from cms.countries.models import Country
from cms.delivery.documents import dependencies, dropping, encoding, storage, versioning
from cms.delivery.documents.dropping import Targets
from cms.delivery.documents.rendering import render_missing
from cms.delivery.models import APIDocument, APIDocumentDependency
from news.factories import ArticlePageFactory, SectionPageFactory
from news.models import ArticlePage, ArticleRelatedStory, Author
from tests.api.test_query_budget import full_stories

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=news.ArticlePage&fields=*&order=-date&limit=20"


HEADERS = ("Content-Type", "Cache-Control", "Vary", "Allow")


def answers(client, urls):
    """Status, headers and bytes of each answer."""
    found = {}
    for url in urls:
        response = client.get(url)
        headers = tuple(response.get(name) for name in HEADERS)
        found[url] = (response.status_code, headers, response.content)
    return found


def item(client, story, url=LISTING):
    data = client.get(url).json()
    return next(entry for entry in data["items"] if entry["id"] == story.pk)


def detail(client, story, fields=""):
    response = client.get(f"/api/v2/pages/{story.pk}/{fields}")
    assert response.status_code == 200, response.content
    return response.json()


def stored_ids():
    return set(APIDocument.objects.values_list("page_id", flat=True))


@pytest.fixture
def stories(section):
    """Twelve stories with every relation filled and bodies pointing at each other, an hour
    apart (``order=-date`` has no ties, so every way of reading gives the same order)."""
    stories = full_stories(section, 12)
    now = timezone.now()
    for i, story in enumerate(stories):
        story.date = now - timedelta(hours=i)
        ArticlePage.objects.filter(pk=story.pk).update(date=story.date)
    return stories


def test_documents_answer_byte_for_byte_as_rendering_does(client, settings, section, stories):
    other = SectionPageFactory(parent=section.get_parent(), title="Business", slug="business")
    # A line separator, which DRF's renderer escapes (JavaScript-safe JSON), and a tab.
    ArticlePageFactory(parent=other, title="Oil Output Rises", deck="Brent\u2028rose\tagain.")
    story = stories[5]
    urls = [
        LISTING,
        "/api/v2/pages/?type=news.ArticlePage",
        "/api/v2/pages/?type=news.ArticlePage&fields=_,title,bylines,section&limit=5&offset=2",
        "/api/v2/pages/?type=news.ArticlePage&fields=*,-body&order=title",
        f"/api/v2/pages/?type=news.ArticlePage&child_of={section.pk}&fields=deck,date",
        f"/api/v2/pages/?type=news.ArticlePage&descendant_of={other.pk}&fields=*",
        "/api/v2/pages/?type=news.ArticlePage&tag=oil&country=VE&fields=tags,countries",
        "/api/v2/pages/?type=news.ArticlePage&search=story&fields=title,related_stories",
        f"/api/v2/pages/{story.pk}/",
        f"/api/v2/pages/{story.pk}/?fields=_,title,section",
        f"/api/v2/pages/find/?html_path=/world/{story.slug}/",
        f"/api/v2/pages/find/?html_path=/world/{story.slug}/&fields=*,-body",
        "/api/v2/pages/?type=news.ArticlePage&fields=bogus",
        "/api/v2/pages/?type=news.ArticlePage&limit=500",
        f"/api/v2/pages/?type=news.ArticlePage&child_of={other.pk + 1000}",
        "/api/v2/pages/?type=news.ArticlePage&fields=parent",
    ]
    settings.API_DOCUMENTS = False  # Wagtail's views and DRF's renderer, as before
    rendered = answers(client, urls)
    settings.API_DOCUMENTS = True
    assert answers(client, urls) == rendered, "pages without documents, rendered by this code"
    assert not stored_ids(), "readers never write documents"

    assert render_missing() == 13
    assert stored_ids() == set(ArticlePage.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as reads:
        from_documents = answers(client, urls)
    assert from_documents == rendered
    assert rendered[LISTING][0] == 200 and rendered[urls[-4]][0] == 400
    # The listing came from documents: no bylines, tags or images were read.
    assert not any("news_articlebyline" in query["sql"] for query in reads.captured_queries)


def test_a_listing_from_documents_costs_the_same_few_queries_for_5_or_50(client, section):
    full_stories(section, 50)
    render_missing()
    client.get(LISTING)  # per-process lookups (site, content types)

    def queries(limit):
        url = f"/api/v2/pages/?type=news.ArticlePage&fields=*&order=-date&limit={limit}"
        with CaptureQueriesContext(connection) as ctx:
            data = client.get(url).json()
        assert len(data["items"]) == limit
        return len(ctx.captured_queries)

    assert queries(5) == queries(50) <= 2  # the count, and the page of ids with documents
    story = ArticlePage.objects.first()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/api/v2/pages/{story.pk}/").json()["title"] == story.title
    assert len(ctx.captured_queries) == 2  # the page with its document, its translations


def test_pages_without_a_document_are_rendered_among_those_with_one(client, section, stories):
    render_missing()
    expected = client.get(LISTING).content
    APIDocument.objects.filter(page_id__in=[stories[1].pk, stories[7].pk]).delete()
    assert client.get(LISTING).content == expected


def test_a_document_records_everything_it_shows(section, stories):
    render_missing()
    story = stories[4]  # related to stories[3]; its body points at stories[0..2]
    recorded = {
        (dependencies.base_model(dep.content_type.model_class()), dep.object_id)
        for dep in APIDocumentDependency.objects.filter(document_id=story.pk)
    }
    image_model = type(story.lead_image)
    related = stories[3]
    expected = {
        (Page, section.pk),
        (Page, related.pk),
        *((Page, s.pk) for s in stories[:3]),
        (image_model, story.lead_image_id),
        (image_model, related.lead_image_id),  # its teaser shows that image
        (Author, Author.objects.get(slug="ana-rivas").pk),
        (type(story.source), story.source_id),
        (Country, Country.objects.get(code="VE").pk),
        *((Tag, tag.pk) for tag in story.tags.all()),
    }
    assert expected <= recorded


class TestDropped:
    """What readers see changes with the content; documents nothing changed stay."""

    def test_a_republished_story(self, client, stories):
        render_missing()
        story = stories[5]
        story.title = "Rewritten Headline"
        story.save_revision().publish()
        assert item(client, story)["title"] == "Rewritten Headline"
        # The story relating it shows its new title; one that does not show it is kept.
        assert detail(client, stories[6])["related_stories"][0]["title"] == "Rewritten Headline"
        assert stories[11].pk in stored_ids()

    def test_a_story_linked_from_bodies(self, client, stories):
        render_missing()
        first = stories[0]
        first.title = "Linked Story, Retitled"
        first.save_revision().publish()
        block = detail(client, stories[9])["body"][2]
        assert block["type"] == "related_story"
        assert block["value"]["story"]["title"] == "Linked Story, Retitled"

    def test_an_unpublished_related_story_disappears(self, client, stories):
        render_missing()
        assert [r["id"] for r in detail(client, stories[8])["related_stories"]] == [stories[7].pk]
        stories[7].unpublish()
        assert detail(client, stories[8])["related_stories"] == []
        assert stories[7].pk not in {i["id"] for i in client.get(LISTING).json()["items"]}

    def test_a_renamed_author(self, client, stories):
        render_missing()
        author = Author.objects.get(slug="ana-rivas")
        author.name = "Ana Rivas Peña"
        author.save()
        assert item(client, stories[0])["bylines"][0]["display_name"] == "Ana Rivas Peña"

    def test_an_image_with_new_alt_text(self, client, stories):
        render_missing()
        image = stories[1].lead_image
        image.alt_text = "Oil workers at a refinery"
        image.save()
        assert item(client, stories[1])["lead_image"]["alt"] == "Oil workers at a refinery"
        # The related-story teaser of the next story shows that image too.
        teaser = detail(client, stories[2])["related_stories"][0]
        assert teaser["image"]["alt"] == "Oil workers at a refinery"

    def test_a_renamed_country_and_tag(self, client, stories):
        render_missing()
        country = Country.objects.get(code="VE")
        country.name = "Bolivarian Republic of Venezuela"
        country.save()
        tag = Tag.objects.get(name="oil")
        tag.name = "crude oil"
        tag.save()
        found = item(client, stories[6])
        assert found["countries"][0]["name"] == "Bolivarian Republic of Venezuela"
        assert "crude oil" in found["tags"]

    def test_a_retitled_section(self, client, section, stories):
        render_missing()
        section.title = "International"
        section.save_revision().publish()
        story = detail(client, stories[0])
        assert story["section"]["title"] == "International"
        assert story["meta"]["parent"]["title"] == "International"

    def test_a_section_with_a_new_slug_moves_its_stories_urls(
        self, client, section, stories, django_capture_on_commit_callbacks
    ):
        render_missing()
        with django_capture_on_commit_callbacks(execute=True):
            section.slug = "international"
            section.save_revision().publish()
        story = detail(client, stories[0])
        assert story["meta"]["html_url"].endswith(f"/international/{stories[0].slug}/")
        assert "/international/" in detail(client, stories[4])["related_stories"][0]["url"]

    def test_a_private_section_hides_its_stories_from_other_stories(
        self, client, home, section, stories
    ):
        elsewhere = SectionPageFactory(parent=home, title="Business", slug="business")
        public = ArticlePageFactory(parent=elsewhere, title="Public Story")
        ArticleRelatedStory.objects.create(page=public, related=stories[0])
        render_missing()
        assert [r["id"] for r in detail(client, public)["related_stories"]] == [stories[0].pk]
        PageViewRestriction.objects.create(page=section, restriction_type="login")
        assert detail(client, public)["related_stories"] == []
        assert client.get(f"/api/v2/pages/{stories[0].pk}/").status_code == 404
        render_missing()
        assert not {s.pk for s in stories} & stored_ids(), "private pages get no document"

    def test_a_site_with_a_new_hostname(self, client, site, stories):
        render_missing()
        site.hostname = "www.laht.example"
        site.port = 443
        site.save()
        assert item(client, stories[0])["meta"]["html_url"].startswith("https://www.laht.example/")
        assert not stored_ids()

    def test_another_frontend_url_is_another_version(self, client, settings, stories):
        render_missing()
        settings.FRONTEND_URL = "https://laht.example"
        story = detail(client, stories[3])
        assert story["related_stories"][0]["url"].startswith("https://laht.example/")
        assert render_missing() == 12


class TestStaleRenderings:
    """A document rendered from content a commit changed never outlives that commit."""

    def test_a_rendering_older_than_a_drop_is_not_stored(self, stories):
        generation = storage.current_generation()
        dropping.drop_after_commit(Targets(pages={stories[0].pk}))
        assert storage.store({stories[0].pk: ("id\t1", set())}, generation) is False
        assert not stored_ids()

    def test_a_commit_drops_again_and_bumps_the_generation(
        self, stories, django_capture_on_commit_callbacks
    ):
        render_missing()
        generation = storage.current_generation()
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            stories[0].save_revision().publish()
            assert stories[0].pk not in stored_ids(), "dropped inside the transaction"
        assert storage.current_generation() == generation + 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_drop_waits_for_a_renderer_storing_and_then_removes_what_it_stored(section):
    """PostgreSQL: the renderer's shared lock makes the post-commit drop wait for it."""
    story = ArticlePageFactory(parent=section, title="Raced Story")
    generation = storage.current_generation()
    stored, release, dropped = threading.Event(), threading.Event(), threading.Event()

    def renderer():
        try:
            with transaction.atomic():  # holds the lock until the commit
                assert storage.store({story.pk: ("id\t1", set())}, generation)
                stored.set()
                release.wait(30)
        finally:
            connections.close_all()

    def dropper():
        try:
            dropping.drop_after_commit(Targets(pages={story.pk}))
            dropped.set()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=renderer)]
    threads[0].start()
    assert stored.wait(30)
    threads.append(threading.Thread(target=dropper))
    threads[1].start()
    # The drop waits on the lock (PostgreSQL says so), not on a timer.
    deadline = time.monotonic() + 30
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND datname = current_database()"
                " AND query LIKE 'UPDATE %delivery_apidocumentstate%'"
            )
            if cursor.fetchone()[0]:
                break
            assert time.monotonic() < deadline, "the drop did not wait for the renderer"
    assert not dropped.is_set()
    release.set()
    for thread in threads:
        thread.join(30)
    assert dropped.is_set()
    assert not APIDocument.objects.filter(page_id=story.pk).exists()


class TestNotFromDocuments:
    """Readers who may see more than the public, and answers shaped otherwise, are rendered."""

    @pytest.fixture
    def tampered(self, stories):
        render_missing()
        story = stories[0]
        document = APIDocument.objects.get(page_id=story.pk)
        document.body = document.body.replace(f'"{story.title}"', '"FROM THE DOCUMENT"')
        document.save()
        return story

    def test_the_tampered_document_is_what_anonymous_readers_get(self, client, tampered):
        assert detail(client, tampered)["title"] == "FROM THE DOCUMENT"

    def test_signed_in_users(self, client, tampered):
        client.force_login(User.objects.create_user("reader", password="x"))
        assert detail(client, tampered)["title"] == tampered.title

    def test_nested_fields_and_rich_text_format(self, client, tampered):
        assert detail(client, tampered, "?fields=bylines(name)")["title"] == tampered.title
        assert detail(client, tampered, "?rich_text_format=html")["title"] == tampered.title

    def test_the_browsable_api_shows_the_same_data(self, client, tampered):
        response = client.get(f"/api/v2/pages/{tampered.pk}/", HTTP_ACCEPT="text/html")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert "FROM THE DOCUMENT" in response.content.decode()

    def test_documents_switched_off(self, client, settings, tampered):
        settings.API_DOCUMENTS = False
        assert detail(client, tampered)["title"] == tampered.title
        assert render_missing() == 0


def test_the_scheduler_job_and_the_command_render_what_is_missing(settings, section, stories):
    from cms.publishing.jobs import get_jobs

    settings.API_DOCUMENTS_RENDER_SECONDS = 120  # a run's time limit, not reached here
    job = next(job for job in get_jobs() if job.name == "delivery.render_api_documents")
    assert job.func() == 12
    assert job.func() == 0
    out = io.StringIO()
    call_command("render_api_documents", "--rebuild", "--limit", "5", stdout=out)
    assert "Stored 5 API documents" in out.getvalue()
    assert len(stored_ids()) == 5
    with pytest.raises(CommandError, match="--limit must be at least 1"):
        call_command("render_api_documents", "--limit", "0")


def test_render_api_documents_shows_progress_with_rate_and_estimate_unless_quiet(stories):
    out, err = io.StringIO(), io.StringIO()
    call_command("render_api_documents", "--limit", "5", verbosity=1, stdout=out, stderr=err)
    # tqdm's line: done/total [elapsed<remaining, rate]
    assert re.search(
        r"5/5 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+( documents/s|s/ documents)\]", err.getvalue()
    )
    assert "Stored 5 API documents" in out.getvalue()

    out, err = io.StringIO(), io.StringIO()
    call_command("render_api_documents", "--workers", "1", verbosity=0, stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert "Stored 7 API documents" in out.getvalue()


@pytest.mark.postgres
@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_render_api_documents_in_processes_shows_their_progress_together(stories):
    out, err = io.StringIO(), io.StringIO()
    call_command("render_api_documents", "--workers", "2", verbosity=1, stdout=out, stderr=err)
    assert re.search(r"12/12 \[\d\d:\d\d<\d\d:\d\d, ", err.getvalue())
    assert "Stored 12 API documents" in out.getvalue()
    assert "2 processes" in out.getvalue()


def test_render_api_documents_inside_an_open_transaction_renders_in_it(stories):
    """Other processes would not see the transaction's pages: one process renders them, and
    the transaction stays usable."""
    out = io.StringIO()
    with transaction.atomic():
        call_command("render_api_documents", "--workers", "2", verbosity=0, stdout=out)
        assert len(stored_ids()) == 12
    assert "Stored 12 API documents" in out.getvalue()
    assert "1 process)" in out.getvalue()


def test_rendering_documents_costs_as_many_queries_for_more_stories(section, stories):
    def cost():
        dropping.drop_after_commit(Targets(everything=True))
        with CaptureQueriesContext(connection) as reads:
            stored = render_missing()
        return stored, len(reads.captured_queries)

    cost()  # warms process-wide caches (content types, sites, renditions)
    stored, queries = cost()
    full_stories(SectionPageFactory(parent=section.get_parent(), slug="business"), 6)
    cost()  # the new section and images, once
    assert cost() == (stored + 6, queries)


def test_a_migrate_that_applies_migrations_drops_every_document(stories):
    from cms.delivery.signals import on_migrated

    delivery_app = type("Config", (), {"name": "cms.delivery"})
    render_missing()
    on_migrated(sender=delivery_app, plan=[])  # nothing to apply: documents stay
    assert len(stored_ids()) == 12
    on_migrated(sender=delivery_app, plan=[("a migration", False)])
    assert not stored_ids()


def test_documents_of_other_code_read_as_missing(client, stories):
    """A release that changes how stories are rendered gets a new document version."""
    render_missing()
    document = APIDocument.objects.get(page_id=stories[2].pk)
    document.body = document.body.replace(f'"{stories[2].title}"', '"AS THE OLD CODE SHOWED IT"')
    document.save()
    assert detail(client, stories[2])["title"] == "AS THE OLD CODE SHOWED IT"
    APIDocument.objects.update(version="rendered-by-older-code")
    assert detail(client, stories[2])["title"] == stories[2].title
    assert render_missing() == 12
    assert set(APIDocument.objects.values_list("version", flat=True)) == {versioning.version()}


@pytest.mark.parametrize(
    "value",
    [
        {"deck": "Brent\u2028rose\u2029again", "city": "Bogotá", "n": [1, 2.5, None, True]},
        {"when": timezone.now(), "span": timedelta(hours=2), "price": Decimal("1.50")},
        "",
        0,
    ],
)
def test_stored_json_text_is_what_the_api_renderer_writes(value):
    assert encoding.dumps(value) == JSONRenderer().render(value).decode()


def test_stored_json_refuses_what_the_api_renderer_refuses():
    with pytest.raises(ValueError):
        encoding.dumps({"ratio": float("nan")})
