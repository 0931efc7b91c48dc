"""The v3 contract only changes on purpose: `make openapi` (django-ninja's own export) writes
docs/openapi.json, and it must equal what the running API serves."""

import difflib
import json
from pathlib import Path

from django.conf import settings

SNAPSHOT = Path(settings.BASE_DIR) / "docs" / "openapi.json"


def lines(schema):
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False).splitlines(True)


def test_the_committed_snapshot_is_what_the_live_api_serves(client, db):
    assert SNAPSHOT.exists(), "docs/openapi.json is missing: run `make openapi`"
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    live, committed = response.json(), json.loads(SNAPSHOT.read_text())
    if live != committed:
        diff = "".join(list(difflib.unified_diff(lines(committed), lines(live)))[:80])
        raise AssertionError(
            "The API v3 contract changed. If intended, run `make openapi` and commit "
            "docs/openapi.json; otherwise fix the change.\n" + diff
        )


def test_the_snapshot_paths_are_the_urls_clients_call():
    schema = json.loads(SNAPSHOT.read_text())
    assert schema["servers"], "the document names no server"
    assert "/api/v3/pages/{page_id}/actions/publish/" in schema["paths"]
    assert all(path.startswith("/api/v3/") for path in schema["paths"])


def test_snapshot_documents_the_page_types():
    schema = json.loads(SNAPSHOT.read_text())
    assert "news.ArticlePage" in json.dumps(schema)
    assert schema["info"]["version"]


def test_every_operation_declares_its_problems_as_problem_json():
    schema = json.loads(SNAPSHOT.read_text())
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for status in ("400", "422"):
                assert "application/problem+json" in responses[status]["content"], (
                    method,
                    path,
                    status,
                )
            if operation.get("security"):
                assert {"401", "403"} <= set(responses), (method, path)
            assert "404" in responses, (method, path)


def test_a_found_page_is_a_declared_redirect_to_its_detail(client, article):
    response = client.get(f"/api/v3/pages/find/?id={article.pk}")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/api/v3/pages/{article.pk}/")
    schema = json.loads(SNAPSHOT.read_text())
    for path in ("/api/v3/pages/find/", "/api/v3/redirects/find/"):
        assert "Location" in schema["paths"][path]["get"]["responses"]["302"]["headers"]
