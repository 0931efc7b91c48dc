"""Schemathesis against the live /api/v3/openapi.json: no input answers a 5xx, and every answer
is one the document declares (status, media type, body schema).

Three callers: anonymous, an editor's token and an admin's token, on the test database (the
test's transaction is rolled back). Every operation gets valid and invalid examples, derived
deterministically (``derandomize``, no example database), ``FUZZ_EXAMPLES`` of them per
operation and caller: about two minutes for the three on two cores.
"""

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode, checks

from home.demo.editorial import EDITOR_PAGE_PERMISSIONS, set_page_permissions

FUZZ_EXAMPLES = 15
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
#: Wagtail's snippet operations take ``type`` from the snippet models registered with its v3
#: API; none is, so their ``type`` is the empty constant Wagtail falls back to and no request
#: can reach them (docs/api.md).
UNREACHABLE = r"^/api/v3/snippets/"
#: The WSGI test client does not decompress: ask for plain bodies.
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture(autouse=True)
def requests_keep_the_test_connection():
    """Django closes the database connection after each request; the test's transaction lives
    on it (Django's test client disconnects the same handler)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def v3_schema(article):
    # Read from the running application (its URL conf and every app's router), as clients do.
    schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", get_wsgi_application())
    return schema.exclude(path_regex=UNREACHABLE)


def fuzz(schema, headers):
    """Every operation's examples; returns the failures, one line of context each."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        cases = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )

        @settings(
            max_examples=FUZZ_EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=cases)
        def check(case):
            case.call_and_validate(headers={**PLAIN, **headers}, checks=CHECKS)

        try:
            check()
        except Exception as e:  # noqa: BLE001 - every operation's failure is reported
            failures.append(f"{operation.method.upper()} {operation.path}:\n{e}")
    return failures


def assert_no_failures(failures):
    assert not failures, f"{len(failures)} operation(s) failed:\n\n" + "\n\n".join(failures)


def token_headers(make_token, user):
    return {"Authorization": f"Bearer {make_token(user)}"}


def test_anonymous_input_never_fails_the_v3_api_or_its_schema(v3_schema):
    assert_no_failures(fuzz(v3_schema, {}))


def test_an_editors_input_never_fails_the_v3_api_or_its_schema(v3_schema, article, make_token):
    editor = get_user_model().objects.create_user("fuzz-editor", "editor@laht.example", "pw")
    editors, _ = Group.objects.get_or_create(name="Editors")
    set_page_permissions(editors, [article.get_parent()], EDITOR_PAGE_PERMISSIONS)
    editor.groups.add(editors)
    assert_no_failures(fuzz(v3_schema, token_headers(make_token, editor)))


def test_an_admins_input_never_fails_the_v3_api_or_its_schema(v3_schema, make_token):
    admin = get_user_model().objects.create_superuser("fuzz-admin", "admin@laht.example", "pw")
    assert_no_failures(fuzz(v3_schema, token_headers(make_token, admin)))
