"""The v3 contract only changes on purpose: `make openapi` updates docs/openapi.json."""

import difflib
import json

from cms.delivery.management.commands.openapi_snapshot import SNAPSHOT, current_schema, render


def test_openapi_matches_the_committed_snapshot(db):
    assert SNAPSHOT.exists(), "docs/openapi.json is missing: run `make openapi`"
    current = render(current_schema())
    committed = SNAPSHOT.read_text()
    if current != committed:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(True), current.splitlines(True), "committed", "current"
                )
            )[:80]
        )
        raise AssertionError(
            "The API v3 contract changed. If intended, run `make openapi` and commit "
            "docs/openapi.json; otherwise fix the change.\n" + diff
        )


def test_snapshot_documents_the_page_types():
    schema = json.loads(SNAPSHOT.read_text())
    text = json.dumps(schema)
    assert "news.ArticlePage" in text
    assert schema["info"]["version"]
