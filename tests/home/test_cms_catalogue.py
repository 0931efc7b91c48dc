"""The CMS's Spanish catalogue (home/locale, the newsletter's e-mails) is complete and
compiled: every string the templates and the code mark has a Spanish translation."""

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.utils.translation import templatize

HOME = Path(__file__).resolve().parents[2] / "home"
PO = HOME / "locale" / "es" / "LC_MESSAGES" / "django.po"
KEYWORDS = {"gettext": None, "gettext_lazy": None, "_": None, "pgettext": ((1, "c"), 2)}


def marked_in(source: str) -> set[str]:
    found = extract_python(io.BytesIO(source.encode()), KEYWORDS, [], {})
    return {message if isinstance(message, str) else message[0] for _, _, message, _ in found}


@pytest.fixture(scope="module")
def extracted():
    """The msgids ``make messages`` finds: templates read as Django's makemessages reads them."""
    found = set()
    for path in HOME.rglob("*"):
        if path.suffix in (".html", ".txt") and "templates" in path.parts:
            python = templatize(path.read_text(), origin=str(path))
            found |= marked_in("\n".join(line.strip() for line in python.splitlines()))
        elif path.suffix == ".py":
            found |= marked_in(path.read_text())
    return {message for message in found if message}


@pytest.fixture(scope="module")
def catalogue():
    with open(PO, "rb") as po:
        return read_po(po, locale="es")


def test_the_emails_strings_are_found(extracted):
    assert {"Unsubscribe", "Top stories", "{site}: Daily Headlines for {date}"} <= extracted


def test_every_marked_string_has_a_spanish_translation(extracted, catalogue):
    missing = sorted(
        message
        for message in extracted
        if (entry := catalogue.get(message)) is None or entry.fuzzy or not entry.string
    )
    assert not missing, f"translate these in {PO} (make messages): {missing}"


def test_the_catalogue_has_no_fuzzy_or_empty_entries(catalogue):
    assert not [m.id for m in catalogue if m.id and (m.fuzzy or not m.string)]


def test_the_compiled_catalogue_matches_the_spanish_one(catalogue):
    with open(PO.with_suffix(".mo"), "rb") as mo:
        compiled = read_mo(mo)
    assert {m.id: m.string for m in compiled if m.id} == {
        m.id: m.string for m in catalogue if m.id
    }, "run make messages"
