"""Hostile requests to the public site over real HTTP (live CMS, frontend on a free port):
input the CMS refuses is a 4xx page of the site, never its 503 ("briefly unavailable")."""

from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.frontend.servers import serve_frontend

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HUGE = "9" * 30
UNAVAILABLE = "briefly unavailable"


@pytest.fixture
def frontend(live_server, settings, article):
    with (
        serve_frontend(live_server, settings) as server,
        httpx.Client(base_url=server.url, timeout=20) as client,
    ):
        yield client


HOSTILE = [
    ("/search/?q=%00", 400),
    ("/search/?q=a%00b", 400),
    ("/search/?q=" + "a+" * 70, 400),  # 70 words in 140 characters: the CMS refuses it
    ("/search/?q=oil&page=" + HUGE, 400),
    ("/search/?q=oil&page=-1", 400),
    ("/search/?q=oil&page=abc", 400),
    ("/%00/", 404),
    ("/world/%00/", 404),
    ("/world/?page=" + HUGE, 400),
    ("/world/?page=%00", 400),
    ("/tags/%00/", 404),
    ("/tags/x/?page=" + HUGE, 400),
    (f"/sitemap-articles-{HUGE}.xml", 404),
    ("/sitemap-articles-0.xml", 404),
    ("/_preview/?token=%00", 400),
]


@pytest.mark.parametrize(("path", "status"), HOSTILE)
def test_hostile_input_is_a_4xx_page_not_the_outage_page(frontend, path, status):
    response = frontend.get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    assert UNAVAILABLE not in response.text
    assert response.status_code == status, (path, response.status_code)


def test_an_unbalanced_quote_searches_the_words_it_holds(frontend):
    # Quotes make exact phrases; one left open is read as plain words, not refused.
    response = frontend.get("/search/?q=%22oil")
    assert response.status_code == 200
    assert UNAVAILABLE not in response.text


#: Query values and path segments: text with control characters, quotes, huge numbers.
VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "%00", '"', "'", "\\", "../", "%", "?", "#", "page"]),
)
ROUTES = st.sampled_from(["/", "/search/", "/world/", "/tags/oil/", "/links/", "/feed.xml"])


@settings(
    max_examples=30,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
def fuzz_once(client, data):
    route = data.draw(ROUTES)
    params = data.draw(st.dictionaries(st.sampled_from(["q", "page", "tag", "x"]), VALUES))
    response = client.get(route, params=params)
    assert response.status_code < 500, (route, params, response.status_code)
    segment = data.draw(VALUES)
    response = client.get("/" + quote(segment, safe="") + "/")
    assert response.status_code < 500, (segment, response.status_code)


def test_no_query_or_path_makes_the_site_fail(frontend):
    fuzz_once(frontend)
