"""Every format the desk reads becomes one internal item with the fields editors need."""

from datetime import UTC, datetime

import pytest

from news.wires.items import CANCELED, USABLE, WireParseError
from news.wires.parsers import parse
from tests.wires.conftest import fixture_bytes


def only(name, content_type=""):
    [item] = parse(fixture_bytes(name), content_type)
    return item


def test_newsml_g2_item_gives_headline_deck_dateline_byline_subjects_and_embargo():
    item = only("newsml/efe-idlib-v1.xml")
    assert item.format == "newsml"
    assert item.guid == "urn:newsml:efe.com:20261204:ES-MOSCU-IDLIB"
    assert item.version == 1
    assert item.provider == "EFE"
    assert item.headline.startswith("Putin y Erdogan acuerdan")
    assert item.deck == "El Kremlin pide cumplir el memorando de Sochi"
    assert item.located == "Moscú"
    assert item.dateline == "Moscú, 4 dic (EFE).-"
    assert item.byline == "Ignacio Ortega"
    assert item.creditline == "EFE"
    assert item.language == "es"
    assert item.urgency == 3
    assert item.embargo_until == datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert item.status == USABLE
    assert {"code": "medtop:11000000", "name": "política"} in item.subjects
    assert item.keywords == ["Siria", "Idlib"]
    assert [picture.href for picture in item.pictures] == ["efe-idlib-photo.jpg"]


def test_newsml_body_keeps_paragraphs_and_bold_but_no_script_or_event_handler():
    body = only("newsml/efe-idlib-v1.xml").body_html
    assert body.startswith("<p>Los líderes de Rusia y Turquía")
    assert "<b>expresaron</b>" in body
    assert "onclick" not in body and "script" not in body and "alert" not in body
    assert "<title>" not in body and "Idlib</title>" not in body


def test_newsml_kill_is_a_canceled_higher_version():
    item = only("newsml/efe-idlib-kill.xml")
    assert (item.version, item.status, item.is_kill) == (3, CANCELED, True)


def test_newsml_message_gives_text_items_with_the_picture_items_as_their_pictures():
    item = only("newsml/ap-message-with-picture.xml")
    assert item.headline == "Blackout leaves much of Caracas without power"
    assert item.deck == "Hospitals ran on generators as the outage spread west."
    assert item.body_html == (
        "<p>A blackout left much of Caracas without power on Thursday.</p>"
        "<p>Officials blamed sabotage at the Guri dam; engineers said the grid was overloaded.</p>"
    )
    assert [picture.href for picture in item.pictures] == ["ap-blackout.jpg"]


def test_nitf_gives_hedline_byline_dateline_doc_id_du_key_version_and_release_embargo():
    item = only("nitf/ap-bogota.xml")
    assert item.format == "nitf"
    assert item.guid == "AP-BOG-20261204-001"
    assert item.version == 1
    assert item.headline == "Colombia and ELN rebels agree to resume talks in Havana"
    assert item.deck == "A ceasefire is on the agenda for January"
    assert item.byline == "Astrid Suarez"
    assert item.located == "Bogota"
    assert item.dateline.startswith("Bogota, Colombia, Dec. 4")
    assert item.urgency == 4
    assert item.embargo_until == datetime(2026, 12, 5, 6, 0, tzinfo=UTC)
    assert item.keywords == ["Colombia", "ELN"]
    assert item.subjects == [{"code": "11000000", "name": "politics"}]
    assert item.pictures[0].caption == "Negotiators in Havana."
    assert item.pictures[0].credit == "AP Photo/Ramon Espinosa"
    assert '<a href="https://example.org/ceasefire">ceasefire</a>' in item.body_html
    assert "onmouseover" not in item.body_html


def test_nitf_management_status_canceled_is_a_kill():
    item = only("nitf/ap-bogota-kill.xml")
    assert (item.version, item.status) == (2, CANCELED)


