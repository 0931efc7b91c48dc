"""Quote imports into the markets box: CSV and JSON files, an HTTP provider and the scheduler's
jobs, all or nothing, with the line of every bad row."""

import datetime
import http.server
import io
import json
import threading
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cms.publishing.jobs import get_jobs
from home.markets.imports import QuoteImportError
from home.markets.jobs import import_market_quotes
from home.markets.models import Quote
from tests.home.markets.conftest import ProviderHandler

pytestmark = pytest.mark.django_db


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


def test_a_file_with_a_misplaced_quotes_array_is_refused_not_half_read(tmp_path, oil):
    from home.markets.imports import import_quotes_text

    row = {"symbol": "WTI", "value": 74.5, "as_of": "2026-01-05T10:00:00"}
    with pytest.raises(QuoteImportError, match="unknown key"):
        import_quotes_text(json.dumps({"meta": {"quotes": [row]}, "quotes": [row]}), fmt="json")
    assert not Quote.objects.exists()
