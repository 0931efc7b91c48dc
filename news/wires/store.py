"""Storing parsed items on the desk, a batch at a time: identity, versions, kills, and what
follows for stories.

An item is ``agency`` + ``guid``. A higher version supersedes the stored one; the same
version again changes nothing; an older version is kept in the history, never applied.

A batch costs a constant number of statements whatever its size (one lookup of the items it
names, bulk inserts and one bulk update), so a commit's round trips are shared by its items.
Only an item that needs more (a picture file, a story to follow, a rule's draft) pays for
itself. A batch that fails is rolled back to its savepoint and stored again item by item,
each in its own savepoint, so one bad item never stops the others.
"""

import logging
from dataclasses import dataclass
from functools import reduce
from operator import or_
from pathlib import Path

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from news.wires.items import ParsedItem, clean_text
from news.wires.models import WireItem, WireItemVersion, WireRule
from news.wires.pictures import import_picture
from news.wires.rules import Mapping, active_rules, mapping_for
from news.wires.stories import follow_kill, follow_version, story_values, take

logger = logging.getLogger("herald.wires")

CREATED, UPDATED, UNCHANGED, SUPERSEDED = "created", "updated", "unchanged", "superseded"
#: What a failing item's error may be: the database refusing it, or a value it cannot hold.
STORE_ERRORS = (DatabaseError, ValueError, TypeError, OSError)
#: The item fields a version writes (a bulk update of a batch's updated items).
FILLED = [
    *("version", "format", "status", "state", "headline", "deck", "dateline", "located"),
    *("byline", "creditline", "body", "language", "urgency", "embargo_until"),
    *("version_created_at", "subjects", "keywords", "subject_index", "pictures", "updated_at"),
]


@dataclass
class Outcome:
    guid: str
    version: int
    result: str
    item_id: int


@dataclass
class Arrival:
    """One parsed item to store, with its agency and where it came from (``folder``: where
    pictures next to its file lie)."""

    entry: ParsedItem
    agency: str
    name: str = ""
    folder: Path | None = None


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
    item.index_subjects()


def _version(item: WireItem, arrival: Arrival, now, superseded: bool = False) -> WireItemVersion:
    entry = arrival.entry
    return WireItemVersion(
        item=item,
        version=entry.version,
        status=entry.status,
        headline=clean_text(entry.headline, 500),
        received_at=now,
        superseded=superseded,
        data=entry.as_dict(),
        source_name=arrival.name[:255],
    )


@dataclass
class _Applied:
    """An arrival whose version becomes its item's: what is left to do once it is saved."""

    arrival: Arrival
    item: WireItem
    created: bool
    previous: dict | None


def _locked(arrivals: list[Arrival]) -> dict[tuple[str, str], WireItem]:
    """The stored items the arrivals name, locked for this transaction: one query."""
    guids: dict[str, set[str]] = {}
    for arrival in arrivals:
        guids.setdefault(arrival.agency, set()).add(arrival.entry.guid)
    match = reduce(or_, (Q(agency=agency, guid__in=g) for agency, g in guids.items()))
    return {(i.agency, i.guid): i for i in WireItem.objects.select_for_update().filter(match)}


