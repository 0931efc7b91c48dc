"""``/api/v3/markets/``: latest quotes, change, history and staleness, cacheable and at a
constant query count; quotes pushed through the API with a token, refused by line."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from home.markets.models import Instrument, Quote
from tests.home.markets.conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def quote_token(django_user_model):
    user = django_user_model.objects.create_superuser("feed", "feed@laht.example", "pw")
    return APIToken.create_token(user=user, name="quotes feed")[1]


def post_quotes(client, body, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(
        "/api/v3/markets/quotes/", data=body, content_type="application/json", **headers
    )


def test_markets_api_latest_change_history_and_stale(client, oil, pound):
    # Oil: 40 days of closes (and an intraday quote each day), today at 10:00 the latest.
    for days_ago in range(40, 0, -1):
        Quote.objects.create(
            instrument=oil, value=Decimal("70") + days_ago, as_of=local(days_ago, 11)
        )
        Quote.objects.create(
            instrument=oil, value=Decimal("60") + days_ago, as_of=local(days_ago, 17)
        )
    Quote.objects.create(instrument=oil, value=Decimal("62.50"), as_of=local(0, 0, 1))
    # Pound: its last quote is three days old.
    Quote.objects.create(instrument=pound, value=Decimal("0.80"), as_of=local(5, 17))
    Quote.objects.create(instrument=pound, value=Decimal("0.7812345"), as_of=local(3, 17))
    Instrument.objects.create(
        name="Old", kind="currency", symbol="OLD", quote_convention="x", active=False
    )

    response = client.get("/api/v3/markets/")
    assert response.status_code == 200
    data = response.json()
    assert [item["symbol"] for item in data["instruments"]] == ["WTI", "GBP"]
    wti, gbp = data["instruments"]
    assert wti["latest"]["value"] == "62.50"
    assert wti["previous_close"]["value"] == "61.00"  # yesterday's 17:00 quote, not 11:00
    assert wti["change"] == "1.50"
    assert wti["change_percent"] == "2.46"
    assert wti["direction"] == "up"
    assert wti["stale"] is False
    assert wti["quote_convention"] == "USD per barrel"
    assert len(wti["history"]) == 30
    assert wti["history"][-1] == {"date": timezone.localdate().isoformat(), "value": "62.50"}
    assert wti["history"][-2]["value"] == "61.00"
    assert gbp["latest"]["value"] == "0.7812"
    assert gbp["previous_close"]["value"] == "0.8000"
    assert gbp["change"] == "-0.0188"
    assert gbp["direction"] == "down"
    assert gbp["stale"] is True
    assert data["stale_after"] == 86400


def test_instrument_without_quotes_is_listed_as_stale(client, oil):
    [item] = client.get("/api/v3/markets/").json()["instruments"]
    assert item["latest"] is None and item["change"] is None and item["stale"] is True
    assert item["history"] == []


def test_stale_after_is_configurable(client, settings, oil):
    Quote.objects.create(
        instrument=oil, value=Decimal("70"), as_of=timezone.now() - datetime.timedelta(hours=2)
    )
    assert client.get("/api/v3/markets/").json()["instruments"][0]["stale"] is False
    from django.core.cache import cache

    cache.clear()
    settings.MARKETS_STALE_AFTER = 3600
    assert client.get("/api/v3/markets/").json()["instruments"][0]["stale"] is True


def test_instrument_older_than_the_history_window_still_shows_its_last_quote(client, oil):
    Quote.objects.create(instrument=oil, value=Decimal("50"), as_of=local(60, 17))
    Quote.objects.create(instrument=oil, value=Decimal("55"), as_of=local(45, 17))
    [item] = client.get("/api/v3/markets/").json()["instruments"]
    assert item["latest"]["value"] == "55.00"
    assert item["previous_close"]["value"] == "50.00"
    assert item["stale"] is True
    assert item["history"] == []


def test_markets_response_is_cacheable_with_an_etag(client, oil):
    Quote.objects.create(instrument=oil, value=Decimal("70"), as_of=local(1, 17))
    response = client.get("/api/v3/markets/")
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get("/api/v3/markets/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


def test_a_manual_quote_shows_up_at_once(client, oil):
    Quote.objects.create(instrument=oil, value=Decimal("70"), as_of=local(1, 17))
    assert client.get("/api/v3/markets/").json()["instruments"][0]["latest"]["value"] == "70.00"
    Quote.objects.create(instrument=oil, value=Decimal("71"), as_of=local(0, 0, 5))
    assert client.get("/api/v3/markets/").json()["instruments"][0]["latest"]["value"] == "71.00"


def test_markets_query_count_does_not_grow_with_instruments(client, django_assert_max_num_queries):
    for n in range(12):
        instrument = Instrument.objects.create(
            name=f"I{n}", kind="currency", symbol=f"C{n}", quote_convention="units per USD"
        )
        # Half of them have stopped updating: their quotes end before the 30-day window.
        first = 40 if n % 2 else 0
        for days_ago in range(first, first + 35):
            Quote.objects.create(instrument=instrument, value=1 + n, as_of=local(days_ago, 12))
    with django_assert_max_num_queries(4):
        response = client.get("/api/v3/markets/")
    items = response.json()["instruments"]
    assert len(items) == 12
    assert all(item["previous_close"] is not None for item in items)
    assert [item["stale"] for item in items] == [False, True] * 6


def test_pushing_quotes_through_the_api_needs_a_token(client, oil, quote_token):
    body = json.dumps({"quotes": [{"symbol": "WTI", "value": 70, "as_of": "2026-01-05T17:00Z"}]})
    assert post_quotes(client, body).status_code == 401
    assert Quote.objects.count() == 0
    response = post_quotes(client, body, quote_token)
    assert response.status_code == 200, response.content
    assert response.json() == {"rows": 1, "created": 1, "updated": 0, "unchanged": 0}


def test_pushing_bad_quotes_through_the_api_is_a_422_with_line_numbers(client, oil, quote_token):
    body = (
        '{"quotes": [\n'
        '{"symbol": "WTI", "value": 70, "as_of": "2026-01-05T17:00Z"},\n'
        '{"symbol": "NOPE", "value": 70, "as_of": "2026-01-05T17:00Z"}\n'
        "]}"
    )
    response = post_quotes(client, body, quote_token)
    assert response.status_code == 422
    data = response.json()
    assert data["errors"] == [{"msg": "line 3: unknown instrument symbol 'NOPE'"}]
    assert "nothing was imported" in data["detail"]
    assert Quote.objects.count() == 0


def test_pushing_quotes_needs_the_permission(client, oil, django_user_model):
    user = django_user_model.objects.create_user("reader", "r@laht.example", "pw")
    token = APIToken.create_token(user=user, name="reader")[1]
    body = json.dumps({"quotes": [{"symbol": "WTI", "value": 70, "as_of": "2026-01-05T17:00Z"}]})
    assert post_quotes(client, body, token).status_code == 403
    assert Quote.objects.count() == 0


def test_quote_import_refuses_keys_it_does_not_know_and_stores_nothing(client, oil, quote_token):
    row = {"symbol": "WTI", "value": 74.5, "as_of": "2026-01-05T10:00:00"}
    response = post_quotes(
        client, json.dumps({"meta": {"quotes": [row]}, "quotes": [row]}), quote_token
    )
    assert response.status_code == 422
    assert ["body", "data", "meta"] in [error["loc"] for error in response.json()["errors"]]
    response = post_quotes(client, json.dumps({"quotes": [row, {**row, "price": 1}]}), quote_token)
    assert response.status_code == 422
    assert ["body", "data", "quotes", 1, "price"] in [e["loc"] for e in response.json()["errors"]]
    assert not Quote.objects.exists()


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("0001-01-01T00:00:00+14:00", "is before 1900"),
        ("1899-12-31T23:59:00Z", "is before 1900"),
        ("1900-01-01T00:00:00+14:00", "is before 1900"),
        ("2999-01-01T00:00:00Z", "is in the future"),
    ],
)
def test_quote_times_outside_1900_to_tomorrow_are_refused_by_line(
    client, oil, quote_token, as_of, message
):
    good = {"symbol": "WTI", "value": 74.5, "as_of": "2026-01-05T10:00:00"}
    text = json.dumps({"quotes": [good, {**good, "as_of": as_of}]}, indent=1)
    response = post_quotes(client, text, quote_token)
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["msg"].startswith("line 8: ") and message in error["msg"]
    assert not Quote.objects.exists()  # the good row too: all or nothing
