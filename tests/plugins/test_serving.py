"""Our page types served by Wagtail on the CMS origin: a redirect to the frontend, or without
one a minimal page; never a 500 (``HeadlessPreviewMixin.serve``). And the one include()."""

import pytest
from django.urls import reverse

from directory.factories import DirectoryIndexPageFactory


@pytest.fixture
def frontend(settings):
    settings.FRONTEND_URL = "https://news.example.com"
    return settings.FRONTEND_URL


def test_a_story_redirects_to_the_frontend(client, article, frontend):
    response = client.get(f"/world/{article.slug}/?utm_source=x")
    assert response.status_code == 302
    assert response["Location"] == f"{frontend}/world/{article.slug}/?utm_source=x"


def test_sections_home_and_directory_redirect_too(client, home, section, frontend):
    directory = DirectoryIndexPageFactory(parent=home, title="Links", slug="links")
    for path in ("/", "/world/", "/links/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == frontend + path
    assert directory.live


def test_without_a_frontend_a_minimal_page_links_to_the_api(client, article, settings):
    settings.FRONTEND_URL = ""
    response = client.get(f"/world/{article.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{article.title}</h1>" in html
    assert f'href="/api/v2/pages/{article.pk}/"' in html


def test_without_a_frontend_the_sites_own_template_is_used(client, article, settings, tmp_path):
    settings.FRONTEND_URL = ""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "article_page.html").write_text("Story: {{ page.title }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    response = client.get(f"/world/{article.slug}/")
    assert response.status_code == 200
    assert response.content.decode() == f"Story: {article.title}"


def test_without_a_frontend_the_admin_preview_is_the_minimal_page(admin_client, article, settings):
    settings.FRONTEND_URL = ""
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    assert response.status_code == 200
    assert f"<h1>{article.title}</h1>" in response.content.decode()


def test_the_api_is_one_include():
    from cms import urls
    from cms.delivery import urls as delivery_urls

    [included] = [
        p
        for p in urls.urlpatterns
        if getattr(p, "urlconf_module", None) is not None
        and getattr(p.urlconf_module, "__name__", "") == "cms.delivery.urls"
    ]
    assert included.pattern.describe() == "''"
    assert reverse("wagtailapi:pages:listing") == "/api/v2/pages/"
    assert reverse("wagtailapi:preview:listing") == "/api/v2/preview/"
    assert [str(p.pattern) for p in delivery_urls.urlpatterns] == ["api/v2/", "api/v3/"]
