"""Through the whole stack on two connections: anonymous reads on the replica, the rest on the
primary."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.delivery.replica.positions import required_lsn
from cms.preview.models import PagePreview
from news.factories import ArticlePageFactory
from tests.api.read_replica.conftest import BOTH_DBS, LISTING, RENDITIONS_TABLE, titles


@pytest.fixture
def queries():
    """Queries run on each connection while the block runs."""

    class Capture:
        def __enter__(self):
            self.contexts = {
                alias: CaptureQueriesContext(connections[alias]) for alias in ("default", "replica")
            }
            for context in self.contexts.values():
                context.__enter__()
            return self

        def __exit__(self, *exc):
            for context in self.contexts.values():
                context.__exit__(*exc)

        def __getitem__(self, alias):
            return len(self.contexts[alias].captured_queries)

        def reads(self, alias, excluding=None):
            """SELECTs on ``alias``, leaving out those from the table ``excluding``."""
            return sum(
                query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
                and (excluding is None or f'FROM "{excluding}"' not in query["sql"])
                for query in self.contexts[alias].captured_queries
            )

    return Capture()


@pytest.fixture
def token(make_token):
    user = get_user_model().objects.create_superuser("wire", "wire@laht.example", "pw")
    return make_token(user, "EFE")


@BOTH_DBS
def test_anonymous_api_reads_run_on_the_replica_connection(article, queries):
    client = Client()
    for url in (LISTING, f"/api/v2/pages/{article.pk}/", f"/api/v3/pages/{article.pk}/"):
        with queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert article.title in response.content.decode()
        assert queries["replica"] > 0, url
        # The primary sees only the first reader creating image renditions: the inserts and
        # get_or_create's look-ups, which read where they write.
        assert queries.reads("default", excluding=RENDITIONS_TABLE) == 0, url


@BOTH_DBS
def test_admin_authenticated_preview_and_writes_run_on_the_primary(
    article, token, admin_user, queries
):
    anonymous = Client()
    with queries:
        response = anonymous.get(
            f"/api/v3/pages/{article.pk}/", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
    assert response.status_code == 200
    assert queries["replica"] == 0 and queries["default"] > 0

    preview = PagePreview.create_for(article.specific)
    with queries:
        response = anonymous.get(f"/api/v2/preview/?token={preview.token}")
    assert response.status_code == 200
    assert queries["replica"] == 0 and queries["default"] > 0

    with queries:
        response = anonymous.post(
            "/api/v3/most-viewed/hits/",
            data=json.dumps({"page_id": article.pk}),
            content_type="application/json",
            HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36",
        )
    assert response.status_code == 202 and response.json()["counted"] is True
    assert queries["replica"] == 0 and queries["default"] > 0

    editor = Client()
    editor.force_login(admin_user)
    for url in ("/admin/", f"/admin/pages/{article.pk}/edit/", LISTING):
        with queries:
            response = editor.get(url)
        assert response.status_code == 200, url
        assert queries["replica"] == 0 and queries["default"] > 0, url


@BOTH_DBS
def test_after_a_publication_a_lagging_replica_does_not_refill_the_cache(
    wal, settings, section, article, queries
):
    settings.API_RESPONSE_CACHE_SECONDS = 3600
    client = Client()
    assert titles(client.get(LISTING)) == [article.title]

    ArticlePageFactory(parent=section, title="Breaking: a new story").save_revision().publish()
    assert required_lsn() == wal.lsn(wal.primary)  # recorded by the invalidation

    with queries:
        refill = client.get(LISTING)
    assert refill["X-Cache"] == "miss"
    assert queries["replica"] == 0 and queries["default"] > 0  # the replica lags: primary
    assert "Breaking: a new story" in titles(refill)
    assert "Breaking: a new story" in titles(client.get(LISTING))  # what the cache now serves

    wal.catch_up()
    client.get(f"/api/v2/pages/{article.pk}/")  # next miss: the replica is current again
    with queries:
        assert client.get(f"/api/v2/pages/{section.pk}/").status_code == 200
    assert queries["replica"] > 0 and queries.reads("default") == 0
