"""The markets box in the admin and the demo: instruments and quotes listed, filtered and
entered by hand, Spanish labels, and the seed instruments."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from home.markets.models import Instrument, Quote
from tests.home.markets.conftest import local

pytestmark = pytest.mark.django_db


def test_admin_lists_and_filters_instruments_and_quotes(admin_client, oil, pound):
    Quote.objects.create(instrument=oil, value=Decimal("74.5"), as_of=local(1, 17))
    Quote.objects.create(instrument=pound, value=Decimal("0.79"), as_of=local(1, 17))
    listing = admin_client.get("/admin/home/instrument/")
    assert listing.status_code == 200
    assert b"Crude Oil" in listing.content and b"74.50" in listing.content
    commodities = admin_client.get("/admin/home/instrument/", {"kind__exact": "currency"})
    assert b"UK Pound" in commodities.content and b"Crude Oil" not in commodities.content

    quotes = admin_client.get("/admin/home/quote/", {"instrument__id__exact": oil.pk})
    assert quotes.status_code == 200
    assert b"74.500000" in quotes.content and b"0.790000" not in quotes.content


def test_admin_manual_quote_entry_shows_in_the_api(admin_client, client, oil):
    form = admin_client.get("/admin/home/quote/create/")
    assert form.status_code == 200
    as_of = timezone.localtime() - datetime.timedelta(minutes=5)
    response = admin_client.post(
        "/admin/home/quote/create/",
        {
            "instrument": oil.pk,
            "value": "76.25",
            "as_of": as_of.strftime("%Y-%m-%d %H:%M"),
            "source": "manual",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [item] = client.get("/api/v3/markets/").json()["instruments"]
    assert item["latest"]["value"] == "76.25"
    assert item["latest"]["source"] == "manual"

    # A zero or negative value is a form error, not a stored quote.
    bad = admin_client.post(
        "/admin/home/quote/create/",
        {"instrument": oil.pk, "value": "-1", "as_of": as_of.strftime("%Y-%m-%d %H:%M")},
    )
    assert bad.status_code == 200
    assert Quote.objects.count() == 1


def test_editors_can_add_instruments_with_their_spanish_labels(admin_client, client):
    response = admin_client.post(
        "/admin/home/instrument/create/",
        {
            "name": "Venezuela Bolivar",
            "symbol": "ves",
            "kind": "currency",
            "unit": "",
            "quote_convention": "units per USD",
            "decimal_places": 2,
            "display_order": 100,
            "active": "on",
            "translations-TOTAL_FORMS": "1",
            "translations-INITIAL_FORMS": "0",
            "translations-MIN_NUM_FORMS": "0",
            "translations-MAX_NUM_FORMS": "1000",
            "translations-0-language": "es",
            "translations-0-name": "Bolívar venezolano",
            "translations-0-unit": "",
            "translations-0-quote_convention": "",
        },
    )
    assert response.status_code == 302
    assert Instrument.objects.get().symbol == "VES"
    (spanish,) = client.get("/api/v3/markets/?locale=es").json()["instruments"]
    assert (spanish["name"], spanish["quote_convention"]) == ("Bolívar venezolano", "units per USD")


def test_demo_loads_the_seed_instruments_with_30_days_of_quotes(client):
    from home.demo import furniture as demo
    from home.demo import markets

    class Command:
        stdout = io.StringIO()

    demo.load(Command)
    demo.load(Command)  # idempotent
    names = [item["name"] for item in client.get("/api/v3/markets/").json()["instruments"]]
    assert names == [
        "Crude Oil",
        "US Gasoline Prices",
        "Natural Gas",
        "UK Pound",
        "Australia Dollar",
        "Canada Dollar",
        "Brazil Real",
        "Mexico Peso",
        "India Rupee",
    ]
    items = client.get("/api/v3/markets/").json()["instruments"]
    assert all(len(item["history"]) == 30 and not item["stale"] for item in items)
    assert all(item["change_percent"] is not None for item in items)
    assert Quote.objects.count() == 9 * 30
    # Deterministic: the same values every time the demo is loaded.
    wti = Instrument.objects.get(symbol="WTI")
    values = list(wti.quotes.order_by("as_of").values_list("value", flat=True))
    assert values == markets.demo_quote_values("74.50", "0.018", 30, "WTI")
    assert values[0] == Decimal("74.50")


@pytest.mark.postgres
def test_a_stored_bc_quote_does_not_break_the_quotes_admin(admin_client, oil):
    from django.db import connection

    Quote.objects.create(instrument=oil, value=Decimal("74.5"), as_of=local(1, 17))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO home_quote (instrument_id, value, as_of, source, created_at) "
            "VALUES (%s, 1, '0001-12-31 10:00:00+00 BC', 'api', now())",
            [oil.pk],
        )
    for query in ({"o": "2"}, {"o": "-2"}, {}):
        response = admin_client.get("/admin/home/quote/", query)
        assert response.status_code == 200, query
        assert b"74.500000" in response.content
    assert admin_client.get("/admin/home/quote/", {"export": "xlsx"}).status_code == 200
