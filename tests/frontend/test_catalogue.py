"""The Spanish catalogue is complete and compiled, and each edition writes dates and numbers
its own way."""

from datetime import UTC, datetime

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from frontend import messages
from frontend.rendering import make_environment
from frontend.settings import Settings

from .conftest import SPANISH_ARTICLE_PATH

FRONTEND = messages.LOCALE_DIR.parent
PO = messages.LOCALE_DIR / "es" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")


@pytest.fixture(scope="module")
def extracted():
    """Every string the templates and the code mark, as ``make messages`` extracts them."""
    with open(FRONTEND / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    return {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(FRONTEND), method_map, options_map
        )
    }


@pytest.fixture(scope="module")
def catalogue():
    with open(PO, "rb") as po:
        return read_po(po, locale="es")


def msgid(message):
    return message if isinstance(message, str) else message[0]


def test_every_marked_string_has_a_spanish_translation(extracted, catalogue):
    missing = []
    for message in extracted:
        entry = catalogue.get(msgid(message))
        strings = entry.string if entry is not None else ""
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(msgid(message))
    assert not missing, f"translate these in {PO} (make messages): {sorted(missing)}"


def test_the_compiled_catalogue_matches_the_spanish_one(catalogue):
    with open(MO, "rb") as mo:
        compiled = read_mo(mo)

    def entries(messages):
        return {
            msgid(m.id): tuple(m.string) if isinstance(m.string, list | tuple) else m.string
            for m in messages
            if m.id
        }

    translations, compiled_translations = entries(catalogue), entries(compiled)
    assert compiled_translations == translations, "messages.mo is stale: run make messages"


def test_the_catalogue_is_what_the_spanish_edition_reads():
    assert messages.gettext("es", "Most Viewed") == "Lo más visto"
    assert messages.gettext("en", "Most Viewed") == "Most Viewed"


@pytest.fixture(scope="module")
def envs():
    settings = Settings(time_zone="America/Caracas")
    return {locale: make_environment(settings, locale) for locale in ("en", "es")}


def test_dates_are_written_in_the_editions_language(envs):
    when = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    assert envs["en"].filters["date_long"](when) == "Friday, December 4, 2026"
    assert envs["es"].filters["date_long"](when) == "viernes, 4 de diciembre de 2026"
    assert envs["es"].filters["date_only"](when) == "4 de diciembre de 2026"
    assert envs["en"].filters["date_only"](when) == "December 4, 2026"
    assert envs["es"].filters["date_short"](when) == "4 dic 2026"


def test_numbers_keep_their_decimals_in_the_editions_notation(envs):
    assert envs["en"].filters["number"]("1281.20") == "1,281.20"
    assert envs["es"].filters["number"]("1281.20") == "1.281,20"
    assert envs["es"].filters["number"]("-0.5") == "-0,5"
    assert envs["es"].filters["number"](33_000_000) == "33.000.000"
    assert envs["es"].filters["number"]("n/a") == "n/a"


def test_spanish_pages_print_the_dateline_and_spanish_dates(client):
    page = client.get(SPANISH_ARTICLE_PATH)
    assert '<span class="dateline">MOSCÚ –</span> Los líderes' in page.text
    assert "miércoles, 25 de noviembre de 2026" in page.text
    assert '<td class="num">1.281,20</td>' in page.text


SPANISH_PAGES = ("/es/", "/es/mundo/", SPANISH_ARTICLE_PATH, "/es/newsletter/", "/es/no-existe/")


@pytest.mark.parametrize("path", SPANISH_PAGES)
def test_spanish_pages_show_no_english_interface_words(client, catalogue, path):
    html = client.get(path).text
    english = [
        m.id
        for m in catalogue
        if isinstance(m.id, str)
        and len(m.id) > 8
        and "%(" not in m.id
        and m.string != m.id
        and f">{m.id}<" in html
    ]
    assert not english, english
