"""The watched folder: ``<WIRE_INBOX>/<agency>/`` holds the files an agency drops.

Each scan ingests every file of every agency folder, oldest first, and moves it to
``<agency>/done/`` or to ``<agency>/rejected/`` next to a ``<name>.reason.txt`` saying why.
Pictures an accepted item names move to ``done/`` with it; other pictures wait for their
item. Names starting with a dot or ending in ``.tmp``/``.part`` are files still being
written and are left alone.
"""

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from news.wires.conf import settings
from news.wires.ingest import FileResult, read_path, store_files
from news.wires.items import IMAGE_SUFFIXES
from news.wires.rules import active_rules

logger = logging.getLogger("herald.wires")

DONE, REJECTED = "done", "rejected"
#: Files ingested in one transaction (their items stored as one batch).
BATCH = 200
IN_PROGRESS = (".tmp", ".part")
#: The file a scan holds locked (hidden: no agency folder).
LOCK = ".scan.lock"


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
    for href in set(result.pictures):
        path = folder / href
        if "/" not in href and path.is_file():
            _move(path, folder / DONE)


def _settle(path: Path, agency: str, result: FileResult) -> None:
    """Move the file once what it stored is committed (a batch that fails leaves its files
    for the next scan)."""
    if result.ok:
        transaction.on_commit(lambda: _accept(result, path))
        return
    reason = result.rejected or "\n".join(result.errors)
    transaction.on_commit(lambda: _reject(path, reason))
    logger.warning("Wire file %s/%s rejected: %s", agency, path.name, reason)


def _accept(result: FileResult, path: Path) -> None:
    _move_pictures(result, path.parent)
    _move(path, path.parent / DONE)


def _reject(path: Path, reason: str) -> None:
    moved = _move(path, path.parent / REJECTED)
    moved.with_name(moved.name + ".reason.txt").write_text(reason + "\n")


@contextmanager
def _scanning(root: Path) -> Iterator[bool]:
    """Whether this process may scan ``root``: a burst can outlast the job's interval, and a
    second worker's scan must not ingest and move the same files at the same time."""
    with (root / LOCK).open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def scan_inbox(root: Path | None = None) -> list[FileResult]:
    """Ingest every waiting file under ``root`` (default ``WIRE_INBOX``); nothing while
    another process scans it (its files are that scan's)."""
    root = root or inbox_root()
    if root is None or not root.is_dir():
        return []
    with _scanning(root) as mine:
        return _scan(root) if mine else []


def _scan(root: Path) -> list[FileResult]:
    rules = active_rules()
    results = []
    for folder in sorted(path for path in root.iterdir() if path.is_dir()):
        if folder.name.startswith("."):
            continue
        waiting = _waiting(folder)
        for start in range(0, len(waiting), BATCH):
            paths = waiting[start : start + BATCH]
            # Read and parsed before the transaction, which then holds only the writes.
            files = [read_path(path, agency=folder.name) for path in paths]
            with transaction.atomic():
                store_files(files, rules)
                for path, result in zip(paths, files, strict=True):
                    _settle(path, folder.name, result)
            results += files
    return results
