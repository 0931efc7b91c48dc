"""The search page over real HTTP against the real CMS: marked matches, a facet link that
narrows the results, and a deep page reached by its offset (one story a page)."""

import datetime
import re

import httpx
import pytest
from django.utils import timezone

from news.factories import ArticlePageFactory, SectionPageFactory
from tests.frontend.servers import serve_frontend

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def archive(home, section):
    """60 stories in World and 5 newer ones in Business, an hour apart."""
    business = SectionPageFactory(parent=home, title="Business", slug="business")
    now = timezone.now()
    for n in range(65):
        ArticlePageFactory(
            parent=section if n < 60 else business,
            title=f"Cacao report {n}",
            deck="Growers sold <cacao> & coffee.",
            body=[],
            lead_image=None,
            first_published_at=now - datetime.timedelta(hours=65 - n),
        )
    return business


@pytest.fixture
def frontend(live_server, settings):
    with (
        # The first search of a fresh CMS may take more than the default 2 s on a busy machine.
        serve_frontend(live_server, settings, page_size=1) as server,
        httpx.Client(base_url=server.url, timeout=10) as client,
    ):
        yield client


def hrefs(html):
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', html)]


def test_search_marks_matches_narrows_by_facet_and_pages_deep(frontend, archive):
    found = frontend.get("/search/", params={"q": "cacao", "order": "newest"})
    assert found.status_code == 200
    assert "<mark>Cacao</mark> report 64" in found.text
    assert "Growers sold &lt;<mark>cacao</mark>&gt; &amp; coffee." in found.text
    assert "65 results" in found.text

    narrow = f"/search/?q=cacao&order=newest&section={archive.pk}"
    assert narrow in hrefs(found.text)
    narrowed = frontend.get(narrow)
    assert "5 results" in narrowed.text
    assert "Remove filter: Business" in narrowed.text

    deep = frontend.get("/search/", params={"q": "cacao", "order": "newest", "page": "55"})
    assert deep.status_code == 200
    assert "<mark>Cacao</mark> report 10" in deep.text  # the 55th newest
    assert "/search/?q=cacao&order=newest&page=54" in hrefs(deep.text)
    past = frontend.get("/search/", params={"q": "cacao", "page": "66"})
    assert past.status_code == 404
