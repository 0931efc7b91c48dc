"""Pages rendered from recorded API payloads: registries, chrome, page types, errors."""

import json
import logging
import re
from datetime import UTC, datetime, timedelta

from frontend.seo import SITEMAP_CHUNK
from tests.frontend.conftest import ARTICLE_PATH, PAYLOADS


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def main_of(html):
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def test_home_renders_the_editors_blocks_and_the_chrome(client, cms):
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="en">' in html
    assert html.count("<h1") == 1
    # Editor-built blocks: the featured story and the "World" section rail.
    main = main_of(html)
    assert 'href="/world/putin-erdogan-to-boost-dialogue-on-idlib-violence/"' in main
    assert "More »" in main
    # Chrome from the site, markets and most-viewed endpoints.
    assert '<a href="/world/">World</a>' in html
    assert "Crude Oil" in html and "81.20" in html and "(1.50%)" in html
    assert "Most Read Story of the Day" in html
    assert 'href="https://facebook.com/x"' in html
    assert "Copyright Latin American Herald Tribune - 2005-2026" in html
    assert 'action="/newsletter/" method="post"' in html
    # The editors' boxes (markets, most viewed, newsletter) stand in the side column, once.
    aside = re.search(r"<aside.*?</aside>", html, re.S).group(0)
    assert "Crude Oil" in aside and "Most Read Story of the Day" in aside
    assert html.count("Crude Oil") == 1
    assert "Crude Oil" not in main


def test_a_cms_that_redirects_find_by_path_is_followed_by_path(client, cms):
    # Stock Wagtail answers pages/find/ with a redirect built from its public URL; the
    # frontend follows it through its own CMS_API_URL.
    cms.find_redirects = True
    response = client.get(ARTICLE_PATH)
    assert response.status_code == 200
    assert "/api/v2/pages/15/" in cms.paths()


def test_no_external_scripts_or_fonts_and_images_have_alt_text(client):
    html = client.get(ARTICLE_PATH).text
    assert "<script src" not in html
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert stylesheets and all(href.startswith("/static/") for href in stylesheets)
    for img in re.findall(r"<img [^>]*>", html):
        assert " alt=" in img
    assert client.get(stylesheets[0]).status_code == 200


def test_one_page_view_makes_one_wave_of_calls_and_a_repeat_makes_none(client, cms):
    client.get(ARTICLE_PATH)
    # find (the page itself, in one answer), site, markets, most viewed.
    assert sorted(cms.paths()) == sorted(
        [
            "/api/v2/pages/find/",
            "/api/v3/site/",
            "/api/v3/markets/",
            "/api/v3/most-viewed/",
        ]
    )
    cms.requests.clear()
    response = client.get(ARTICLE_PATH)
    assert response.headers["x-cache"] == "HIT"
    assert cms.requests == []
    # Another page reuses the cached chrome: only its own page is fetched.
    client.get("/links/venezuela/")
    assert "/api/v3/site/" not in cms.paths()


def test_section_has_breadcrumbs_stories_subsections_and_pagination(client, cms):
    response = client.get("/world/")
    assert response.status_code == 200
    main = main_of(response.text)
    assert "HOME | World" in text_of(main)
    assert "Putin, Erdogan to Boost Dialogue on Idlib Violence" in main
    assert 'href="/world/feed.xml"' in response.text
    cms.articles["meta"]["total_count"] = 45  # three pages of 20
    cms.articles["items"] = cms.articles["items"] * 45
    page2 = client.get("/world/?page=2")
    assert page2.status_code == 200
    assert "Page 2 of 3" in page2.text
    assert 'href="/world/" rel="prev"' in page2.text
    assert 'href="/world/?page=3" rel="next"' in page2.text


def test_section_page_numbers_out_of_range_or_not_numbers(client):
    bad = client.get("/world/?page=abc")
    assert bad.status_code == 400
    assert "&#39;page&#39; must be a whole number" in bad.text
    assert client.get("/world/?page=9").status_code == 404


