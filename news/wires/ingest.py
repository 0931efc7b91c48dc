"""Storing parsed items on the desk: identity, versions, kills, and what follows for stories.

An item is ``agency`` + ``guid``. A higher version supersedes the stored one; the same
version again changes nothing; an older version is kept in the history, never applied. A
file that cannot be read is rejected with a reason; one item that fails to store is
reported and the others are stored.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify

from news.wires.conf import settings
from news.wires.items import ParsedItem, WireParseError, clean_text
from news.wires.models import WireItem, WireItemVersion, WireRule
from news.wires.parsers import parse
from news.wires.pictures import import_picture
from news.wires.rules import active_rules, mapping_for
from news.wires.stories import follow_kill, follow_version, story_values, take

logger = logging.getLogger("herald.wires")

CREATED, UPDATED, UNCHANGED, SUPERSEDED = "created", "updated", "unchanged", "superseded"


@dataclass
class Outcome:
    guid: str
    version: int
    result: str
    item_id: int


@dataclass
class FileResult:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rejected: str = ""

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.errors


def agency_slug(agency: str) -> str:
    return slugify(agency)[:100]


def ingest_bytes(
    data: bytes,
    *,
    agency: str = "",
    name: str = "",
    content_type: str = "",
    folder: Path | None = None,
    rules: list[WireRule] | None = None,
) -> FileResult:
    """Parse and store one file's items (``folder``: where pictures next to it lie)."""
    result = FileResult(name=name)
    try:
        parsed = parse(data, content_type)
    except WireParseError as e:
        result.rejected = str(e)
        return result
    if rules is None:
        rules = active_rules()
    for entry in parsed:
        slug = agency_slug(agency or entry.provider)
        if not slug:
            result.errors.append(f"{entry.guid}: no agency (give one; the file names none)")
            continue
        try:
            result.outcomes.append(store(entry, slug, name, folder, rules))
        except (DatabaseError, ValueError, TypeError, OSError) as e:
            logger.exception("Wire item %s of %s not stored", entry.guid, name)
            result.errors.append(f"{entry.guid}: not stored ({type(e).__name__}: {e})")
    if not result.outcomes and result.errors and len(parsed) == len(result.errors):
        result.rejected = "; ".join(result.errors)
    return result


def ingest_path(path: Path, *, agency: str = "", rules: list[WireRule] | None = None) -> FileResult:
    """One file on disk; pictures it names are looked for next to it."""
    try:
        size = path.stat().st_size
        if size > settings.WIRE_MAX_FILE_BYTES:
            limit = settings.WIRE_MAX_FILE_BYTES
            return FileResult(
                path.name, rejected=f"the file is larger than the limit of {limit} bytes"
            )
        data = path.read_bytes()
    except OSError as e:
        return FileResult(path.name, rejected=f"cannot read the file: {e.strerror or e}")
    return ingest_bytes(data, agency=agency, name=path.name, folder=path.parent, rules=rules)


def _fill(item: WireItem, entry: ParsedItem, pictures: list[dict], now) -> None:
    item.version = entry.version
    item.format = entry.format
    item.status = entry.status
    item.headline = clean_text(entry.headline, 500)
    item.deck = entry.deck
    item.dateline = clean_text(entry.dateline, 255)
    item.located = clean_text(entry.located, 255)
    item.byline = clean_text(entry.byline, 255)
    item.creditline = clean_text(entry.creditline, 255)
    item.body = entry.body_html
    item.language = clean_text(entry.language, 20).lower()
    item.urgency = entry.urgency
    item.embargo_until = entry.embargo_until
    item.version_created_at = entry.version_created_at
    item.subjects = entry.subjects
    item.keywords = entry.keywords
    item.pictures = pictures
    item.updated_at = now


def _record(item: WireItem, entry: ParsedItem, name: str, now, superseded=False) -> None:
    values = {
        "status": entry.status,
        "headline": clean_text(entry.headline, 500),
        "received_at": now,
        "superseded": superseded,
        "data": entry.as_dict(),
        "source_name": name[:255],
    }
    if superseded:
        # A late version may arrive twice: keep the first copy.
        WireItemVersion.objects.get_or_create(item=item, version=entry.version, defaults=values)
    else:
        WireItemVersion.objects.create(item=item, version=entry.version, **values)


def store(
    entry: ParsedItem,
    agency: str,
    name: str = "",
    folder: Path | None = None,
    rules: list[WireRule] | None = None,
) -> Outcome:
    now = timezone.now()
    with transaction.atomic():
        item = WireItem.objects.select_for_update().filter(agency=agency, guid=entry.guid).first()
        if item is not None and entry.version == item.version:
            return Outcome(entry.guid, entry.version, UNCHANGED, item.pk)
        if item is not None and entry.version < item.version:
            _record(item, entry, name, now, superseded=True)
            return Outcome(entry.guid, entry.version, SUPERSEDED, item.pk)
        pictures = [import_picture(picture, folder) for picture in entry.pictures]
        created = item is None
        if created:
            item = WireItem(agency=agency, guid=entry.guid, received_at=now)
            previous = None
        else:
            previous = story_values(item) if item.story_id else None
        _fill(item, entry, pictures, now)
        if entry.is_kill:
            item.state = WireItem.State.KILLED
        elif created or item.state == WireItem.State.KILLED:
            item.state = WireItem.State.TAKEN if item.story_id else WireItem.State.NEW
        item.save()
        _record(item, entry, name, now)
        mapping = mapping_for(item, rules)
        if entry.is_kill:
            follow_kill(item, mapping)
        elif previous is not None:
            follow_version(item, previous)
        elif created:
            _apply_automation(item, mapping)
    return Outcome(entry.guid, entry.version, CREATED if created else UPDATED, item.pk)


def _apply_automation(item: WireItem, mapping) -> None:
    """The first matching rule that makes drafts takes the new item into its section."""
    rule = next(
        (rule for rule in mapping.rules if rule.auto_create_draft or rule.auto_publish), None
    )
    if rule is None or rule.section is None:
        return
    publish = rule.auto_publish and bool(rule.agency) and rule.agency == item.agency
    take(item, rule.section, mapping=mapping, publish=publish)
