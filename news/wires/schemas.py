"""Typed shapes of the desk's API v3 (``news.wires.api``)."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

StateLiteral = Literal["new", "taken", "updated", "killed"]
FormatLiteral = Literal["newsml", "nitf", "ninjs", "rss", "atom"]


class SubjectOut(Schema):
    code: str = Field(description="e.g. medtop:11000000 (IPTC Media Topic).")
    name: str


class PictureOut(Schema):
    href: str
    caption: str
    credit: str
    image_id: int | None = Field(None, description="The image made from it, when imported.")


class StoryRefOut(Schema):
    id: int
    title: str
    live: bool
    admin_url: str


class WireItemOut(Schema):
    id: int
    agency: str
    guid: str
    version: int
    format: FormatLiteral
    status: Literal["usable", "canceled", "withheld"]
    state: StateLiteral = Field(
        description="new; taken (a story was made); updated (a wire update waits on a story "
        "an editor changed); killed."
    )
    language: str
    urgency: int | None = Field(description="1 (flash) to 9.")
    headline: str
    deck: str
    dateline: str
    located: str
    byline: str
    creditline: str
    embargo_until: datetime | None
    version_created_at: datetime | None
    received_at: datetime
    updated_at: datetime = Field(description="When the current version arrived.")
    subjects: list[SubjectOut]
    keywords: list[str]
    pictures: list[PictureOut]
    story: StoryRefOut | None = Field(description="The story taken from the item.")
    pending_changes: list[str] = Field(
        description="Story fields a waiting wire update would change."
    )


class WireVersionOut(Schema):
    version: int
    status: str
    headline: str
    received_at: datetime
    superseded: bool = Field(description="Arrived after a newer version; never applied.")
    source_name: str


class WireItemDetailOut(WireItemOut):
    body: str = Field(description="HTML, cleaned to the story body's rich-text rules.")
    versions: list[WireVersionOut]


class WireListOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[WireItemOut]


class IngestedOut(Schema):
    id: int
    guid: str
    version: int
    result: Literal["created", "updated", "unchanged", "superseded"]


class IngestOut(Schema):
    items: list[IngestedOut]
    errors: list[str] = Field(description="Items of the file that were not stored, and why.")
