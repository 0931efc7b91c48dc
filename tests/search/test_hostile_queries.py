"""Whatever a reader types into ``?search=`` (quotes, NUL bytes, the backends' own syntax, very
long text), the answer is JSON: results, or a 400 that says why; never a 5xx. Run on SQLite
and on PostgreSQL (``DATABASE_URL``), with stories that match, so ranking, facets and
highlights all read the query."""

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

SURFACES = [
    ("/api/v2/pages/", {}),
    ("/api/v2/pages/", {"type": "news.ArticlePage", "fields": "title"}),
    ("/api/v2/pages/", {"type": "news.ArticlePage", "search_operator": "or"}),
    ("/api/v2/pages/", {"type": "news.ArticlePage", "order": "-first_published_at"}),
    ("/api/v2/images/", {}),
    ("/api/v2/documents/", {}),
]
HOSTILE = [
    '"', '""', '"oil', 'oil"', '"central bank', '"" oil', '"central bank" "', '"central" bank"',
    "\x00", "oil\x00", "&|!:*()", "oil & | ! : * ( )", "oil:*", "oil:A", "oil:*AB", "!oil",
    "!!oil", "(oil", "oil)", "oil <-> bank", "oil <2> bank", "'oil'", "''", "\\", "\\oil", "*",
    "oil*", "**oil", "o*l", "*oil", "-oil", "oil -bank", "OR oil", "oil AND", "NEAR(oil bank)",
    "oil^2", "oil~", "{oil}", "[oil]", "oil/bank", "%", "%25", "_", ":", "'&'", "é*", "ñandú",
    "\u0301", "oil\u200bbank", "x" * 1000, "x" * 3000, "oil " * 64, "oil " * 2000,
    '"central bank" oil ' * 21, '"central bank" oil ' * 300,
]  # fmt: skip


@pytest.fixture
def stories(section):
    for title, body in [
        ("Oil, the bank and the central bank", "The central bank sold oil."),
        ("Central bank holds rates", "A bank in the central square."),
        ("Oil output rises", "Crude oil shipments rose."),
    ]:
        page = ArticlePageFactory(
            parent=section, title=title, body=[("paragraph", f"<p>{body}</p>")]
        )
        page.save_revision().publish()


def check(client, path, params, query):
    response = client.get(path, {**params, "search": query})
    assert response.status_code < 500, (path, params, query[:80], response.status_code)
    assert response["Content-Type"].startswith("application/json"), (path, query[:80])
    if response.status_code >= 400:
        assert response.status_code == 400, (path, query[:80], response.status_code)
        assert response.json()["message"], (path, query[:80])
    return response


@pytest.mark.parametrize(("path", "params"), SURFACES)
def test_quotes_nul_bytes_backend_syntax_and_long_text_are_answered_not_failed(
    client, stories, path, params
):
    for query in HOSTILE:
        check(client, path, params, query)


def test_a_nul_byte_no_word_or_too_many_says_why(client, stories):
    for query, message in [
        ("oil\x00", "search must not contain NUL characters"),
        ("&|!:*()", "search must contain at least one word"),
        ("oil " * 65, "search must hold at most 64 words"),
        ("oil" + "!" * 1000, "search must be at most 1000 characters"),
    ]:
        response = check(client, "/api/v2/pages/", {}, query)
        assert response.status_code == 400 and response.json()["message"] == message


def test_backend_syntax_around_a_word_still_finds_and_marks_it(client, stories):
    for query in ["oil:*", "!oil", "(oil)", "'oil'", "oil <-> ", "oil & |"]:
        response = check(client, "/api/v2/pages/", {"type": "news.ArticlePage"}, query)
        items = response.json()["items"]
        assert len(items) == 2, query
        assert all("<mark>" in item["meta"]["highlight"]["title"] for item in items), query


#: Text made mostly of the backends' syntax and the stories' words.
SYNTAX = st.lists(
    st.sampled_from([*"\"'&|!:*()<>-\\~^{}[]/ 0123", "oil", "bank", "central"]), max_size=40
).map("".join)


@settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@given(surface=st.sampled_from(SURFACES), query=SYNTAX)
def fuzz_once(client, surface, query):
    check(client, *surface, query)


def test_no_mix_of_syntax_and_words_makes_search_fail(client, stories):
    fuzz_once(client)
