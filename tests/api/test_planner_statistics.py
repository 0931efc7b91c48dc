"""A bulk render keeps PostgreSQL's statistics of the document tables fresh as they grow, so
its deletes of old dependency rows stay on the indexes at a million documents."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.delivery import planner_statistics
from tests.api.test_query_budget import full_stories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def stories(section):
    return full_stories(section, 12)


def analyses(queries) -> list[str]:
    return [query["sql"] for query in queries if query["sql"].startswith("ANALYZE")]


def test_the_tables_are_analysed_each_time_the_stored_count_doubles(monkeypatch, stories):
    monkeypatch.setattr(planner_statistics, "FIRST_ANALYZE", 4)
    with CaptureQueriesContext(connection) as queries:
        call_command(
            "render_api_documents",
            "--workers",
            "1",
            "--batch-size",
            "2",
            verbosity=0,
            stdout=io.StringIO(),
        )
    # Twelve documents, two per batch: refreshed at 4 and 8, not again before 16.
    assert (
        analyses(queries)
        == [
            'ANALYZE "delivery_apidocument"',
            'ANALYZE "delivery_apidocumentdependency"',
        ]
        * 2
    )


def test_a_small_render_leaves_the_statistics_alone(stories):
    with CaptureQueriesContext(connection) as queries:
        call_command("render_api_documents", "--workers", "1", verbosity=0, stdout=io.StringIO())
    assert analyses(queries) == []


@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rendering_in_processes_analyses_from_the_parent_as_the_workers_store(
    monkeypatch,
    stories,
):
    monkeypatch.setattr(planner_statistics, "FIRST_ANALYZE", 1)
    with CaptureQueriesContext(connection) as queries:
        call_command("render_api_documents", "--workers", "2", verbosity=0, stdout=io.StringIO())
    assert 'ANALYZE "delivery_apidocumentdependency"' in analyses(queries)
