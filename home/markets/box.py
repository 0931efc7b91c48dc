"""The markets box as readers see it: latest values, change, 30-day history and staleness."""

import datetime
import functools
import operator
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from cms.delivery.labels import localise
from cms.delivery.locales import default_language
from home.markets.models import Instrument, Quote, markets_cache_key

HISTORY_DAYS = 30


def _quantize(value, places):
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _fmt(value, places):
    return format(_quantize(value, places), "f")


def markets_payload(now=None, language=None):
    """Everything the markets box shows, with the labels of ``language``'s edition (the
    default's unless given), in a constant number of queries (cached per edition)."""
    language = language or default_language()
    if now is None:
        cached = cache.get(markets_cache_key(language))
        if cached is not None:
            return cached
    payload = _build_markets_payload(now or timezone.now(), language)
    if now is None:
        cache.set(markets_cache_key(language), payload, settings.API_CACHE_SECONDS)
    return payload


def _build_markets_payload(now, language):
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
    localise(instruments, language)
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