def _store_round(arrivals: list[Arrival], rules: list[WireRule]) -> list[Outcome]:
    """Store arrivals that name distinct items, in bulk (the caller's transaction)."""
    now = timezone.now()
    stored = _locked(arrivals)
    outcomes, applied, late = [], [], []
    for arrival in arrivals:
        entry = arrival.entry
        item = stored.get((arrival.agency, entry.guid))
        if item is not None and entry.version == item.version:
            outcomes.append(Outcome(entry.guid, entry.version, UNCHANGED, item.pk))
            continue
        if item is not None and entry.version < item.version:
            late.append(_version(item, arrival, now, superseded=True))
            outcomes.append(Outcome(entry.guid, entry.version, SUPERSEDED, item.pk))
            continue
        pictures = [import_picture(picture, arrival.folder) for picture in entry.pictures]
        created = item is None
        if item is None:
            item = WireItem(agency=arrival.agency, guid=entry.guid, received_at=now)
        previous = story_values(item) if item.story_id else None
        _fill(item, entry, pictures, now)
        if entry.is_kill:
            item.state = WireItem.State.KILLED
        elif created or item.state == WireItem.State.KILLED:
            item.state = WireItem.State.TAKEN if item.story_id else WireItem.State.NEW
        applied.append(_Applied(arrival, item, created, previous))
        outcomes.append(Outcome(entry.guid, entry.version, "", 0))
    WireItem.objects.bulk_create([a.item for a in applied if a.created])
    if changed := [a.item for a in applied if not a.created]:
        WireItem.objects.bulk_update(changed, FILLED)
    versions = [_version(a.item, a.arrival, now) for a in applied]
    # A late version may arrive twice: the first copy stays.
    WireItemVersion.objects.bulk_create(versions + late, ignore_conflicts=bool(late))
    done = iter(applied)
    for outcome in outcomes:
        if not outcome.result:
            a = next(done)
            outcome.result, outcome.item_id = (CREATED if a.created else UPDATED), a.item.pk
            _follow(a, rules)
    return outcomes


def _follow(applied: _Applied, rules: list[WireRule]) -> None:
    """A new version's consequences: a kill flags (or unpublishes) the story, a version
    updates it or waits as a wire update, a new item may become a draft by rule."""
    item, entry = applied.item, applied.arrival.entry
    if entry.is_kill:
        if item.story_id:
            follow_kill(item, mapping_for(item, rules))
    elif applied.previous is not None:
        follow_version(item, applied.previous)
    elif applied.created:
        _apply_automation(item, mapping_for(item, rules))


def _apply_automation(item: WireItem, mapping: Mapping) -> None:
    """The first matching rule that makes drafts takes the new item into its section."""
    rule = next(
        (rule for rule in mapping.rules if rule.auto_create_draft or rule.auto_publish), None
    )
    if rule is None or rule.section is None:
        return
    publish = rule.auto_publish and bool(rule.agency) and rule.agency == item.agency
    take(item, rule.section, mapping=mapping, publish=publish)


def _rounds(arrivals: list[Arrival]) -> list[list[int]]:
    """Indexes in rounds naming each item at most once, versions of one item in order."""
    seen: dict[tuple[str, str], int] = {}
    rounds: list[list[int]] = []
    for n, arrival in enumerate(arrivals):
        key = (arrival.agency, arrival.entry.guid)
        depth = seen[key] = seen.get(key, -1) + 1
        if depth == len(rounds):
            rounds.append([])
        rounds[depth].append(n)
    return rounds


def store_batch(
    arrivals: list[Arrival], rules: list[WireRule] | None = None
) -> list[Outcome | str]:
    """Store ``arrivals`` in one transaction (or savepoint, inside the caller's); for each,
    its outcome or why it was not stored."""
    if not arrivals:
        return []
    rules = active_rules() if rules is None else rules
    results: list[Outcome | str] = [""] * len(arrivals)
    for indexes in _rounds(arrivals):
        try:
            with transaction.atomic():
                outcomes = _store_round([arrivals[n] for n in indexes], rules)
        except STORE_ERRORS:
            logger.info("A wire batch failed; storing its %d item(s) one by one", len(indexes))
            outcomes = [_store_alone(arrivals[n], rules) for n in indexes]
        for n, outcome in zip(indexes, outcomes, strict=True):
            results[n] = outcome
    return results


def _store_alone(arrival: Arrival, rules: list[WireRule]) -> Outcome | str:
    try:
        with transaction.atomic():
            [outcome] = _store_round([arrival], rules)
    except STORE_ERRORS as e:
        logger.exception("Wire item %s of %s not stored", arrival.entry.guid, arrival.name)
        return f"{arrival.entry.guid}: not stored ({type(e).__name__}: {e})"
    return outcome
