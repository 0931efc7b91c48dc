"""The markets box per edition: ``/api/v3/markets/?locale=es`` names instruments, units and
quote conventions in Spanish where editors translated them."""

from decimal import Decimal

import pytest

from home.markets.models import Instrument, InstrumentTranslation, Quote
from tests.home.markets.conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def oil(oil):
    """The package's crude oil with a quote and its Spanish labels."""
    Quote.objects.create(instrument=oil, value=Decimal("70"), as_of=local(0, 9))
    InstrumentTranslation.objects.create(
        instrument=oil, language="es", name="Petróleo crudo", unit="barril", quote_convention=""
    )
    return oil


def labels(response):
    return [
        (item["name"], item["unit"], item["quote_convention"])
        for item in response.json()["instruments"]
    ]


def test_the_spanish_box_has_spanish_labels_and_the_english_where_blank(client, oil):
    assert labels(client.get("/api/v3/markets/?locale=es")) == [
        ("Petróleo crudo", "barril", "USD per barrel")
    ]
    assert labels(client.get("/api/v3/markets/")) == [("Crude Oil", "barrel", "USD per barrel")]
    assert labels(client.get("/api/v3/markets/?locale=en")) == labels(
        client.get("/api/v3/markets/")
    )


def test_an_unknown_locale_is_a_422(client, oil):
    response = client.get("/api/v3/markets/?locale=fr")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_editing_a_spanish_label_shows_at_once_in_the_cached_box(client, oil):
    client.get("/api/v3/markets/")  # both editions cached
    client.get("/api/v3/markets/?locale=es")
    translation = InstrumentTranslation.objects.get()
    translation.name = "Petróleo WTI"
    translation.save()
    assert labels(client.get("/api/v3/markets/?locale=es"))[0][0] == "Petróleo WTI"
    translation.delete()
    assert labels(client.get("/api/v3/markets/?locale=es"))[0][0] == "Crude Oil"


def test_the_spanish_box_costs_one_query_more_whatever_the_number_of_instruments(
    client, oil, django_assert_max_num_queries
):
    for n in range(12):
        instrument = Instrument.objects.create(
            name=f"I{n}",
            kind="currency",
            symbol=f"C{n}",
            quote_convention="units per USD",
            display_order=2 + n,
        )
        InstrumentTranslation.objects.create(instrument=instrument, language="es", name=f"E{n}")
        Quote.objects.create(instrument=instrument, value=1 + n, as_of=local(0, 9))
    with django_assert_max_num_queries(5):  # the English box's four, and the translations
        response = client.get("/api/v3/markets/?locale=es")
    assert [name for name, _, _ in labels(response)][:3] == ["Petróleo crudo", "E0", "E1"]
