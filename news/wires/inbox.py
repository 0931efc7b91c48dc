"""The watched folder: ``<WIRE_INBOX>/<agency>/`` holds the files an agency drops.

Each scan ingests every file of every agency folder, oldest first, and moves it to
``<agency>/done/`` or to ``<agency>/rejected/`` next to a ``<name>.reason.txt`` saying why.
Pictures an accepted item names move to ``done/`` with it; other pictures wait for their
item. Names starting with a dot or ending in ``.tmp``/``.part`` are files still being
written and are left alone.
"""

import logging
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from news.wires.conf import settings
from news.wires.ingest import FileResult, ingest_path
from news.wires.items import IMAGE_SUFFIXES
from news.wires.models import WireItem, WireRule
from news.wires.rules import active_rules

logger = logging.getLogger("herald.wires")

DONE, REJECTED = "done", "rejected"
#: Files ingested in one transaction.
BATCH = 50
IN_PROGRESS = (".tmp", ".part")


def inbox_root() -> Path | None:
    return Path(settings.WIRE_INBOX) if settings.WIRE_INBOX else None


def _waiting(folder: Path) -> list[Path]:
    files = [
        path
        for path in folder.iterdir()
        if path.is_file()
        and not path.name.startswith(".")
        and not path.name.endswith(IN_PROGRESS)
        and path.suffix.lower() not in IMAGE_SUFFIXES
    ]
    return sorted(files, key=lambda path: (path.stat().st_mtime, path.name))


def _move(path: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    if target.exists():
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
        target = folder / f"{path.stem}.{stamp}{path.suffix}"
    path.replace(target)
    return target


def _move_pictures(result: FileResult, folder: Path) -> None:
    hrefs = {
        picture.get("href", "")
        for item in WireItem.objects.filter(pk__in=[o.item_id for o in result.outcomes])
        for picture in item.pictures
    }
    for href in hrefs:
        path = folder / href
        if href and "/" not in href and path.is_file():
            _move(path, folder / DONE)


def process_file(path: Path, agency: str, rules: list[WireRule] | None = None) -> FileResult:
    """Ingest one file; it moves once what it stored is committed (inside a batch's
    transaction, after the batch: a batch that fails leaves its files for the next scan)."""
    result = ingest_path(path, agency=agency, rules=rules)
    if result.ok:
        transaction.on_commit(lambda: _accept(result, path))
        return result
    reason = result.rejected or "\n".join(result.errors)
    transaction.on_commit(lambda: _reject(path, reason))
    logger.warning("Wire file %s/%s rejected: %s", agency, path.name, reason)
    return result


def _accept(result: FileResult, path: Path) -> None:
    _move_pictures(result, path.parent)
    _move(path, path.parent / DONE)


def _reject(path: Path, reason: str) -> None:
    moved = _move(path, path.parent / REJECTED)
    moved.with_name(moved.name + ".reason.txt").write_text(reason + "\n")


def scan_inbox(root: Path | None = None) -> list[FileResult]:
    """Ingest every waiting file under ``root`` (default ``WIRE_INBOX``)."""
    root = root or inbox_root()
    if root is None or not root.is_dir():
        return []
    rules = active_rules()
    results = []
    for folder in sorted(path for path in root.iterdir() if path.is_dir()):
        if folder.name.startswith("."):
            continue
        waiting = _waiting(folder)
        for start in range(0, len(waiting), BATCH):
            # One commit for a batch of files (each file its own savepoint): a commit's
            # flush to disk is most of an item's cost.
            with transaction.atomic():
                for path in waiting[start : start + BATCH]:
                    try:
                        results.append(process_file(path, folder.name, rules))
                    except OSError as e:
                        logger.error("Wire file %s not processed: %s", path, e)
    return results
