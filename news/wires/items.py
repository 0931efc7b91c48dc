"""The internal item every format is parsed into, and the rules its text obeys.

Bodies keep only what a story body may hold (Wagtail's rich-text rules for the body's
features, ``news.blocks.BODY_FEATURES``): scripts, styles, event handlers and unknown tags
are gone before anything is stored.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache

from django.utils.html import escape
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from news.blocks import BODY_FEATURES
from news.wires.conf import settings

#: Management status of an item: usable, or killed (canceled) / withheld.
USABLE, CANCELED, WITHHELD = "usable", "canceled", "withheld"
KILL_STATUSES = (CANCELED, WITHHELD)
#: File names of pictures (next to an item in a folder, or named by its links).
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff")


class WireParseError(ValueError):
    """A file the desk cannot read; the message is the reason given back to the sender."""


@dataclass
class Picture:
    href: str
    caption: str = ""
    credit: str = ""
    content_type: str = ""


@dataclass
class ParsedItem:
    guid: str
    headline: str
    version: int = 1
    format: str = ""
    provider: str = ""
    deck: str = ""
    dateline: str = ""
    located: str = ""
    byline: str = ""
    creditline: str = ""
    body_html: str = ""
    language: str = ""
    urgency: int | None = None
    embargo_until: datetime | None = None
    version_created_at: datetime | None = None
    status: str = USABLE
    subjects: list[dict[str, str]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)

    @property
    def is_kill(self) -> bool:
        return self.status in KILL_STATUSES

    def as_dict(self) -> dict:
        data = asdict(self)
        for name in ("embargo_until", "version_created_at"):
            data[name] = data[name].isoformat() if data[name] else None
        return data


_SPACE = re.compile(r"\s+")
#: Elements whose text is not copy: dropped with their content before the rules apply.
_UNREAD = re.compile(r"<(script|style|head|title)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMPACT = re.compile(r"^(\d{8})T(\d{4,6})(Z|[+-]\d{4})?$")


@cache
def body_converter() -> EditorHTMLConverter:
    """Built on first use: building it reads every app's Wagtail hooks."""
    return EditorHTMLConverter(features=BODY_FEATURES)


def clean_text(value: str | None, limit: int = 0) -> str:
    """One line of plain text: whitespace collapsed, at most ``limit`` characters."""
    text = _SPACE.sub(" ", value or "").strip()
    return text[:limit] if limit else text


def clean_body(html: str) -> str:
    """``html`` reduced to the story body's rich-text rules; refused when it is too long."""
    if len(html.encode()) > settings.WIRE_MAX_BODY_BYTES:
        raise WireParseError(
            f"the body is larger than the limit of {settings.WIRE_MAX_BODY_BYTES} bytes"
        )
    return body_converter().to_database_format(_UNREAD.sub("", html)).strip()


def text_to_html(text: str) -> str:
    """Plain text copy as paragraphs (blank lines, else single lines, separate them)."""
    blocks = re.split(r"\n\s*\n", text.strip()) if "\n\n" in text else text.strip().splitlines()
    return "".join(f"<p>{escape(clean_text(block))}</p>" for block in blocks if block.strip())


def urgency(value: object) -> int | None:
    """IPTC urgency 1 (flash) to 9 (lowest); anything else is unknown."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= 9 else None


def status(value: str | None) -> str:
    """``stat:canceled``, ``canceled``, ``kill``, ``withheld``… as one of the three statuses."""
    word = (value or "").rpartition(":")[2].strip().lower()
    if word in ("canceled", "cancelled", "kill", "killed", "withdrawn", "deleted"):
        return CANCELED
    if word in ("withheld", "withhold"):
        return WITHHELD
    return USABLE


def parse_time(value: str | None) -> datetime | None:
    """ISO 8601, NITF's compact ``20261204T0600Z`` or RFC 822 (feeds); naive is UTC;
    anything unreadable is None."""
    text = (value or "").strip()
    if not text:
        return None
    compact = _COMPACT.match(text)
    if compact:
        day, clock, zone = compact.groups()
        text = f"{day}T{clock.ljust(6, '0')}{zone or 'Z'}"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00") if compact else text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if not 1900 <= moment.year <= 9000:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
