"""The CMS's PostgreSQL sessions plan for short web queries: no JIT, no parallel workers."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL session settings"),
]


def show(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_queries_are_never_jit_compiled():
    assert show("jit") == "off"


def test_a_query_never_waits_for_parallel_workers_to_start():
    assert show("max_parallel_workers_per_gather") == "0"
