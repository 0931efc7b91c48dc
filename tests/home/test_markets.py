"""Markets box: instruments, quote imports (files, HTTP provider, API) and /api/v3/markets/."""

import datetime
import http.server
import io
import json
import threading
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import APIToken

from cms.publishing.jobs import get_jobs
from home.markets.imports import QuoteImportError
from home.markets.jobs import import_market_quotes
from home.markets.models import Instrument, Quote

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    from django.core.cache import cache

    settings.MARKETS_STALE_AFTER = 86400
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def oil(db):
    return Instrument.objects.create(
        name="Crude Oil",
        kind="commodity",
        symbol="WTI",
        unit="barrel",
        quote_convention="USD per barrel",
        display_order=1,
    )


@pytest.fixture
def pound(db):
    return Instrument.objects.create(
        name="UK Pound",
        kind="currency",
        symbol="GBP",
        quote_convention="units per USD",
        decimal_places=4,
        display_order=4,
    )


def local(days_ago, hour, minute=0):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class ProviderHandler(http.server.BaseHTTPRequestHandler):
    status = 200
    body = b"[]"

    def do_GET(self):
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def provider():
    """A local HTTP JSON provider: set ``provider.body``/``provider.status``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ProviderHandler)
    server.status, server.body = 200, b"[]"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/quotes.json"
    yield server
    server.shutdown()
    server.server_close()


def run_import(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_quotes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_csv_import_creates_quotes_and_a_rerun_changes_nothing(tmp_path, oil, pound):
    path = tmp_path / "quotes.csv"
    path.write_text(
        "symbol,value,as_of,source\n"
        "WTI,78.12,2026-01-05T17:00:00-04:00,EIA\n"
        "gbp,0.7891,2026-01-05T17:00:00Z,\n"
        "WTI,79.40,2026-01-06,EIA\n"
    )
    out, _ = run_import(str(path))
    assert "3 new" in out
    assert Quote.objects.count() == 3
    quote = Quote.objects.get(instrument=pound)
    assert quote.value == Decimal("0.7891")
    assert quote.source == "file"
    # A bare date is that day's close, local time.
    close = Quote.objects.get(instrument=oil, value=Decimal("79.40"))
    assert timezone.localtime(close.as_of).time() == datetime.time(23, 59)

    out, _ = run_import(str(path))
    assert "0 new, 0 updated, 3 unchanged" in out
    assert Quote.objects.count() == 3


def test_csv_with_bad_rows_reports_line_numbers_and_imports_nothing(tmp_path, oil, pound):
    path = tmp_path / "quotes.csv"
    path.write_text(
        "symbol,value,as_of\n"
        "WTI,78.12,2026-01-05T17:00:00\n"
        "XAU,2050.1,2026-01-05T17:00:00\n"
        "GBP,0.79,2026-01-05T17:00:00\n"
        "WTI,abc,2026-01-06T17:00:00\n"
        "WTI,-3,2026-01-07T17:00:00\n"
        "GBP,0.78,yesterday\n"
        "WTI,78.50,2026-01-05T17:00:00\n"
    )
    with pytest.raises(CommandError, match="5 bad row"):
        out, err = io.StringIO(), io.StringIO()
        call_command("import_quotes", str(path), stdout=out, stderr=err)
    errors = err.getvalue().splitlines()
    assert errors[0].startswith("line 3: unknown instrument symbol 'XAU'")
    assert errors[1].startswith("line 5: value 'abc' is not a number")
    assert errors[2].startswith("line 6: value -3 must be greater than zero")
    assert errors[3].startswith("line 7: as_of 'yesterday' is not an ISO 8601")
    assert errors[4].startswith("line 8: duplicate of line 2")
    # The good rows (lines 2 and 4) were not applied either.
    assert Quote.objects.count() == 0


def test_csv_without_the_required_columns_is_refused(tmp_path, oil):
    path = tmp_path / "quotes.csv"
    path.write_text("instrument,price\nWTI,78\n")
    with pytest.raises(CommandError):
        run_import(str(path))
    assert Quote.objects.count() == 0


def test_json_import_reports_the_line_of_each_bad_item(tmp_path, oil):
    path = tmp_path / "quotes.json"
    path.write_text(
        '{"quotes": [\n'
        '  {"symbol": "WTI", "value": 78.1, "as_of": "2026-01-05T17:00:00Z"},\n'
        '  {"symbol": "WTI",\n'
        '   "value": null, "as_of": "2026-01-06T17:00:00Z"},\n'
        '  {"symbol": "WTI", "value": "77.9", "as_of": "2126-01-06T17:00:00Z"}\n'
        "]}\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_quotes", str(path), stdout=io.StringIO(), stderr=err)
    errors = err.getvalue().splitlines()
    assert errors[0].startswith("line 3: value None is not a number")
    assert errors[1].startswith("line 5: as_of 2126-01-06T17:00:00Z is in the future")
    assert Quote.objects.count() == 0


def test_malformed_json_is_reported_with_its_line(tmp_path, oil):
    path = tmp_path / "quotes.json"
    path.write_text('[\n{"symbol": "WTI", "value": 1, "as_of": "2026-01-05"},\n{oops}\n]')
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_quotes", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith("line 3: invalid JSON")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run_import(str(tmp_path / "nope.csv"))


def test_url_import_from_an_http_provider(provider, oil, pound):
    provider.body = json.dumps(
        [
            {"symbol": "WTI", "value": "80.01", "as_of": "2026-01-05T17:00:00Z"},
            {"symbol": "GBP", "value": 0.7712, "as_of": "2026-01-05T17:00:00Z", "source": "BoE"},
        ]
    ).encode()
    out, _ = run_import("--url", provider.url)
    assert "2 new" in out
    assert Quote.objects.get(instrument=oil).source == "127.0.0.1"
    assert Quote.objects.get(instrument=pound).source == "BoE"


def test_url_import_with_a_bad_row_applies_nothing(provider, oil):
    provider.body = json.dumps(
        [
            {"symbol": "WTI", "value": "80.01", "as_of": "2026-01-05T17:00:00Z"},
            {"symbol": "WTI", "value": "0", "as_of": "2026-01-06T17:00:00Z"},
        ]
    ).encode()
    with pytest.raises(CommandError, match="nothing was imported"):
        run_import("--url", provider.url)
    assert Quote.objects.count() == 0


def test_provider_failure_is_reported_not_crashed(provider, oil):
    provider.status = 503
    with pytest.raises(CommandError, match="1 bad row"):
        run_import("--url", provider.url)
    assert Quote.objects.count() == 0


def test_scheduler_job_imports_from_the_configured_provider(settings, provider, oil):
    job = next(job for job in get_jobs() if job.name == "home.import_market_quotes")
    assert job.every == settings.MARKETS_IMPORT_EVERY == 900

    settings.MARKETS_PROVIDER_URL = ""
    assert import_market_quotes() == "no MARKETS_PROVIDER_URL configured"

    settings.MARKETS_PROVIDER_URL = provider.url
    provider.body = b'{"quotes": [{"symbol": "WTI", "value": 81, "as_of": "2026-01-05T17:00Z"}]}'
    assert "1 new" in import_market_quotes()
    assert Quote.objects.get().value == Decimal("81")


def test_scheduler_job_imports_a_file_dropped_in_place(settings, tmp_path, oil):
    path = tmp_path / "quotes.csv"
    settings.MARKETS_PROVIDER_URL = path.as_uri()
    with pytest.raises(QuoteImportError, match="cannot read"):
        import_market_quotes()
    path.write_text("symbol,value,as_of\nWTI,80.5,2026-01-05\nWTI,oops,2026-01-06\n")
    with pytest.raises(QuoteImportError, match="line 3: value 'oops' is not a number"):
        import_market_quotes()
    assert Quote.objects.count() == 0
    path.write_text("symbol,value,as_of\nWTI,80.5,2026-01-05\nWTI,81,2026-01-06\n")
    assert "2 new" in import_market_quotes()
    assert Quote.objects.count() == 2


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


@pytest.fixture
def quote_token(django_user_model):
    user = django_user_model.objects.create_superuser("feed", "feed@laht.example", "pw")
    return APIToken.create_token(user=user, name="quotes feed")[1]


def post_quotes(client, body, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(
        "/api/v3/markets/quotes/", data=body, content_type="application/json", **headers
    )


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


# --- Admin and demo ------------------------------------------------------------------


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


def test_a_file_with_a_misplaced_quotes_array_is_refused_not_half_read(tmp_path, oil):
    from home.markets.imports import import_quotes_text

    row = {"symbol": "WTI", "value": 74.5, "as_of": "2026-01-05T10:00:00"}
    with pytest.raises(QuoteImportError, match="unknown key"):
        import_quotes_text(json.dumps({"meta": {"quotes": [row]}, "quotes": [row]}), fmt="json")
    assert not Quote.objects.exists()


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
