"""The markets box's v3 endpoints: the public box and the token-protected quote import."""

from datetime import date as date_type
from datetime import datetime as datetime_type
from typing import Literal

from ninja import Field, Router, Schema
from wagtail.api.v3.auth import BearerTokenAuth

from cms.delivery.schemas import (
    LOCALE_QUERY,
    PUBLIC_READ,
    Language,
    ProblemOut,
    StrictIn,
    cacheable_json,
    problem,
)
from home.markets.box import markets_payload
from home.markets.imports import QuoteImportError, import_quotes_text


class QuoteValueOut(Schema):
    value: str = Field(description="Decimal as a string, rounded to decimal_places.")
    as_of: datetime_type
    source: str


class PreviousCloseOut(Schema):
    value: str
    as_of: datetime_type


class HistoryPointOut(Schema):
    date: date_type = Field(description="Local date (TIME_ZONE).")
    value: str = Field(description="The day's last quote.")


class InstrumentOut(Schema):
    symbol: str
    name: str
    kind: Literal["commodity", "currency"]
    unit: str
    quote_convention: str = Field(description="e.g. 'USD per barrel', 'units per USD'.")
    decimal_places: int
    latest: QuoteValueOut | None
    previous_close: PreviousCloseOut | None = Field(
        description="The last quote of the previous day that has quotes."
    )
    change: str | None = Field(description="latest - previous close, as a decimal string.")
    change_percent: str | None = Field(description="Change in percent, two decimals.")
    direction: Literal["up", "down", "flat"] | None
    stale: bool = Field(description="No quote, or the latest is older than stale_after.")
    history: list[HistoryPointOut] = Field(description="Daily closes, last 30 days, oldest first.")


class MarketsOut(Schema):
    generated_at: datetime_type
    stale_after: int = Field(description="Seconds after which a quote is stale.")
    instruments: list[InstrumentOut]


class QuoteIn(StrictIn):
    symbol: str
    value: float | str
    as_of: str = Field(description="ISO 8601 date-time (naive = local time) or date.")
    source: str | None = None


class QuotesIn(StrictIn):
    quotes: list[QuoteIn]


class ImportOut(Schema):
    rows: int
    created: int
    updated: int
    unchanged: int


markets_router = Router(tags=["markets"])


@markets_router.get(
    "/",
    response={200: MarketsOut, 304: None},
    auth=PUBLIC_READ,
    summary="Markets box: latest quotes with change, 30-day history and stale flag",
    description="Instrument names, units and quote conventions in the edition's language "
    "(`locale`), the English ones where no translation is filled in.",
    operation_id="markets_list",
)
def markets(request, locale: Language = LOCALE_QUERY):

    return cacheable_json(request, MarketsOut, markets_payload(language=locale))


@markets_router.post(
    "/quotes/",
    response={200: ImportOut, 400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 422: ProblemOut},
    auth=BearerTokenAuth(),
    summary="Import quotes (all or nothing; bad rows reported with line numbers)",
    operation_id="markets_import_quotes",
)
def import_quotes(request, data: QuotesIn):

    if not request.user.has_perm("home.add_quote"):
        return problem(403, "You need permission to add quotes.")
    try:
        result = import_quotes_text(request.body.decode(), fmt="json", default_source="api")
    except QuoteImportError as e:
        return problem(
            422,
            f"{len(e.errors)} bad row(s); nothing was imported.",
            code="bad_rows",
            errors=[{"msg": error} for error in e.errors],
        )
    return {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }
