"""Admin quality for the newsroom: article tabs, the Articles listing and its filters, images."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow

from cms.delivery.factories import make_image_file
from news.factories import ArticlePageFactory, SectionPageFactory, WireSourceFactory

ARTICLES = "/admin/articles/"


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("chief", "chief@laht.example", "pw")
    client.force_login(user)
    return client


def listed_titles(response):
    assert response.status_code == 200
    titles = {page.title for page in response.context["object_list"]}
    html = response.content.decode()
    assert all(title in html for title in titles)
    return titles


@pytest.fixture
def desk(home):
    world = SectionPageFactory(parent=home, title="World", slug="world")
    latam = SectionPageFactory(parent=home, title="Latin America", slug="latin-america")
    venezuela = SectionPageFactory(parent=latam, title="Venezuela", slug="venezuela")
    efe = WireSourceFactory(name="EFE", slug="efe")
    ap = WireSourceFactory(name="AP", slug="ap")
    stories = {
        "world": ArticlePageFactory(parent=world, title="World story", source=ap),
        "caracas": ArticlePageFactory(parent=venezuela, title="Caracas story", source=efe),
        "draft": ArticlePageFactory(parent=venezuela, title="Draft story", source=efe, live=False),
    }
    scheduled = ArticlePageFactory(parent=world, title="Scheduled story", source=ap, live=False)
    scheduled.go_live_at = timezone.now() + timezone.timedelta(hours=3)
    scheduled.save_revision().publish()  # a future go-live schedules instead
    stories["scheduled"] = scheduled
    return {"world": world, "latam": latam, "efe": efe, "ap": ap, **stories}


def test_article_editor_has_content_promotion_and_scheduling_tabs(admin_client, article):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    html = response.content.decode()
    tabs = re.findall(r'role="tab"[^>]*>\s*(?:<[^>]+>\s*)*([A-Z][a-z]+)', html)
    assert tabs[:3] == ["Content", "Promotion", "Scheduling"]
    scheduling = html[html.index('id="tab-scheduling"') :]
    assert 'name="embargo_until"' in scheduling
    assert "Status → Set schedule" in scheduling


def test_articles_listing_shows_every_story_with_source_and_go_live(admin_client, desk):
    response = admin_client.get(ARTICLES)
    assert listed_titles(response) == {
        "World story",
        "Caracas story",
        "Draft story",
        "Scheduled story",
    }
    html = response.content.decode()
    for heading in ("Source", "Go-live", "Embargo"):
        assert heading in html


def test_filter_by_section_includes_subsections(admin_client, desk):
    response = admin_client.get(ARTICLES, {"section": desk["latam"].pk})
    assert listed_titles(response) == {"Caracas story", "Draft story"}


def test_filter_by_source(admin_client, desk):
    response = admin_client.get(ARTICLES, {"source": [desk["ap"].pk]})
    assert listed_titles(response) == {"World story", "Scheduled story"}


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("live", {"World story", "Caracas story"}),
        ("draft", {"Draft story"}),
        ("scheduled", {"Scheduled story"}),
    ],
)
def test_filter_by_status(admin_client, desk, status, expected):
    assert listed_titles(admin_client.get(ARTICLES, {"status": status})) == expected


def test_filter_in_moderation(admin_client, desk):
    user = get_user_model().objects.get(username="chief")
    draft = desk["draft"]
    draft.save_revision(user=user)
    Workflow.objects.get(name="Moderators approval").start(draft, user)
    response = admin_client.get(ARTICLES, {"status": "in_moderation"})
    assert listed_titles(response) == {"Draft story"}


def test_filter_by_scheduled_time(admin_client, desk):
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    today = timezone.localdate().isoformat()
    window = {"go_live_at_from": today, "go_live_at_to": tomorrow}
    assert listed_titles(admin_client.get(ARTICLES, window)) == {"Scheduled story"}


def test_image_upload_from_the_chooser_asks_for_credit_and_alt_text(admin_client, home):
    chooser = admin_client.get("/admin/images/chooser/")
    html = chooser.json()["html"]
    assert 'name="image-chooser-upload-credit"' in html
    assert 'name="image-chooser-upload-alt_text"' in html
    photo = make_image_file("palace.jpg", 800, 600)
    photo.seek(0)
    jpeg = photo.read()
    response = admin_client.post(
        "/admin/images/chooser/create/",
        {
            "image-chooser-upload-title": "Miraflores palace",
            "image-chooser-upload-file": SimpleUploadedFile("palace.jpg", jpeg, "image/jpeg"),
            "image-chooser-upload-credit": "EFE/Miguel Gutiérrez",
            "image-chooser-upload-alt_text": "The presidential palace seen from the street",
        },
    )
    assert response.json()["step"] == "chosen"
    from wagtail.images import get_image_model

    image = get_image_model().objects.get(title="Miraflores palace")
    assert image.credit == "EFE/Miguel Gutiérrez"
    assert image.default_alt_text == "The presidential palace seen from the street"


def test_home_and_section_editors_have_content_and_promotion_tabs(admin_client, section):
    for page in (section.get_parent(), section):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        html = response.content.decode()
        tabs = re.findall(r'role="tab"[^>]*>\s*(?:<[^>]+>\s*)*([A-Z][a-z]+)', html)
        assert tabs[:2] == ["Content", "Promotion"]
        assert 'name="search_description"' in html
        assert "schedule-publishing-dialog" in html  # go-live/expiry still under Status


def test_the_admin_loads_nothing_from_other_hosts(admin_client, article):
    """Editors' browsers fetch only from the CMS: no avatar service learns their e-mail
    address's hash, and the admin works without the internet."""
    for url in ("/admin/", reverse("wagtailadmin_pages:edit", args=[article.pk])):
        html = admin_client.get(url).content.decode()
        sources = re.findall(r'\b(?:src|srcset)="([^"]+)"', html)
        assert any("/static/publishing/admin/save-after-autosave.js" in src for src in sources)
        assert [src for src in sources if src.startswith(("//", "http:", "https:"))] == []
