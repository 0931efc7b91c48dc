"""Identity, versions and kills: what the desk keeps when files arrive, in any order."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.images import get_image_model

from news.wires.ingest import CREATED, SUPERSEDED, UNCHANGED, UPDATED, ingest_bytes, ingest_path
from news.wires.models import WireItem, WireItemVersion
from tests.wires.conftest import FIXTURES, fixture_bytes

pytestmark = pytest.mark.django_db

GUID = "urn:newsml:efe.com:20261204:ES-MOSCU-IDLIB"


def ingest(name, agency="efe"):
    return ingest_bytes(fixture_bytes(name), agency=agency, name=name)


def test_a_new_item_lands_on_the_desk_with_its_fields_and_first_version():
    result = ingest("newsml/efe-idlib-v1.xml")
    assert result.ok
    [outcome] = result.outcomes
    assert (outcome.result, outcome.version) == (CREATED, 1)
    item = WireItem.objects.get(agency="efe", guid=GUID)
    assert item.state == WireItem.State.NEW
    assert item.language == "es"
    assert item.headline.startswith("Putin y Erdogan")
    assert list(item.versions.values_list("version", flat=True)) == [1]


def test_a_higher_version_supersedes_and_both_stay_in_the_history():
    ingest("newsml/efe-idlib-v1.xml")
    [outcome] = ingest("newsml/efe-idlib-v2.xml").outcomes
    assert outcome.result == UPDATED
    item = WireItem.objects.get(guid=GUID)
    assert item.version == 2
    assert "ACTUALIZACIÓN" in item.body
    assert list(item.versions.values_list("version", flat=True)) == [2, 1]


def test_the_same_version_twice_is_a_no_op():
    ingest("newsml/efe-idlib-v1.xml")
    [outcome] = ingest("newsml/efe-idlib-v1.xml").outcomes
    assert outcome.result == UNCHANGED
    assert WireItem.objects.count() == 1
    assert WireItemVersion.objects.count() == 1


def test_an_older_version_arriving_late_never_overwrites_the_newer_one():
    ingest("newsml/efe-idlib-v2.xml")
    [outcome] = ingest("newsml/efe-idlib-v1.xml").outcomes
    assert outcome.result == SUPERSEDED
    item = WireItem.objects.get(guid=GUID)
    assert item.version == 2 and "ACTUALIZACIÓN" in item.body
    late = item.versions.get(version=1)
    assert late.superseded is True


def test_the_same_guid_from_two_agencies_is_two_items():
    ingest("newsml/efe-idlib-v1.xml", agency="efe")
    ingest("newsml/efe-idlib-v1.xml", agency="efe-english")
    assert WireItem.objects.filter(guid=GUID).count() == 2


def test_a_kill_flags_the_item_killed():
    ingest("newsml/efe-idlib-v1.xml")
    ingest("newsml/efe-idlib-kill.xml")
    item = WireItem.objects.get(guid=GUID)
    assert (item.state, item.status, item.version) == ("killed", "canceled", 3)


def test_nitf_kill_flags_the_item_killed():
    ingest("nitf/ap-bogota.xml", agency="ap")
    ingest("nitf/ap-bogota-kill.xml", agency="ap")
    assert WireItem.objects.get(guid="AP-BOG-20261204-001").state == "killed"


def test_without_an_agency_the_files_provider_names_it():
    ingest_bytes(fixture_bytes("newsml/efe-idlib-v1.xml"))
    assert WireItem.objects.get(guid=GUID).agency == "efe"


def test_a_rejected_file_stores_nothing_and_says_why():
    result = ingest("malformed/truncated.xml")
    assert result.rejected.startswith("not well-formed XML")
    assert not WireItem.objects.exists()


def test_a_picture_next_to_the_item_becomes_an_image_with_its_embedded_caption_and_credit(
    tmp_path, picture_bytes, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    shutil.copy(FIXTURES / "newsml/ap-message-with-picture.xml", tmp_path / "message.xml")
    (tmp_path / "ap-blackout.jpg").write_bytes(picture_bytes)
    result = ingest_path(tmp_path / "message.xml", agency="ap")
    assert result.ok
    item = WireItem.objects.get(agency="ap")
    [picture] = item.pictures
    assert picture["caption"] == "Negotiators in Havana."
    assert picture["credit"] == "AP Photo/Ramon Espinosa"
    image = get_image_model().objects.get(pk=picture["image_id"])
    assert (image.caption, image.credit) == ("Negotiators in Havana.", "AP Photo/Ramon Espinosa")


def test_a_picture_outside_the_items_folder_is_never_read(tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"not for the desk")
    folder = tmp_path / "inbox"
    folder.mkdir()
    data = fixture_bytes("newsml/ap-message-with-picture.xml").replace(
        b"ap-blackout.jpg", b"../secret.jpg"
    )
    (folder / "message.xml").write_bytes(data)
    assert ingest_path(folder / "message.xml", agency="ap").ok
    assert WireItem.objects.get(agency="ap").pictures[0]["image_id"] is None


def test_ingest_wire_command_ingests_each_path_and_prints_what_became_of_it():
    out = io.StringIO()
    call_command(
        "ingest_wire", "--agency", "efe", str(FIXTURES / "newsml/efe-idlib-v1.xml"), stdout=out
    )
    assert f"{GUID} v1 created" in out.getvalue()
    assert WireItem.objects.filter(agency="efe").count() == 1


def test_ingest_wire_exits_non_zero_printing_each_reason_and_still_ingests_the_good_files():
    err = io.StringIO()
    paths = [
        FIXTURES / "malformed/truncated.xml",
        FIXTURES / "newsml/efe-idlib-v1.xml",
        FIXTURES / "malformed/notes.txt",
    ]
    with pytest.raises(CommandError, match="2 of 3 file"):
        call_command("ingest_wire", *map(str, paths), stderr=err, stdout=io.StringIO())
    assert "REJECTED" in err.getvalue() and "truncated.xml: not well-formed XML" in err.getvalue()
    assert "notes.txt: neither XML nor JSON" in err.getvalue()
    assert WireItem.objects.filter(guid=GUID).exists()