def test_article_shows_dateline_byline_source_images_corrections_and_related(client, cms):
    article = cms.pages[ARTICLE_PATH]
    article["bylines"] = [{"author": {"name": "Maria Delgado"}, "display_name": "Maria Delgado"}]
    article["corrections"] = [{"date": "2026-11-25", "text": "An earlier version misdated it."}]
    article["related_stories"] = [
        {"id": 20, "title": "Turkey Warns Damascus", "html_path": "/world/turkey-warns/"}
    ]
    html = client.get(ARTICLE_PATH).text
    main = main_of(html)
    assert '<p><span class="dateline">MOSCOW –</span> The leaders of Russia' in main
    assert 'By <span class="story__author">Maria Delgado</span>' in main
    assert '<span class="story__source">EFE</span>' in main
    assert re.search(r'srcset="[^"]+ 640w, [^"]+ 960w, [^"]+ 1200w"', main)
    assert 'alt="Illustration for: Putin, Erdogan to Boost Dialogue on Idlib Violence"' in main
    assert "Correction" in main and "An earlier version misdated it." in main
    assert 'href="/world/turkey-warns/"' in main
    assert "HOME | World" in text_of(main)
    assert '<img src="/_hit/15.gif"' in main
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    data = json.loads(json_ld)
    assert data["@type"] == "NewsArticle"
    assert data["author"][0] == {"@type": "Person", "name": "Maria Delgado"}
    assert data["correction"][0]["text"] == "An earlier version misdated it."
    assert data["locationCreated"]["name"] == "Moscow"


def test_directory_index_country_and_link_category(client):
    index = client.get("/links/")
    assert index.status_code == 200
    assert 'href="/links/venezuela/"' in index.text
    assert "South America" in index.text
    country = client.get("/links/venezuela/")
    assert "HOME | Links | Venezuela" in text_of(main_of(country.text))
    assert "Capital" in country.text and "Caracas" in country.text
    assert 'href="/links/venezuela/embassies-in-caracas/"' in country.text
    category = client.get("/links/venezuela/embassies-in-caracas/")
    main = main_of(category.text)
    assert "HOME | Links | Venezuela | Embassies in Caracas" in text_of(main)
    assert 'href="https://ve.usembassy.gov/"' in main


def test_search_results_list_stories_and_directory_links(client):
    response = client.get("/search/", params={"q": "Idlib"})
    assert response.status_code == 200
    assert "Search results for “Idlib”" in response.text
    assert "1 result" in response.text
    assert "In the link directory" in response.text
    too_long = client.get("/search/", params={"q": "x" * 201})
    assert too_long.status_code == 400


def test_tag_page_lists_the_tagged_stories_and_unknown_tags_are_404(client):
    response = client.get("/tags/syria/")
    assert response.status_code == 200
    assert "Putin, Erdogan" in response.text
    assert client.get("/tags/nothing-here/").status_code == 404


def test_unknown_block_type_renders_nothing_and_logs_a_warning(client, cms, caplog):
    cms.pages["/"]["body"].insert(
        0, {"type": "hologram", "id": "x1", "value": {"secret": "NOT-RENDERED"}}
    )
    with caplog.at_level(logging.WARNING, logger="frontend.rendering"):
        response = client.get("/")
    assert response.status_code == 200
    assert "NOT-RENDERED" not in response.text
    assert "Putin, Erdogan" in response.text  # the rest of the page is intact
    assert "No partial for block type 'hologram'" in caplog.text


def test_unknown_page_type_uses_the_generic_template(client, cms, caplog):
    page = cms.pages["/links/"]
    page["meta"]["type"] = "events.EventPage"
    with caplog.at_level(logging.WARNING, logger="frontend.pages"):
        response = client.get("/links/")
    assert response.status_code == 200
    assert "<h1>Links</h1>" in response.text
    assert "No template for page type 'events.EventPage'" in caplog.text


