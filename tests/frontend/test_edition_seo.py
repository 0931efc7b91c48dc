"""What search engines, feed readers and readers switching language get from each edition."""

import json
import re
from datetime import UTC, datetime

from .conftest import ARTICLE_PATH, SPANISH_ARTICLE_PATH

SITE = "http://news.example"


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1])


def test_pages_name_their_language_and_open_graph_locale(client):
    english = client.get(ARTICLE_PATH).text
    spanish = client.get(SPANISH_ARTICLE_PATH).text
    assert '<html lang="en">' in english
    assert '<meta property="og:locale" content="en_US">' in english
    assert '<meta property="og:locale:alternate" content="es_ES">' in english
    assert '<html lang="es">' in spanish
    assert '<meta property="og:locale" content="es_ES">' in spanish


def test_a_translated_story_lists_both_versions_and_x_default(client):
    for path in (ARTICLE_PATH, SPANISH_ARTICLE_PATH):
        html = client.get(path).text
        assert f'<link rel="alternate" hreflang="en" href="{SITE}{ARTICLE_PATH}">' in html
        assert f'<link rel="alternate" hreflang="es" href="{SITE}{SPANISH_ARTICLE_PATH}">' in html
        assert f'<link rel="alternate" hreflang="x-default" href="{SITE}{ARTICLE_PATH}">' in html


def test_a_page_without_translations_has_no_hreflang_alternates(client):
    assert "hreflang=" not in client.get("/links/").text.split("</head>")[0]


def test_the_language_switcher_goes_to_the_translation(client):
    english = client.get(ARTICLE_PATH).text
    assert f'<a href="{SPANISH_ARTICLE_PATH}" hreflang="es" lang="es"' in english
    spanish = client.get(SPANISH_ARTICLE_PATH).text
    assert f'<a href="{ARTICLE_PATH}" hreflang="en" lang="en"' in spanish


def test_the_language_switcher_goes_to_the_other_home_without_a_translation(client):
    html = client.get("/links/").text
    assert '<a href="/es/" hreflang="es" lang="es" data-edition="es">Español</a>' in html


def test_json_ld_names_the_storys_language(client):
    assert json_ld(client.get(ARTICLE_PATH).text)["inLanguage"] == "en"
    assert json_ld(client.get(SPANISH_ARTICLE_PATH).text)["inLanguage"] == "es"


def test_each_edition_has_its_own_rss_feed(client):
    english = client.get("/feed.xml")
    spanish = client.get("/es/feed.xml")
    assert english.status_code == spanish.status_code == 200
    assert "<language>en</language>" in english.text
    assert "<language>es</language>" in spanish.text
    assert f"<link>{SITE}{SPANISH_ARTICLE_PATH}</link>" in spanish.text
    assert SPANISH_ARTICLE_PATH not in english.text
    assert "Últimas noticias de Latin American Herald Tribune" in spanish.text


def test_a_spanish_section_has_a_spanish_feed(client):
    feed = client.get("/es/mundo/feed.xml")
    assert feed.status_code == 200
    assert "<title>Latin American Herald Tribune: Mundo</title>" in feed.text


def test_the_news_sitemap_gives_each_storys_language(client, cms):
    cms.articles["items"][-1]["date"] = datetime.now(UTC).isoformat()
    spanish = client.get("/es/news-sitemap.xml").text
    assert "<news:language>es</news:language>" in spanish
    assert "<news:language>en</news:language>" not in spanish


def test_the_sitemap_index_lists_both_editions(client):
    index = client.get("/sitemap.xml").text
    for path in (
        "/sitemap-pages.xml",
        "/sitemap-articles-1.xml",
        "/es/sitemap-pages.xml",
        "/es/sitemap-articles-1.xml",
    ):
        assert f"<loc>{SITE}{path}</loc>" in index


def test_sitemap_entries_carry_alternates_when_the_cms_lists_translations(client, cms):
    cms.articles["items"][-1]["meta"]["translations"] = [
        {"locale": "en", "id": 15, "html_path": ARTICLE_PATH, "title": "", "url": ""}
    ]
    sitemap = client.get("/es/sitemap-articles-1.xml").text
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{SITE}{ARTICLE_PATH}"/>' in sitemap
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{SITE}{ARTICLE_PATH}"/>' in (
        sitemap
    )


def test_sitemaps_still_build_when_the_cms_refuses_the_translations_field(client, cms):
    cms.unknown_fields.add("translations")
    sitemap = client.get("/es/sitemap-articles-1.xml")
    assert sitemap.status_code == 200
    assert f"<loc>{SITE}{SPANISH_ARTICLE_PATH}</loc>" in sitemap.text


def test_robots_lists_the_sitemap_index_and_each_news_sitemap(client):
    robots = client.get("/robots.txt").text
    assert f"Sitemap: {SITE}/sitemap.xml" in robots
    assert f"Sitemap: {SITE}/news-sitemap.xml" in robots
    assert f"Sitemap: {SITE}/es/news-sitemap.xml" in robots
    assert "Disallow: /es/search/" in robots


def test_signing_up_on_the_spanish_edition_asks_for_spanish_headlines(client, cms):
    form = client.get("/es/newsletter/")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)[1]
    done = client.post(
        "/es/newsletter/", data={"email": "lectora@example.com", "csrf_token": token}
    )
    assert done.status_code == 200
    assert "Enviamos un enlace de confirmación a <strong>lectora@example.com</strong>" in done.text
    _path, body, _headers = cms.posts[-1]
    assert body["language"] == "es"


def test_spanish_form_errors_are_in_spanish(client):
    form = client.get("/es/newsletter/")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)[1]
    refused = client.post("/es/newsletter/", data={"email": "nope", "csrf_token": token})
    assert refused.status_code == 400
    assert "«nope» no parece una dirección de correo" in refused.text


def test_the_spanish_not_found_page_is_in_spanish(client):
    missing = client.get("/es/no-existe/")
    assert missing.status_code == 404
    assert "<h1>Página no encontrada</h1>" in missing.text


def test_a_spanish_draft_is_previewed_in_the_spanish_edition(client, cms):
    draft = {**cms.pages[SPANISH_ARTICLE_PATH], "title": "Borrador en español"}
    cms.previews["t0ken"] = draft
    preview = client.get("/_preview/", params={"token": "t0ken"})
    assert preview.status_code == 200
    assert '<html lang="es">' in preview.text
    assert "Borrador en español" in preview.text
    assert "Lo más visto" in preview.text
