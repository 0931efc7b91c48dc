"""What readers see of authors, submenus, section rankings, quotes and corrections (fake CMS)."""

import json
import re

from tests.frontend.conftest import ARTICLE_PATH, AUTHOR
from tests.frontend.test_pages import main_of, text_of

MARIA = {"author": AUTHOR, "display_name": "Maria Delgado", "name": "", "role": ""}


def json_ld(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    return json.loads(found.group(1))


def test_an_author_page_shows_who_they_are_and_their_stories(client, cms):
    cms.articles["items"][0]["bylines"] = [MARIA]
    response = client.get("/authors/maria-delgado/")
    assert response.status_code == 200
    main = main_of(response.text)
    assert "<h1>Maria Delgado</h1>" in main
    assert "Moscow correspondent" in main
    assert "<p>Covers Russia and Turkey.</p>" in main and "<p>Formerly in Caracas.</p>" in main
    assert f'href="{ARTICLE_PATH}"' in main
    assert 'href="/authors/maria-delgado/feed.xml"' in response.text
    assert "<title>Maria Delgado | Latin American Herald Tribune</title>" in response.text
    assert '<link rel="canonical" href="http://news.example/authors/maria-delgado/">' in (
        response.text
    )


def test_an_author_page_is_paginated(client, cms):
    cms.articles["items"] = [{**cms.articles["items"][0], "bylines": [MARIA]}] * 45
    page2 = client.get("/authors/maria-delgado/?page=2")
    assert page2.status_code == 200
    assert "Page 2 of 3" in page2.text
    assert 'href="/authors/maria-delgado/?page=3" rel="next"' in page2.text
    assert client.get("/authors/maria-delgado/?page=9").status_code == 404
    assert client.get("/authors/maria-delgado/?page=x").status_code == 400


def test_an_unknown_author_or_a_bad_slug_is_a_404(client):
    assert client.get("/authors/nobody/").status_code == 404
    assert client.get("/authors/bad%20slug!/").status_code == 404
    assert client.get("/authors/nobody/feed.xml").status_code == 404


def test_an_author_has_an_rss_feed_of_their_stories(client, cms):
    cms.articles["items"][0]["bylines"] = [MARIA]
    feed = client.get("/authors/maria-delgado/feed.xml")
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("application/rss+xml")
    assert "<title>Latin American Herald Tribune: Maria Delgado</title>" in feed.text
    assert f"<link>http://news.example{ARTICLE_PATH}</link>" in feed.text
    assert "<dc:creator>Maria Delgado</dc:creator>" in feed.text


def test_a_story_links_its_authors_to_their_pages(client, cms):
    cms.pages[ARTICLE_PATH]["bylines"] = [MARIA]
    main = main_of(client.get(ARTICLE_PATH).text)
    assert '<a class="story__author" href="/authors/maria-delgado/" rel="author">' in main


def test_json_ld_names_each_author_once_and_an_agency_byline_as_an_organization(client, cms):
    cms.pages[ARTICLE_PATH]["bylines"] = [
        MARIA,
        {"author": None, "display_name": "EFE", "name": "EFE", "role": ""},
        {"author": AUTHOR, "display_name": "Maria Delgado", "name": "", "role": ""},
    ]
    data = json_ld(client.get(ARTICLE_PATH).text)
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Maria Delgado",
            "url": "http://news.example/authors/maria-delgado/",
        },
        {"@type": "Organization", "name": "EFE"},
    ]
    assert data["sourceOrganization"] == {"@type": "Organization", "name": "EFE"}


def test_an_agency_staff_byline_is_the_agency_alone(client, cms):
    cms.pages[ARTICLE_PATH]["bylines"] = [
        {"author": None, "display_name": "EFE staff", "name": "EFE staff", "role": ""}
    ]
    data = json_ld(client.get(ARTICLE_PATH).text)
    assert data["author"] == [{"@type": "Organization", "name": "EFE"}]


def test_corrections_show_their_kind_and_only_corrections_are_json_ld_corrections(client, cms):
    cms.pages[ARTICLE_PATH]["corrections"] = [
        {"kind": "correction", "date": "2026-11-25", "text": "The toll was 12, not 21."},
        {"kind": "clarification", "date": "2026-11-25", "text": "The call was by phone."},
        {"kind": "update", "date": "2026-11-26", "text": "Talks resumed."},
    ]
    html = client.get(ARTICLE_PATH).text
    corrections = text_of(re.search(r'<aside class="corrections".*?</aside>', html, re.S).group(0))
    assert corrections.startswith("Corrections and updates")
    assert "Correction November 25, 2026 : The toll was 12, not 21." in corrections
    assert "Clarification" in corrections and "Update" in corrections
    assert [c["text"] for c in json_ld(html)["correction"]] == ["The toll was 12, not 21."]


def test_a_story_with_only_an_update_has_no_json_ld_correction(client, cms):
    cms.pages[ARTICLE_PATH]["corrections"] = [{"kind": "update", "text": "Talks resumed."}]
    html = client.get(ARTICLE_PATH).text
    assert '<h2 id="corrections-title">Update</h2>' in html
    assert "correction" not in json_ld(html)


def test_submenus_are_rendered_as_disclosures_that_work_without_javascript(client, cms):
    cms.site["navigation"].insert(
        1,
        {
            "label": "Latin America",
            "html_path": "/latin-america/",
            "children": [{"label": "Venezuela", "html_path": "/latin-america/venezuela/"}],
        },
    )
    cms.site["navigation"][-1]["children"] = [
        {"label": "Venezuela Overview", "html_path": "/links/venezuela/"}
    ]
    html = client.get("/").text
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert "<script" not in html.split("</head>")[1]
    assert nav.count("<details") == 2 and nav.count("<summary>") == 2
    assert '<a href="/latin-america/">Latin America</a>' in nav
    submenu = re.search(r"Latin America</a>\s*<details.*?</details>", nav, re.S).group(0)
    assert "More in Latin America" in submenu
    assert '<a href="/latin-america/venezuela/">Venezuela</a>' in submenu
    assert '<a href="/links/venezuela/">Venezuela Overview</a>' in nav


def test_the_markets_box_shows_each_quotes_own_time_and_source(client, cms):
    cms.markets["generated_at"] = "2026-11-25T09:59:00Z"
    cms.markets["instruments"][0]["latest"]["source"] = "Banco Central de Venezuela"
    html = client.get("/").text
    box = re.search(r'<section class="box markets".*?</section>', html, re.S).group(0)
    assert '<time datetime="2026-11-25T07:00:00+00:00">' in box
    assert "Source: Banco Central de Venezuela" in box
    assert "2026-11-25T09:59" not in box and "05:59" not in box


def test_a_section_shows_its_own_most_viewed(client, cms):
    world = cms.pages["/world/"]["id"]
    cms.section_most_viewed[world] = [
        {**cms.most_viewed["items"][0], "id": 15, "title": "Most Read in World"}
    ]
    html = client.get("/world/").text
    aside = re.search(r"<aside class=\"layout__aside\".*?</aside>", html, re.S).group(0)
    assert "Most Viewed in World" in aside
    assert "Most Read in World" in aside
    assert "Most Read Story of the Day" not in aside
    # The home page keeps the site-wide list.
    assert "Most Read Story of the Day" in client.get("/").text
