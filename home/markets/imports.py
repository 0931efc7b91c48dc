"""Importing quotes (JSON or CSV, a file, a URL or the API): all rows or none, errors by line."""

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import urlsplit
from urllib.request import url2pathname

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from home.markets.models import Instrument, Quote, invalidate_markets_cache


class QuoteImportError(Exception):
    """Raised when an import has bad rows; ``errors`` lists them, nothing was written."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0
    symbols: set = field(default_factory=set)

    def __str__(self):
        return (
            f"{self.rows} rows: {self.created} new, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )


@dataclass
class ParsedRow:
    line: int
    instrument: Instrument
    value: Decimal
    as_of: datetime.datetime
    source: str


#: Keys a quote may have; anything else is refused, not ignored (a typo loses nothing silently).
QUOTE_KEYS = ("symbol", "value", "as_of", "source")
#: The oldest quote accepted; the newest is a day ahead of now (clocks and time zones).
EARLIEST_AS_OF = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LATEST_AHEAD = datetime.timedelta(days=1)


def _parse_as_of(raw):
    """ISO 8601 date-time (naive means local time) or a date (the close: 23:59 local), or
    Unix seconds; between 1900 and a day from now."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        try:
            value = datetime.datetime.fromtimestamp(raw, tz=datetime.UTC)
        except (OverflowError, OSError, ValueError) as e:
            raise ValueError(f"as_of {raw} is not a time between 1900 and tomorrow") from e
        return _within_window(value, raw)
    text = str(raw or "").strip()
    if not text:
        raise ValueError("as_of is missing")
    try:
        day = parse_date(text)
        if day is not None:
            value = datetime.datetime.combine(day, datetime.time(23, 59))
        else:
            value = parse_datetime(text.replace("Z", "+00:00") if text.endswith("Z") else text)
            if value is None:
                raise ValueError
    except ValueError as e:
        raise ValueError(f"as_of {text!r} is not an ISO 8601 date or date-time") from e
    if timezone.is_naive(value):
        try:
            value = timezone.make_aware(value)
        except (OverflowError, ValueError) as e:
            raise ValueError(f"as_of {text!r} is not a time between 1900 and tomorrow") from e
    return _within_window(value, text)


def _within_window(value, raw):
    """``value`` when it lies between ``EARLIEST_AS_OF`` and a day from now, else ValueError.

    The year is checked first: a year-1 time in UTC+14 is a BC time in UTC, which Python
    cannot convert (and which the admin could not show once stored)."""
    try:
        if value.year >= 1900 and value.astimezone(datetime.UTC) >= EARLIEST_AS_OF:
            if value > timezone.now() + LATEST_AHEAD:
                raise ValueError(f"as_of {raw} is in the future")
            return value
    except OverflowError:
        pass
    raise ValueError(f"as_of {raw!r} is before 1900")


def _parse_value(raw):
    if isinstance(raw, bool):
        raise ValueError(f"value {raw!r} is not a number")
    try:
        value = Decimal(str(raw).strip().replace(",", "")) if raw is not None else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValueError(f"value {raw!r} is not a number")
    if value <= 0:
        raise ValueError(f"value {raw} must be greater than zero")
    if value >= Decimal(10) ** 14:
        raise ValueError(f"value {raw} is too large")
    value = value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    if value == 0:
        raise ValueError(f"value {raw} rounds to zero (six decimal places are kept)")
    return value


_QUOTES_ARRAY = re.compile(r'\s*\{\s*"quotes"\s*:\s*\[')


def _json_items_with_lines(text):
    """Items of a JSON array (or of ``{"quotes": [...]}``) with the line each starts on."""
    data = json.loads(text)
    if isinstance(data, dict):
        unknown = sorted(key for key in data if key != "quotes")
        if unknown:
            raise ValueError(f'line 1: unknown key(s) {", ".join(unknown)}: only "quotes"')
        # Locate the array so items keep their own line numbers: the object's one key.
        found = _QUOTES_ARRAY.match(text)
        if not isinstance(data.get("quotes"), list) or found is None:
            raise ValueError('expected a JSON array of quotes or an object with a "quotes" array')
        start = found.end() - 1
    elif isinstance(data, list):
        start = text.index("[")
    else:
        raise ValueError('expected a JSON array of quotes or an object with a "quotes" array')
    decoder = json.JSONDecoder()
    pos = start + 1
    items = []
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            break
        item, end = decoder.raw_decode(text, pos)
        items.append((text.count("\n", 0, pos) + 1, item))
        pos = end
    return items


