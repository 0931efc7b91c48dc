"""A parameter fuzz of /api/v2/pages/ (and images, documents): whatever the query string,
the answer is JSON and never a 5xx. Deterministic and bounded (``derandomize``)."""

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PARAMETERS = [
    "type", "fields", "search", "search_operator", "order", "offset", "limit", "child_of",
    "descendant_of", "id", "title", "slug", "first_published_at", "date", "section", "tag",
    "country", "source", "author", "locale", "site", "html_path", "show_in_menus",
]  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "\x00", '"', "*", "-id", "news.ArticlePage", "and", "or", "root", "1"]),
    st.dates().map(str),
)
ENDPOINTS = ["/api/v2/pages/", "/api/v2/pages/find/", "/api/v2/images/", "/api/v2/documents/"]


@settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    query=st.dictionaries(st.sampled_from(PARAMETERS), VALUES, max_size=4),
)
def fuzz_once(client, endpoint, query):
    response = client.get(endpoint, query)
    assert response.status_code < 500, (endpoint, query, response.status_code)
    assert response["Content-Type"].startswith("application/json"), (endpoint, query)
    if response.status_code >= 400:
        assert response.json()["message"], (endpoint, query)


def test_no_query_string_makes_the_v2_api_fail(client, article):
    fuzz_once(client)
