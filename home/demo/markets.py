"""The demo's markets box: the seed's nine instruments (``data/markets.json``), each with a
daily quote for the last ``DEMO_QUOTE_DAYS`` days."""

import datetime
import functools
import json
import random
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from home.markets.models import Instrument, Quote, invalidate_markets_cache

DEMO_QUOTE_DAYS = 30
DATA = Path(__file__).parent / "data" / "markets.json"


@functools.cache
def demo_instruments():
    return json.loads(DATA.read_text())["instruments"]


def demo_quote_values(start, volatility, days, symbol):
    """A deterministic random walk: the same symbol always gets the same 30 values."""
    rng = random.Random(f"laht-demo-{symbol}")
    value, values = Decimal(start), []
    for _ in range(days):
        values.append(value)
        step = Decimal(str(round(rng.gauss(0, float(volatility)), 6)))
        value = (value * (1 + step)).quantize(Decimal("0.000001"))
    return values


def load_markets(command):
    """The seed's nine instruments, each with a daily quote for the last 30 days."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    created = 0
    for order, row in enumerate(demo_instruments(), start=1):
        symbol = row["symbol"]
        instrument, _ = Instrument.objects.get_or_create(
            symbol=symbol,
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "unit": row["unit"],
                "quote_convention": row["quote_convention"],
                "decimal_places": row["decimal_places"],
                "display_order": order * 10,
            },
        )
        if instrument.quotes.exists():
            continue
        values = demo_quote_values(row["start"], row["daily_volatility"], DEMO_QUOTE_DAYS, symbol)
        Quote.objects.bulk_create(
            Quote(
                instrument=instrument,
                value=value,
                source="demo",
                as_of=now - datetime.timedelta(days=DEMO_QUOTE_DAYS - 1 - day),
            )
            for day, value in enumerate(values)
        )
        created += 1
    invalidate_markets_cache()
    if created:
        command.stdout.write(f"Created {DEMO_QUOTE_DAYS} days of quotes for {created} instruments")
