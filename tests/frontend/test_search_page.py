"""The search page: marked matches, counts, sorting, facets as links, pages past 1 000."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from frontend.search import MAX_SEARCH_PAGE, marked

FACETS = {
    "section": [{"value": "4", "label": "World", "count": 1}],
    "country": [
        {"value": "SY", "label": "Syria", "count": 1},
        {"value": "TR", "label": "Türkiye & Co", "count": 1},
    ],
    "author": [],
    "year": [{"value": "2025", "label": "2025", "count": 1}],
}


def hrefs(html):
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', html)]


def search_requests(cms):
    return [params for path, params in requests_of(cms) if "search" in params]


def requests_of(cms):
    for request in cms.requests:
        url = urlsplit(str(request.url))
        yield url.path, {key: values[0] for key, values in parse_qs(url.query).items()}


def test_titles_and_snippets_show_the_marked_match_and_nothing_else(client):
    html = client.get("/search/", params={"q": "idlib"}).text
    assert "Erdogan to Boost Dialogue on <mark>Idlib</mark> Violence" in html
    assert "…the passage around <mark>idlib</mark>…" in html


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("a <mark>b</mark> c", "a <mark>b</mark> c"),
        ("<script>x</script> <mark>y</mark>", "&lt;script&gt;x&lt;/script&gt; <mark>y</mark>"),
        ("&amp; &lt;b&gt;", "&amp; &lt;b&gt;"),
        ('<mark onclick="x">y</mark>', '&lt;mark onclick="x"&gt;y'),
        ("<mark>open", "<mark>open</mark>"),
        ("</mark>stray", "stray"),
    ],
)
def test_only_mark_elements_survive_from_a_highlight(given, shown):
    assert str(marked(given)) == shown


def test_the_count_says_about_when_the_cms_estimates_it(client, cms):
    cms.search_total, cms.search_meta = 12_345, {"total_count_exact": False}
    assert "About 12,345 results" in client.get("/search/", params={"q": "idlib"}).text
    cms.search_meta = {}
    exact = client.get("/search/", params={"q": "idlib violence"}).text
    assert "12,345 results" in exact and "About" not in exact


def test_sort_links_switch_between_relevance_and_newest(client, cms):
    html = client.get("/search/", params={"q": "idlib"}).text
    assert "/search/?q=idlib&order=newest" in hrefs(html)
    client.get("/search/", params={"q": "idlib", "order": "newest"})
    orders = [params.get("order") for params in search_requests(cms)]
    assert orders == [None, "-first_published_at"]  # relevance sends no order at all


def test_facets_are_links_with_counts_that_narrow_and_can_be_removed(client, cms):
    cms.search_meta = {"facets": FACETS}
    html = client.get("/search/", params={"q": "idlib"}).text
    assert "/search/?q=idlib&country=TR" in hrefs(html)
    assert 'Türkiye &amp; Co</a> <span class="search-facets__count">(1)</span>' in html
    narrowed = client.get("/search/", params={"q": "idlib", "country": "TR"}).text
    assert search_requests(cms)[-1]["country"] == "TR"
    assert "Remove filter: Türkiye &amp; Co" in narrowed
    assert "/search/?q=idlib" in hrefs(narrowed)


def test_a_malformed_filter_is_a_400(client):
    assert client.get("/search/", params={"q": "idlib", "year": "20 25"}).status_code == 400


def test_pages_are_numbered_and_go_past_the_first_thousand_results(client, cms):
    cms.search_total = 30_000
    html = client.get("/search/", params={"q": "idlib", "page": "60"}).text
    assert search_requests(cms)[-1]["offset"] == str(59 * 20)
    links = hrefs(html)
    assert "/search/?q=idlib" in links  # page 1
    for page in (58, 59, 61, 62, MAX_SEARCH_PAGE):
        assert f"/search/?q=idlib&page={page}" in links
    assert '<a href="/search/?q=idlib&amp;page=61" rel="next">' in html
    assert '<a href="/search/?q=idlib&amp;page=59" rel="prev">' in html


def test_a_page_past_the_last_or_the_maximum_is_a_404(client, cms):
    assert client.get("/search/", params={"q": "idlib", "page": "2"}).status_code == 404
    cms.search_total = 10**7
    deepest = client.get("/search/", params={"q": "idlib", "page": str(MAX_SEARCH_PAGE)})
    assert deepest.status_code == 200
    assert 'rel="next"' not in deepest.text
    too_deep = client.get("/search/", params={"q": "idlib", "page": str(MAX_SEARCH_PAGE + 1)})
    assert too_deep.status_code == 404


def test_the_spanish_edition_searches_in_spanish(client, cms):
    html = client.get("/es/search/", params={"q": "diálogo"}).text
    assert "<mark>diálogo</mark>" in html
    assert "1 resultado" in html
    assert search_requests(cms)[-1]["locale"] == "es"
