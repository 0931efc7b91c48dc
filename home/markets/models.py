"""Markets box: instruments (commodities, currencies) and their timestamped quotes.

Quotes arrive by hand (admin), from files (``manage.py import_quotes``) or from
``MARKETS_PROVIDER_URL`` (an HTTP JSON provider or a ``file://`` CSV/JSON file),
imported by a scheduler job.
Imports are all-or-nothing: every row is checked first, bad rows are reported
with their line numbers and nothing is written unless every row is good.

The API payload (:func:`markets_payload`) gives, per active instrument, the
latest quote, the change against the previous close (the last quote of the
previous day that has quotes), 30 days of daily closes for a sparkline and a
stale flag.
"""

import csv
import datetime
import functools
import io
import json
import operator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import urlsplit
from urllib.request import url2pathname

import httpx
from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from wagtail.admin.panels import FieldPanel, FieldRowPanel

MARKETS_CACHE_KEY = "home.markets.payload"
HISTORY_DAYS = 30


class Instrument(models.Model):
    """Something the markets box quotes: a commodity price or an exchange rate."""

    class Kind(models.TextChoices):
        COMMODITY = "commodity", "Commodity"
        CURRENCY = "currency", "Currency"

    name = models.CharField(max_length=100, help_text="As shown to readers, e.g. 'Crude Oil'.")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    symbol = models.CharField(
        max_length=20,
        unique=True,
        help_text="Stable code used by imports, e.g. 'WTI' or 'GBP'.",
    )
    unit = models.CharField(
        max_length=50, blank=True, help_text="e.g. 'barrel', 'gallon', 'MMBtu'; empty for rates."
    )
    quote_convention = models.CharField(
        max_length=50, help_text="How to read the value, e.g. 'USD per barrel' or 'units per USD'."
    )
    decimal_places = models.PositiveSmallIntegerField(
        default=2, help_text="Digits after the decimal point readers see."
    )
    display_order = models.PositiveIntegerField(default=0, db_index=True)
    active = models.BooleanField(default=True, help_text="Unticked instruments are not shown.")

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("symbol")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("display_order")]),
        FieldRowPanel(
            [FieldPanel("unit"), FieldPanel("quote_convention"), FieldPanel("decimal_places")]
        ),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self):
        return f"{self.name} ({self.symbol})"

    def save(self, *args, **kwargs):
        self.symbol = self.symbol.strip().upper()
        super().save(*args, **kwargs)


class Quote(models.Model):
    """The value of an instrument at a moment."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="quotes")
    value = models.DecimalField(max_digits=20, decimal_places=6)
    source = models.CharField(
        max_length=100,
        blank=True,
        default="manual",
        help_text="Where the value came from, e.g. 'manual', 'EIA'.",
    )
    as_of = models.DateTimeField("as of", help_text="When the value was quoted.")
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("instrument"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("as_of")]),
        FieldPanel("source"),
    ]

    class Meta:
        ordering = ["-as_of"]
        get_latest_by = "as_of"
        constraints = [
            models.UniqueConstraint(fields=["instrument", "as_of"], name="unique_quote_per_time"),
            models.CheckConstraint(condition=models.Q(value__gt=0), name="quote_value_positive"),
        ]
        indexes = [models.Index(fields=["instrument", "-as_of"], name="quote_instrument_asof")]

    def __str__(self):
        return f"{self.instrument.symbol} {self.value} @ {self.as_of:%Y-%m-%d %H:%M}"


def invalidate_markets_cache(**kwargs):
    cache.delete(MARKETS_CACHE_KEY)


for _model in (Instrument, Quote):
    # Manual entries and edits in the admin show up at once.
    post_save.connect(invalidate_markets_cache, sender=_model, dispatch_uid=f"markets-{_model}")
    post_delete.connect(invalidate_markets_cache, sender=_model, dispatch_uid=f"markets-d-{_model}")


# --- Import ----------------------------------------------------------------------


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


def _parse_as_of(raw):
    """ISO 8601 date-time (naive means local time) or a date (the close: 23:59 local)."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return datetime.datetime.fromtimestamp(raw, tz=datetime.UTC)
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
        value = timezone.make_aware(value)
    return value


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


def _json_items_with_lines(text):
    """Items of a JSON array (or of ``{"quotes": [...]}``) with the line each starts on."""
    data = json.loads(text)
    if isinstance(data, dict):
        data = data.get("quotes")
        if not isinstance(data, list):
            raise ValueError('expected a JSON array of quotes or an object with a "quotes" array')
        # Locate the array so items keep their own line numbers.
        start = text.index("[", text.index('"quotes"'))
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
    missing = {"symbol", "value", "as_of"} - {name.strip() for name in reader.fieldnames or []}
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
        try:
            as_of = _parse_as_of(item.get("as_of"))
            if as_of > timezone.now() + datetime.timedelta(days=1):
                problems.append(f"as_of {item.get('as_of')} is in the future")
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


# --- API payload -----------------------------------------------------------------


