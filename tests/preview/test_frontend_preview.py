"""Headless preview end to end over real HTTP: admin → token → frontend ``/_preview/`` → CMS."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from starlette.testclient import TestClient

from frontend.app import create_app
from frontend.settings import Settings
from news.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def frontend(live_server):
    settings = Settings(
        cms_api_url=live_server.url + "/api/",
        public_url="http://testserver",
        cache_key_prefix="helper-f-preview-test",
    )
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def admin_client(client, transactional_db):
    user = get_user_model().objects.create_superuser("chief", "chief@laht.example", "pw")
    client.force_login(user)
    return client


def preview_path(admin_client, page):
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    src = unescape(re.search(r'<iframe src="([^"]+)"', response.content.decode()).group(1))
    parts = urlsplit(src)
    assert parts.path == "/_preview/"
    return parts.path + "?" + parts.query, parse_qs(parts.query)["token"][0]


def save_draft(page, **changes):
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision()


def test_draft_article_renders_with_banner_and_noindex(admin_client, frontend, article):
    save_draft(article, title="Draft: Putin and Erdogan Agree to Talk", deck="Draft deck.")
    path, _ = preview_path(admin_client, article)

    response = frontend.get(path)
    assert response.status_code == 200
    html = response.text
    assert "Draft: Putin and Erdogan Agree to Talk" in html
    assert "Draft deck." in html
    assert "MOSCOW –" in html
    assert "First paragraph of" in html  # the body, through the article template
    assert "data-preview-banner" in html
    assert "Preview of unpublished changes to a live story" in html
    assert "It is not published" not in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<link rel="canonical"' not in html
    assert "/_hit/" not in html  # previews are not counted as views
    assert response.headers["cache-control"] == "no-store, private"
    assert response.headers["x-robots-tag"] == "noindex"

    # Readers still get the published story, not the draft.
    public = frontend.get("/world/putin-erdogan-to-boost-dialogue-on-idlib-violence/")
    assert public.status_code == 200
    assert "Putin, Erdogan to Boost Dialogue on Idlib Violence" in public.text
    assert "Draft: Putin" not in public.text
    assert "data-preview-banner" not in public.text


def test_a_never_published_story_in_a_subsection_previews_as_unpublished_with_breadcrumbs(
    admin_client, frontend, home
):
    latin_america = SectionPageFactory(parent=home, title="Latin America", slug="latin-america")
    venezuela = SectionPageFactory(parent=latin_america, title="Venezuela", slug="venezuela")
    story = ArticlePageFactory(parent=venezuela, title="Port Strike Called Off", live=False)
    path, _ = preview_path(admin_client, story)

    html = frontend.get(path).text
    assert "It is not published (it will appear at /latin-america/venezuela/" in html
    assert "changes to a live" not in html
    crumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/latin-america/">Latin America</a>' in crumbs
    assert 'href="/latin-america/venezuela/">Venezuela</a>' in crumbs


def test_each_preview_shows_the_current_draft(admin_client, frontend, article):
    save_draft(article, title="First draft headline")
    first, _ = preview_path(admin_client, article)
    assert "First draft headline" in frontend.get(first).text
    save_draft(article, title="Second draft headline")
    second, _ = preview_path(admin_client, article)
    assert "Second draft headline" in frontend.get(second).text
    # The first link still shows what the editor saw then: a token is bound to its draft.
    assert "First draft headline" in frontend.get(first).text


def test_home_page_layout_previews(admin_client, frontend, home, article):
    save_draft(
        home,
        body=[("featured_story", {"page": article, "headline": "Front-page override headline"})],
    )
    path, _ = preview_path(admin_client, home)
    response = frontend.get(path)
    assert response.status_code == 200
    assert "data-preview-banner" in response.text
    assert "Front-page override headline" in response.text
    assert "Front-page override headline" not in frontend.get("/").text


@pytest.mark.parametrize(
    ("query", "status", "text"),
    [
        ("", 400, "has no token"),
        ("?token=forged-token", 403, "not valid"),
    ],
)
def test_bad_links_get_a_clear_page(frontend, transactional_db, home, query, status, text):
    response = frontend.get("/_preview/" + query)
    assert response.status_code == status
    assert text in response.text
    assert "This preview is not available" in response.text
    assert response.headers["cache-control"] == "no-store, private"
    assert '<meta name="robots" content="noindex">' in response.text


def test_expired_link_says_so(admin_client, frontend, article, settings):
    path, _ = preview_path(admin_client, article)
    settings.PREVIEW_TOKEN_MAX_AGE = -1
    response = frontend.get(path)
    assert response.status_code == 410
    assert "expired" in response.text
    assert "Click Preview in the editor again" in response.text