def test_unknown_path_is_a_real_404_with_the_chrome(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "Crude Oil" in response.text


def test_paths_without_a_trailing_slash_redirect(client):
    response = client.get("/world", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == "/world/"


def test_view_pixel_answers_at_once_and_sends_the_views_in_a_batch(client, cms):
    cms.post_answers["/api/v3/most-viewed/hits/batch/"] = (202, {"counted": 2})
    for browser in ("Reader/1.0", "Reader/2.0"):  # two readers
        response = client.get("/_hit/15.gif", headers={"User-Agent": browser})
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/gif"
        assert response.headers["cache-control"] == "no-store"
    assert not cms.posts  # nothing reached the CMS while answering

    hits = client.app.state.view_hits
    client.portal.call(hits.flush)

    path, body, _headers = cms.posts[-1]
    assert path == "/api/v3/most-viewed/hits/batch/"
    assert body == {"hits": [{"page_id": 15, "views": 2}]}
    assert (hits.stats.accepted, hits.stats.sent, hits.stats.dropped) == (2, 2, 0)


def test_feeds_sitemaps_and_robots(client, cms):
    recent = datetime.now(UTC) - timedelta(hours=3)
    old = datetime.now(UTC) - timedelta(days=3)
    cms.articles["items"] = [
        {**cms.articles["items"][0], "date": recent.isoformat()},
        {**cms.articles["items"][0], "id": 77, "title": "Old News", "date": old.isoformat()},
    ]
    feed = client.get("/world/feed.xml")
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("application/rss+xml")
    assert f"<link>http://news.example{ARTICLE_PATH}</link>" in feed.text
    robots = client.get("/robots.txt").text
    assert "Sitemap: http://news.example/sitemap.xml" in robots
    news = client.get("/news-sitemap.xml")
    assert news.status_code == 200
    assert news.text.count("<news:publication_date>") == 1  # only the last 48 hours
    assert "Old News" not in news.text


def story(number):
    """A copy of the demo story with its own id and path."""
    path = f"/world/story-{number}/"
    first = PAYLOADS["articles"]["items"][0]
    meta = {**first["meta"], "html_url": "http://127.0.0.1:3000" + path, "slug": f"story-{number}"}
    return {**first, "id": 1000 + number, "title": f"Story {number}", "meta": meta}


def test_a_page_past_an_estimated_total_shows_the_stories_it_holds(client, cms):
    """Right after a publication the CMS may give a large listing's last count, one story
    short: the page that story lands on is still served."""
    cms.articles["items"] = [story(n) for n in range(21)]
    cms.listing_meta = {"total_count": 20, "total_count_exact": False}
    page2 = client.get("/world/?page=2")
    assert page2.status_code == 200
    assert "Story 20" in page2.text
    assert client.get("/world/?page=3").status_code == 404


def test_the_story_sitemap_lists_stories_past_an_estimated_total(client, cms):
    cms.articles["items"] = [story(n) for n in range(3)]
    cms.listing_meta = {"total_count": 2, "total_count_exact": False}
    sitemap = client.get("/sitemap-articles-1.xml")
    assert sitemap.status_code == 200
    assert [f"/world/story-{n}/" in sitemap.text for n in range(3)] == [True] * 3
    cms.listing_meta = {}
    assert client.get("/sitemap-articles-2.xml").status_code == 404


def test_the_sitemap_index_lists_a_story_file_begun_past_an_estimated_total(client, cms):
    """The estimate lags the newest stories: the file they start is listed all the same."""
    cms.articles["items"] = [story(n) for n in range(SITEMAP_CHUNK + 1)]
    cms.listing_meta = {"total_count": SITEMAP_CHUNK, "total_count_exact": False}
    index = client.get("/sitemap.xml").text
    assert "/sitemap-articles-2.xml" in index
    assert "/sitemap-articles-3.xml" not in index
    assert client.get("/sitemap-articles-2.xml").status_code == 200
