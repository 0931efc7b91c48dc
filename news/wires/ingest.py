"""Files in: each read and parsed outside any transaction, then its items stored with the
other files' of its batch (``news.wires.store``). A file that cannot be read is rejected with
a reason; one item that fails to store is reported and the others are stored.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

from news.wires.conf import settings
from news.wires.items import WireParseError
from news.wires.models import WireRule
from news.wires.parsers import parse
from news.wires.store import (
    CREATED,
    SUPERSEDED,
    UNCHANGED,
    UPDATED,
    Arrival,
    Outcome,
    store_batch,
)

__all__ = ["CREATED", "SUPERSEDED", "UNCHANGED", "UPDATED", "FileResult", "Outcome"]


@dataclass
class FileResult:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rejected: str = ""
    #: Picture references of the items stored from the file (the watched folder moves them).
    pictures: list[str] = field(default_factory=list)
    arrivals: list[Arrival] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.errors


def agency_slug(agency: str) -> str:
    return slugify(agency)[:100]


def parse_file(
    data: bytes,
    *,
    agency: str = "",
    name: str = "",
    content_type: str = "",
    folder: Path | None = None,
) -> FileResult:
    """The file's items, ready to store (or why it cannot be read)."""
    result = FileResult(name=name)
    try:
        parsed = parse(data, content_type)
    except WireParseError as e:
        result.rejected = str(e)
        return result
    for entry in parsed:
        slug = agency_slug(agency or entry.provider)
        if not slug:
            result.errors.append(f"{entry.guid}: no agency (give one; the file names none)")
        else:
            result.arrivals.append(Arrival(entry, slug, name, folder))
    if not result.arrivals and result.errors:
        result.rejected = "; ".join(result.errors)
    return result


def store_files(files: list[FileResult], rules: list[WireRule] | None = None) -> list[FileResult]:
    """Store the items of parsed files in one batch; each file gets its outcomes."""
    stored = store_batch([arrival for file in files for arrival in file.arrivals], rules)
    at = 0
    for file in files:
        mine = stored[at : at + len(file.arrivals)]
        for arrival, outcome in zip(file.arrivals, mine, strict=True):
            if isinstance(outcome, Outcome):
                file.outcomes.append(outcome)
                file.pictures += [p.href for p in arrival.entry.pictures if p.href]
            else:
                file.errors.append(outcome)
        if file.arrivals and not file.outcomes:
            file.rejected = "; ".join(file.errors)
        at += len(file.arrivals)
        file.arrivals = []
    return files


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
    file = parse_file(data, agency=agency, name=name, content_type=content_type, folder=folder)
    return store_files([file], rules)[0]


def read_path(path: Path, *, agency: str = "") -> FileResult:
    """One file on disk, parsed; pictures it names are looked for next to it."""
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
    return parse_file(data, agency=agency, name=path.name, folder=path.parent)


def ingest_paths(
    paths: list[Path], *, agency: str = "", rules: list[WireRule] | None = None
) -> list[FileResult]:
    """Files on disk, read and parsed first, then stored as one batch."""
    return store_files([read_path(path, agency=agency) for path in paths], rules)


def ingest_path(path: Path, *, agency: str = "", rules: list[WireRule] | None = None) -> FileResult:
    return ingest_paths([path], agency=agency, rules=rules)[0]
