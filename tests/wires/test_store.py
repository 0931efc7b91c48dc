"""Items stored a batch at a time: a batch's statements do not grow with its size, and the
versions, kills and failures of its items behave as they do one by one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.wires import store
from news.wires.ingest import parse_file
from news.wires.items import Picture
from news.wires.models import WireItem, WireItemVersion
from news.wires.store import CREATED, SUPERSEDED, UNCHANGED, UPDATED, Arrival, store_batch
from tests.wires.conftest import fixture_bytes

pytestmark = pytest.mark.django_db


def arrivals(numbers, name="newsml/efe-idlib-v1.xml") -> list[Arrival]:
    """One arrival per number: the fixture's item under a guid of its own."""
    template = fixture_bytes(name)
    found = []
    for n in numbers:
        data = template.replace(b"ES-MOSCU-IDLIB", f"BATCH-{n:04d}".encode())
        found += parse_file(data, agency="efe", name=f"{n}.xml").arrivals
    return found


def statements(batch: list[Arrival]) -> int:
    with CaptureQueriesContext(connection) as queries:
        results = store_batch(batch, rules=[])
    assert all(isinstance(result, store.Outcome) for result in results), results
    return len(queries)


def test_a_batch_of_new_items_costs_the_same_statements_whatever_its_size():
    assert statements(arrivals(range(3))) == statements(arrivals(range(100, 130)))
    assert WireItem.objects.count() == 33 and WireItemVersion.objects.count() == 33


def test_a_batch_of_new_versions_repeats_and_late_copies_costs_the_same_whatever_its_size():
    store_batch(arrivals(range(40), "newsml/efe-idlib-v2.xml"), rules=[])
    store_batch(arrivals(range(40, 80)), rules=[])

    def mixed(numbers):
        # new versions of stored items, the same versions again, late versions, new items
        return (
            arrivals(numbers, "newsml/efe-idlib-kill.xml")
            + arrivals([n + 40 for n in numbers])
            + arrivals(numbers)
            + arrivals([n + 80 for n in numbers])
        )

    assert statements(mixed(range(2))) == statements(mixed(range(10, 30)))
    assert WireItem.objects.filter(state=WireItem.State.KILLED).count() == 22
    assert WireItemVersion.objects.filter(superseded=True).count() == 22


def test_versions_of_one_item_in_one_batch_apply_in_order():
    batch = (
        arrivals([1])
        + arrivals([1], "newsml/efe-idlib-v2.xml")
        + arrivals([1])
        + arrivals([1], "newsml/efe-idlib-v2.xml")
    )
    results = [outcome.result for outcome in store_batch(batch, rules=[])]
    assert results == [CREATED, UPDATED, SUPERSEDED, UNCHANGED]
    item = WireItem.objects.get()
    assert item.version == 2
    assert list(item.versions.values_list("version", "superseded")) == [(2, False), (1, False)]


def test_an_item_that_fails_is_reported_and_the_rest_of_its_batch_is_stored(monkeypatch):
    batch = arrivals(range(5))
    batch[2].entry.pictures = [Picture("unreadable.jpg")]
    real = store.import_picture

    def import_picture(picture, folder):
        if picture.href == "unreadable.jpg":
            raise OSError("unreadable")
        return real(picture, folder)

    monkeypatch.setattr(store, "import_picture", import_picture)
    results = store_batch(batch, rules=[])
    bad = batch[2].entry.guid
    assert results[2] == f"{bad}: not stored (OSError: unreadable)"
    assert [r.result for n, r in enumerate(results) if n != 2] == [CREATED] * 4
    assert not WireItem.objects.filter(guid=bad).exists()
    assert WireItem.objects.count() == 4