def _csv_items_with_lines(text):
    reader = csv.DictReader(io.StringIO(text))
    names = {name.strip() for name in reader.fieldnames or []}
    missing = {"symbol", "value", "as_of"} - names
    if names - set(QUOTE_KEYS):
        raise ValueError(
            "line 1: unknown column(s) {}".format(", ".join(sorted(names - set(QUOTE_KEYS))))
        )
    if missing:
        raise ValueError(
            "line 1: the CSV header must name symbol, value and as_of (missing: {})".format(
                ", ".join(sorted(missing))
            )
        )
    items = []
    for row in reader:
        items.append(
            (reader.line_num, {(k or "").strip(): (v or "").strip() for k, v in row.items()})
        )
    return items


def parse_quotes(text, *, fmt, default_source=""):
    """Check every row; return parsed rows or raise QuoteImportError listing every bad one."""
    try:
        items = _json_items_with_lines(text) if fmt == "json" else _csv_items_with_lines(text)
    except json.JSONDecodeError as e:
        raise QuoteImportError([f"line {e.lineno}: invalid JSON ({e.msg})"]) from e
    except ValueError as e:
        raise QuoteImportError([str(e)]) from e
    instruments = {instrument.symbol: instrument for instrument in Instrument.objects.all()}
    rows, errors, seen = [], [], {}
    for line, item in items:
        if not isinstance(item, dict):
            errors.append(f"line {line}: expected an object with symbol, value and as_of")
            continue
        problems = []
        symbol = str(item.get("symbol") or "").strip().upper()
        instrument = instruments.get(symbol)
        if not symbol:
            problems.append("symbol is missing")
        elif instrument is None:
            problems.append(f"unknown instrument symbol {symbol!r}")
        try:
            value = _parse_value(item.get("value"))
        except ValueError as e:
            problems.append(str(e))
        unknown = sorted(str(key) for key in item if key not in QUOTE_KEYS)
        if unknown:
            problems.append(f"unknown key(s) {', '.join(unknown)}")
        try:
            as_of = _parse_as_of(item.get("as_of"))
        except ValueError as e:
            problems.append(str(e))
        source = str(item.get("source") or default_source).strip()[:100]
        if not problems:
            key = (symbol, as_of)
            if key in seen:
                problems.append(f"duplicate of line {seen[key]} ({symbol} at the same time)")
            seen[key] = line
        if problems:
            errors.append(f"line {line}: " + "; ".join(problems))
        else:
            rows.append(ParsedRow(line, instrument, value, as_of, source))
    if errors:
        raise QuoteImportError(errors)
    return rows


def apply_quotes(rows):
    """Write parsed rows in one transaction; re-importing the same quotes changes nothing."""
    result = ImportResult(rows=len(rows))
    with transaction.atomic():
        for row in rows:
            quote, created = Quote.objects.get_or_create(
                instrument=row.instrument,
                as_of=row.as_of,
                defaults={"value": row.value, "source": row.source},
            )
            result.symbols.add(row.instrument.symbol)
            if created:
                result.created += 1
            elif quote.value != row.value or quote.source != row.source:
                quote.value, quote.source = row.value, row.source
                quote.save(update_fields=["value", "source"])
                result.updated += 1
            else:
                result.unchanged += 1
    if result.created or result.updated:
        transaction.on_commit(invalidate_markets_cache)
    return result


def import_quotes_text(text, *, fmt, default_source=""):
    return apply_quotes(parse_quotes(text, fmt=fmt, default_source=default_source))


def import_quotes_file(path):
    """Import a ``.csv`` or ``.json`` file (the extension picks the format)."""
    fmt = "json" if str(path).lower().endswith(".json") else "csv"
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    return import_quotes_text(text, fmt=fmt, default_source="file")


def import_quotes_url(url, *, timeout=None):
    """Fetch quotes from an HTTP JSON provider and import them (same rules as files)."""
    timeout = timeout if timeout is not None else settings.MARKETS_PROVIDER_TIMEOUT
    try:
        response = httpx.get(url, timeout=timeout, follow_redirects=True)
        response.raise_for_status()
    except httpx.HTTPError as e:
        raise QuoteImportError([f"provider {url}: {e}"]) from e
    return import_quotes_text(
        response.text, fmt="json", default_source=urlsplit(url).hostname or "provider"
    )


def import_quotes_source(source):
    """Import from ``MARKETS_PROVIDER_URL``: an ``http(s)://`` JSON provider or a
    ``file://`` path to a ``.csv``/``.json`` file another process drops in place."""
    parts = urlsplit(source)
    if parts.scheme == "file":
        path = url2pathname(parts.path)
        try:
            return import_quotes_file(path)
        except (OSError, UnicodeDecodeError) as e:
            raise QuoteImportError([f"cannot read {path}: {e}"]) from e
    return import_quotes_url(source)
