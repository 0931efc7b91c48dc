"""The named renditions the API shows for an image (``cms.delivery.images``)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.delivery.factories import ImageFactory
from cms.delivery.images import RENDITION_SPECS, RENDITIONS, serialize_image

pytestmark = pytest.mark.django_db


def rendition_inserts(queries, table):
    """The statements inserting renditions (SQLite spells an ignored conflict ``INSERT OR
    IGNORE INTO``)."""
    return [
        query["sql"]
        for query in queries
        if query["sql"].startswith("INSERT") and f'INTO "{table}"' in query["sql"]
    ]


def test_an_image_without_renditions_gets_each_by_its_own_insert_in_spec_order():
    """Two readers (or document workers) seeing a new image at once both create its
    renditions; one row per statement, always in the same order, cannot deadlock the two
    on PostgreSQL as one multi-row insert in thread-completion order can."""
    image = ImageFactory()
    table = image.get_rendition_model()._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        shown = serialize_image(image)
    inserts = rendition_inserts(queries.captured_queries, table)
    assert len(inserts) == len(RENDITION_SPECS)
    assert all(sql.count("VALUES (") == 1 and "), (" not in sql for sql in inserts)
    assert [spec for sql in inserts for spec in RENDITION_SPECS if f"'{spec}'" in sql] == list(
        RENDITION_SPECS
    )
    assert set(shown["renditions"]) == set(RENDITIONS)
    assert image.renditions.count() == len(RENDITION_SPECS)


def test_an_image_with_its_renditions_is_shown_without_creating_any():
    image = ImageFactory()
    first = serialize_image(image)
    table = image.get_rendition_model()._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        again = serialize_image(type(image).objects.get(pk=image.pk))
    assert rendition_inserts(queries.captured_queries, table) == []
    assert again["renditions"] == first["renditions"]
