"""The watched folder: files dropped under WIRE_INBOX/<agency>/ end in done/ or rejected/."""

import fcntl

import pytest
from django_tasks_db.models import DBTaskResult

from cms.publishing import scheduler
from cms.publishing.models import JobRun
from news.wires import inbox as watched
from news.wires.jobs import scan_inbox_job
from news.wires.models import WireItem
from tests.wires.conftest import fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def scan(django_capture_on_commit_callbacks):
    """The scan as the worker runs it: files move once the batch is committed."""

    def run(job=watched.scan_inbox):
        with django_capture_on_commit_callbacks(execute=True):
            return job()

    return run


def drop(inbox, agency, name, data):
    folder = inbox / agency
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    return folder


def test_accepted_files_move_to_done_with_their_pictures(
    inbox, picture_bytes, settings, tmp_path, scan
):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = drop(inbox, "ap", "message.xml", fixture_bytes("newsml/ap-message-with-picture.xml"))
    (folder / "ap-blackout.jpg").write_bytes(picture_bytes)
    [result] = scan()
    assert result.ok
    assert sorted(path.name for path in (folder / "done").iterdir()) == [
        "ap-blackout.jpg",
        "message.xml",
    ]
    assert not (folder / "message.xml").exists()
    assert WireItem.objects.get(agency="ap").pictures[0]["image_id"] is not None


def test_rejected_files_move_to_rejected_next_to_a_reason_file(inbox, scan):
    folder = drop(inbox, "efe", "broken.xml", fixture_bytes("malformed/truncated.xml"))
    drop(inbox, "efe", "good.xml", fixture_bytes("newsml/efe-idlib-v1.xml"))
    results = scan()
    assert [result.ok for result in results] == [False, True] or [r.ok for r in results] == [
        True,
        False,
    ]
    assert (folder / "rejected" / "broken.xml").exists()
    reason = (folder / "rejected" / "broken.xml.reason.txt").read_text()
    assert reason.startswith("not well-formed XML")
    assert (folder / "done" / "good.xml").exists()
    assert WireItem.objects.get().agency == "efe"


def test_the_folder_name_is_the_agency(inbox, scan):
    drop(inbox, "efe-es", "item.json", fixture_bytes("ninjs/efe-v2x.json"))
    scan()
    assert WireItem.objects.get().agency == "efe-es"


def test_files_still_being_written_and_waiting_pictures_are_left_alone(inbox, picture_bytes, scan):
    folder = drop(inbox, "efe", "item.xml.part", b"<newsItem")
    drop(inbox, "efe", ".hidden.xml", b"<newsItem")
    drop(inbox, "efe", "early.jpg", picture_bytes)
    assert scan() == []
    assert sorted(path.name for path in folder.iterdir()) == [
        ".hidden.xml",
        "early.jpg",
        "item.xml.part",
    ]


def test_a_second_file_with_the_same_name_does_not_overwrite_the_first_in_done(inbox, scan):
    folder = drop(inbox, "efe", "item.xml", fixture_bytes("newsml/efe-idlib-v1.xml"))
    scan()
    drop(inbox, "efe", "item.xml", fixture_bytes("newsml/efe-idlib-v2.xml"))
    scan()
    assert len(list((folder / "done").iterdir())) == 2
    assert WireItem.objects.get().version == 2


def test_the_scheduled_job_scans_the_inbox_and_reports_counts(inbox, scan):
    drop(inbox, "efe", "item.xml", fixture_bytes("newsml/efe-idlib-v1.xml"))
    drop(inbox, "efe", "bad.txt", b"nonsense")
    assert scan(scan_inbox_job) == "2 file(s), 1 rejected"


def test_without_a_watched_folder_the_scan_does_nothing(settings, scan):
    settings.WIRE_INBOX = ""
    assert scan() == []


def test_files_stay_in_the_inbox_until_what_they_hold_is_committed(
    inbox, django_capture_on_commit_callbacks
):
    folder = drop(inbox, "efe", "item.xml", fixture_bytes("newsml/efe-idlib-v1.xml"))
    with django_capture_on_commit_callbacks(execute=False) as moves:
        watched.scan_inbox()
    assert (folder / "item.xml").exists() and len(moves) == 1


def test_a_scan_while_another_process_scans_leaves_the_files_to_that_scan(inbox, scan):
    folder = drop(inbox, "efe", "item.xml", fixture_bytes("newsml/efe-idlib-v1.xml"))
    with (inbox / watched.LOCK).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert scan() == []
        fcntl.flock(held, fcntl.LOCK_UN)
    assert (folder / "item.xml").exists() and not WireItem.objects.exists()
    scan()
    assert (folder / "done" / "item.xml").exists()


def test_the_scheduler_only_queues_the_scan_for_the_worker(inbox, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    folder = drop(inbox, "efe", "item.xml", fixture_bytes("newsml/efe-idlib-v1.xml"))
    scheduler.tick()
    assert JobRun.objects.get(name="wires.scan_inbox").status == JobRun.Status.QUEUED
    queued = DBTaskResult.objects.filter(status="READY", args_kwargs__args__0="wires.scan_inbox")
    assert queued.exists()
    assert (folder / "item.xml").exists() and not WireItem.objects.exists()