def _quantize(value, places):
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _fmt(value, places):
    return format(_quantize(value, places), "f")


def markets_payload(now=None):
    """Everything the markets box shows, in a constant number of queries (cached)."""
    if now is None:
        cached = cache.get(MARKETS_CACHE_KEY)
        if cached is not None:
            return cached
    payload = _build_markets_payload(now or timezone.now())
    if now is None:
        cache.set(MARKETS_CACHE_KEY, payload, settings.API_CACHE_SECONDS)
    return payload


def _build_markets_payload(now):
    tz = timezone.get_current_timezone()
    today = timezone.localdate(now)
    first_day = today - datetime.timedelta(days=HISTORY_DAYS - 1)
    window_start = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))
    latest_as_of = (
        Quote.objects.filter(instrument=OuterRef("pk"), as_of__lte=now)
        .order_by("-as_of")
        .values("as_of")[:1]
    )
    instruments = list(
        Instrument.objects.filter(active=True).annotate(latest_as_of=Subquery(latest_as_of))
    )
    ids = [instrument.pk for instrument in instruments]
    # The last quote of every day in the window, per instrument.
    day_closes = list(
        Quote.objects.filter(instrument_id__in=ids, as_of__gte=window_start, as_of__lte=now)
        .annotate(day=TruncDate("as_of", tzinfo=tz))
        .values("instrument_id", "day")
        .annotate(close_at=Max("as_of"))
        .order_by()
    )
    wanted = {(row["instrument_id"], row["close_at"]) for row in day_closes}
    # Instruments whose latest quote is older than the window: their latest quote and the
    # last one of an earlier day (the previous close), for all of them in one query.
    previous_at = {}
    cutoffs = {}
    for instrument in instruments:
        if instrument.latest_as_of and instrument.latest_as_of < window_start:
            wanted.add((instrument.pk, instrument.latest_as_of))
            cutoffs[instrument.pk] = timezone.make_aware(
                datetime.datetime.combine(
                    timezone.localdate(instrument.latest_as_of), datetime.time.min
                )
            )
    if cutoffs:
        earlier = functools.reduce(
            operator.or_,
            (Q(instrument_id=pk, as_of__lt=cutoff) for pk, cutoff in cutoffs.items()),
        )
        for row in (
            Quote.objects.filter(earlier)
            .values("instrument_id")
            .annotate(previous_at=Max("as_of"))
            .order_by()
        ):
            previous_at[row["instrument_id"]] = row["previous_at"]
            wanted.add((row["instrument_id"], row["previous_at"]))
    quotes = {}
    if wanted:
        for quote in Quote.objects.filter(
            instrument_id__in=ids, as_of__in={as_of for _, as_of in wanted}
        ):
            if (quote.instrument_id, quote.as_of) in wanted:
                quotes[(quote.instrument_id, quote.as_of)] = quote
    closes = {}
    for row in day_closes:
        quote = quotes.get((row["instrument_id"], row["close_at"]))
        if quote is not None:
            closes.setdefault(row["instrument_id"], []).append(quote)
    stale_after = settings.MARKETS_STALE_AFTER
    items = []
    for instrument in instruments:
        daily = sorted(closes.get(instrument.pk, []), key=lambda q: q.as_of)
        latest = daily[-1] if daily else quotes.get((instrument.pk, instrument.latest_as_of))
        previous = daily[-2] if len(daily) >= 2 else None
        if latest is not None and not daily:
            previous = quotes.get((instrument.pk, previous_at.get(instrument.pk)))
        items.append(_instrument_item(instrument, latest, previous, daily, now, stale_after))
    return {
        "generated_at": now.isoformat(),
        "stale_after": stale_after,
        "instruments": items,
    }


def _instrument_item(instrument, latest, previous, daily, now, stale_after):
    places = instrument.decimal_places
    change = change_percent = None
    if latest is not None and previous is not None:
        delta = latest.value - previous.value
        change = _fmt(delta, places)
        change_percent = _fmt(delta / previous.value * 100, 2)
    return {
        "symbol": instrument.symbol,
        "name": instrument.name,
        "kind": instrument.kind,
        "unit": instrument.unit,
        "quote_convention": instrument.quote_convention,
        "decimal_places": places,
        "latest": (
            {
                "value": _fmt(latest.value, places),
                "as_of": latest.as_of.isoformat(),
                "source": latest.source,
            }
            if latest
            else None
        ),
        "previous_close": (
            {"value": _fmt(previous.value, places), "as_of": previous.as_of.isoformat()}
            if previous
            else None
        ),
        "change": change,
        "change_percent": change_percent,
        "direction": (
            None
            if change is None
            else ("up" if Decimal(change) > 0 else "down" if Decimal(change) < 0 else "flat")
        ),
        "stale": latest is None or (now - latest.as_of).total_seconds() > stale_after,
        "history": [
            {
                "date": timezone.localdate(quote.as_of).isoformat(),
                "value": _fmt(quote.value, places),
            }
            for quote in daily
        ],
    }
