"""Typed shapes of the directory's pages and links in API v3 (and v2's field types)."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

KindLiteral = Literal[
    "overview",
    "embassies-abroad",
    "embassies-in-capital",
    "sites-and-blogs",
    "newspapers",
    "government",
    "education",
    "tourism",
    "facts",
    "other",
]


StateLiteral = Literal["unchecked", "ok", "redirected", "slow", "failing", "broken"]


class LinkHealthSchema(Schema):
    state: StateLiteral = Field(
        description="ok, redirected, slow, failing (recent failures), broken (failing for "
        "more than a day), or unchecked."
    )
    is_broken: bool
    since: datetime | None = Field(None, description="When the link entered this state.")
    status_code: int | None = None
    final_url: str = Field("", description="Where the URL led after redirects.")
    response_time_ms: int | None = None
    consecutive_failures: int = 0
    first_failed_at: datetime | None = None
    last_checked_at: datetime | None = None


class LinkSchema(Schema):
    name: str
    url: str
    description: str
    city: str
    language: str = Field(description="Language code (es, en, pt, fr, nl, ht, pap) or empty.")
    phone: str
    address: str
    health: LinkHealthSchema


class CountryRefSchema(Schema):
    id: int = Field(description="Id of the country guide page.")
    title: str
    name: str
    code: str = Field(description="ISO 3166-1 alpha-2 code.")
    region: str
    html_path: str | None


class CountrySnippetSchema(Schema):
    name: str
    code: str
    region: str


class CountryFactsSchema(Schema):
    capital: str
    population: int | None
    currency: str
    official_languages: str
    time_zone: str
    calling_code: str
    source: str
    source_url: str
    as_of: int | None = Field(description="Year the facts were last verified.")


class CategorySummarySchema(Schema):
    id: int
    title: str
    kind: KindLiteral
    kind_label: str
    html_path: str | None
    link_count: int | None = None


class LinkSearchItemSchema(LinkSchema):
    category: CategorySummarySchema
    country: CountryRefSchema | None


class LinkSearchResponse(Schema):
    count: int = Field(description="Number of links matching, across all pages of results.")
    limit: int
    offset: int
    items: list[LinkSearchItemSchema]
