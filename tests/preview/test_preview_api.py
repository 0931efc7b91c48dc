"""Headless preview, CMS side: admin preview → signed token → /api/v2/preview/ draft."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.preview.models import SIGNING_SALT, PagePreview
from news.factories import ArticlePageFactory
from news.models import ArticlePage

PREVIEW_API = "/api/v2/preview/"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("chief", "chief@laht.example", "pw")


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def preview_token(response):
    """The token of the frontend URL framed by the admin's preview page."""
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<iframe src="([^"]+)"', html)
    assert match, html[:500]
    url = unescape(match.group(1))
    assert url.startswith("http://frontend.test/_preview/?")
    return parse_qs(urlsplit(url).query)["token"][0]


@pytest.fixture(autouse=True)
def frontend_url(settings):
    settings.FRONTEND_URL = "http://frontend.test"


def save_draft(page, **changes):
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft.save_revision()


def test_view_draft_frames_the_frontend_and_the_api_returns_the_draft(admin_client, article):
    save_draft(article, title="Draft headline", deck="A deck only the editor has seen.")
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    assert {"no-store", "private"} <= set(response["Cache-Control"].split(", "))
    token = preview_token(response)

    api = Client()  # the frontend: anonymous
    answer = api.get(PREVIEW_API, {"token": token})
    assert answer.status_code == 200
    data = answer.json()
    assert data["id"] == article.pk
    assert data["title"] == "Draft headline"
    assert data["deck"] == "A deck only the editor has seen."
    assert data["meta"]["type"] == "news.ArticlePage"
    assert data["meta"]["parent"]["id"] == article.get_parent().pk
    assert data["dateline"] == "MOSCOW –"
    assert data["lead_image"]["renditions"]
    assert answer["Cache-Control"] == "no-store, private"
    assert answer["X-Robots-Tag"] == "noindex"

    # The public API still shows the published headline.
    public = api.get(f"/api/v2/pages/{article.pk}/").json()
    assert public["title"] == "Putin, Erdogan to Boost Dialogue on Idlib Violence"


def test_preview_has_the_same_shape_as_the_pages_detail(admin_client, article):
    token = preview_token(
        admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    )
    preview = admin_client.get(PREVIEW_API, {"token": token}).json()
    detail = admin_client.get(f"/api/v2/pages/{article.pk}/").json()
    assert preview.keys() == detail.keys()
    # …and whether readers see a published version meanwhile (for the frontend's banner).
    assert preview["meta"].keys() == detail["meta"].keys() | {"live"}
    assert preview["meta"]["live"] is True
    assert preview["body"] == detail["body"]
    assert preview["section"] == detail["section"]


def test_unsaved_changes_from_the_edit_form_are_previewed(admin_client, article):
    """What the side panel shows: the form as typed, posted to preview-on-edit."""
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    post = nested_form_data(
        {
            "title": "Typed but not saved",
            "slug": article.slug,
            "dateline_city": "Caracas",
            "body": streamfield([("paragraph", rich_text("<p>A paragraph being typed.</p>"))]),
            "bylines": inline_formset([]),
            "corrections": inline_formset([]),
            "related_stories": inline_formset([]),
        }
    )
    answer = admin_client.post(preview_url, post)
    assert answer.json() == {"is_valid": True, "is_available": True}
    token = preview_token(admin_client.get(preview_url + "?in_preview_panel=true"))
    data = admin_client.get(PREVIEW_API, {"token": token}).json()
    assert data["title"] == "Typed but not saved"
    assert data["dateline"] == "CARACAS –"
    assert [block["type"] for block in data["body"]] == ["paragraph"]
    assert "A paragraph being typed." in data["body"][0]["value"]
    assert ArticlePage.objects.get(pk=article.pk).title != "Typed but not saved"


def test_a_page_being_created_can_be_previewed(admin_client, section):
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["news", "articlepage", section.pk]
    )
    post = nested_form_data(
        {
            "title": "Brand new story",
            "slug": "brand-new-story",
            "dateline_city": "Quito",
            "body": streamfield([("paragraph", rich_text("<p>Not saved anywhere yet.</p>"))]),
            "bylines": inline_formset([]),
            "corrections": inline_formset([]),
            "related_stories": inline_formset([]),
        }
    )
    assert admin_client.post(preview_url, post).json()["is_valid"] is True
    token = preview_token(admin_client.get(preview_url))
    data = Client().get(PREVIEW_API, {"token": token}).json()
    assert data["id"] is None
    assert data["title"] == "Brand new story"
    assert data["dateline"] == "QUITO –"
    assert data["meta"]["parent"]["id"] == section.pk
    assert not ArticlePage.objects.filter(slug="brand-new-story").exists()


@pytest.mark.parametrize(
    "page_type", ["home.HomePage", "news.SectionPage", "news.ArticlePage"], ids=str
)
def test_home_section_and_article_drafts_get_tokens_for_the_frontend(
    admin_client, article, page_type
):
    page = Page.objects.type(_model(page_type)).first().specific
    token = preview_token(
        admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    )
    data = admin_client.get(PREVIEW_API, {"token": token}).json()
    assert data["meta"]["type"] == page_type


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def test_directory_drafts_get_tokens_for_the_frontend(admin_client, home):
    from directory.factories import CountryPageFactory, DirectoryIndexPageFactory

    index = DirectoryIndexPageFactory(parent=home)
    country = CountryPageFactory(parent=index)
    for page in (index, country):
        token = preview_token(
            admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        )
        data = admin_client.get(PREVIEW_API, {"token": token}).json()
        assert data["id"] == page.pk
        assert data["meta"]["type"] == page.specific._meta.label


def test_scheduled_and_embargoed_drafts_preview_with_a_token(admin_client, section):
    later = timezone.now() + timezone.timedelta(hours=6)
    page = ArticlePageFactory(parent=section, title="Embargoed report", live=False)
    page.embargo_until = later
    page.go_live_at = later
    page.save_revision()
    token = preview_token(
        admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    )
    anonymous = Client()
    assert anonymous.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    data = anonymous.get(PREVIEW_API, {"token": token}).json()
    assert data["title"] == "Embargoed report"


def make_token(**payload):
    return signing.TimestampSigner(salt=SIGNING_SALT).sign_object(payload, compress=True)


@pytest.mark.parametrize(
    ("token", "status", "code"),
    [
        ("", 400, "missing"),
        ("not-a-token", 403, "invalid"),
        ("x" * 2000, 403, "invalid"),
    ],
)
def test_bad_tokens_get_a_clear_error(client, db, token, status, code):
    response = client.get(PREVIEW_API, {"token": token} if token else {})
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    assert response["Cache-Control"] == "no-store, private"


def test_tampered_token_is_refused(admin_client, client, article):
    token = preview_token(
        admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    )
    value, _, signature = token.rpartition(":")
    tampered = value + ":" + ("A" if signature[0] != "A" else "B") + signature[1:]
    response = client.get(PREVIEW_API, {"token": tampered})
    assert response.status_code == 403
    assert response.json()["code"] == "invalid"


def test_a_token_opens_only_its_own_page(admin_client, client, article, section):
    other = ArticlePageFactory(parent=section, title="Another story")
    token = preview_token(
        admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    )
    preview = PagePreview.objects.get()
    # A validly signed token naming the same snapshot for another page opens nothing.
    forged = make_token(k=preview.key.hex, p=other.pk)
    response = client.get(PREVIEW_API, {"token": forged})
    assert response.status_code == 410
    assert client.get(PREVIEW_API, {"token": token}).json()["id"] == article.pk


def test_expired_token_gets_410(admin_client, client, article, settings):
    token = preview_token(
        admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    )
    settings.PREVIEW_TOKEN_MAX_AGE = -1
    response = client.get(PREVIEW_API, {"token": token})
    assert response.status_code == 410
    body = response.json()
    assert body["code"] == "expired"
    assert "expired" in body["message"]


def test_old_snapshots_are_dropped_when_a_new_preview_is_made(admin_client, article, settings):
    url = reverse("wagtailadmin_pages:view_draft", args=[article.pk])
    first = preview_token(admin_client.get(url))
    PagePreview.objects.update(created_at=timezone.now() - timezone.timedelta(hours=1))
    preview_token(admin_client.get(url))
    assert PagePreview.objects.count() == 1
    assert admin_client.get(PREVIEW_API, {"token": first}).status_code == 410


def test_only_editors_get_preview_tokens(client, article):
    user = get_user_model().objects.create_user("reader", "r@laht.example", "pw", is_staff=False)
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    assert response.status_code in (302, 403)
    assert not PagePreview.objects.exists()