def test_ninjs_1x_reads_headline_body_html_subject_codes_and_associated_picture():
    item = only("ninjs/reuters-v1x.json", "application/json")
    assert item.format == "ninjs"
    assert item.guid == "tag:reuters.com,2026:newsml_L1N3BRASIL"
    assert item.version == 2
    assert item.language == "pt"
    assert item.deck == "Policymakers cite sticky services inflation."
    assert item.located == "Brasilia"
    assert {"code": "medtop:04018000", "name": "economy"} in item.subjects
    assert "iframe" not in item.body_html and "style" not in item.body_html
    [picture] = item.pictures
    assert (picture.href, picture.credit) == ("reuters-bcb.jpg", "REUTERS/Adriano Machado")


def test_ninjs_2x_reads_headlines_bodies_bylines_places_and_embargo():
    item = only("ninjs/efe-v2x.json")
    assert item.headline == "El Congreso de Perú debate una nueva moción de vacancia"
    assert item.deck == "La votación podría celebrarse el lunes"
    assert item.byline == "Redacción EFE"
    assert item.located == "Lima"
    assert item.language == "es"
    assert item.embargo_until == datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
    assert item.body_html == (
        "<p>El Congreso de Perú debatió este jueves una moción.</p>"
        "<p>La votación podría celebrarse el lunes.</p>"
    )
    assert [picture.href for picture in item.pictures] == ["efe-lima.jpg"]


def test_rss_items_use_the_publication_time_as_version_and_content_encoded_as_body():
    first, second = parse(fixture_bytes("feeds/agency-rss.xml"))
    assert first.format == "rss"
    assert first.guid == "andes-2026-12-04-emergencia"
    assert first.version == int(datetime(2026, 12, 4, 9, 0, tzinfo=UTC).timestamp())
    assert first.language == "es"
    assert first.deck == "El Gobierno decretó cortes programados."
    assert (
        first.body_html
        == "<p>El Gobierno de Ecuador decretó <strong>cortes programados</strong>.</p>"
    )
    assert first.byline == "Agencia Andes"
    assert first.keywords == ["Ecuador"]
    assert [picture.href for picture in first.pictures] == ["https://andes.example/foto.jpg"]
    assert second.body_html == "<p>Los presidentes llegan el viernes.</p>"


def test_atom_entries_read_id_title_summary_content_author_and_enclosure():
    [entry] = parse(fixture_bytes("feeds/agency-atom.xml"))
    assert entry.format == "atom"
    assert entry.guid == "urn:uuid:cw-2026-12-04-hurricanes"
    assert entry.language == "en"
    assert entry.deck == "Thirty named storms formed this year."
    assert entry.body_html == "<p>The Atlantic hurricane season ended with thirty named storms.</p>"
    assert entry.byline == "Caribbean Wire staff"
    assert entry.pictures[0].caption == "A storm seen from space"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("malformed/truncated.xml", "not well-formed XML"),
        ("malformed/billion-laughs.xml", "refused XML"),
        ("malformed/external-entity.xml", "refused XML"),
        ("malformed/no-headline.json", "has no headline"),
        ("malformed/notes.txt", "neither XML nor JSON"),
    ],
)
def test_malformed_and_hostile_files_are_refused_with_a_reason(name, reason):
    with pytest.raises(WireParseError, match=reason):
        parse(fixture_bytes(name))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"[]",
        b"[1, 2]",
        b'{"uri": 5, "headline": []}',
        b"<html><body/></html>",
        b"\xff\xfe<",
    ],
)
def test_odd_input_is_a_parse_error_never_a_crash(data):
    with pytest.raises(WireParseError):
        parse(data)


def test_files_above_the_size_limit_are_refused_before_parsing(settings):
    settings.WIRE_MAX_FILE_BYTES = 100
    with pytest.raises(WireParseError, match="larger than the limit of 100 bytes"):
        parse(fixture_bytes("ninjs/efe-v2x.json"))


def test_bodies_above_the_body_limit_are_refused(settings):
    settings.WIRE_MAX_BODY_BYTES = 20
    with pytest.raises(WireParseError, match="body is larger than the limit"):
        parse(fixture_bytes("ninjs/reuters-v1x.json"))
