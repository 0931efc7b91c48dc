"""Demo Spanish labels of the shared snippets (``cms.delivery.labels``): every demo country's
Spanish name, the instruments' Spanish names, units and conventions, the authors' Spanish job
titles and bios and the staff's Spanish name, from ``data/spanish_labels.json``. Idempotent:
a label already written (by a previous run or an editor) is left as it is."""

import json
from pathlib import Path

from cms.countries.models import Country
from cms.delivery.labels import translations_of
from home.markets.models import Instrument
from news.models import Author, WireSource

DATA = Path(__file__).with_name("data") / "spanish_labels.json"
LANGUAGE = "es"


def load(command):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    created = 0
    for code, name in data["countries"].items():
        created += _label(Country, "code", code, {"name": name})
    for symbol, fields in data["instruments"].items():
        created += _label(Instrument, "symbol", symbol, fields)
    for slug, fields in data["authors"].items():
        created += _label(Author, "slug", slug, fields)
    for slug, name in data["sources"].items():
        created += _label(WireSource, "slug", slug, {"name": name})
    if created:
        command.stdout.write(f"Created {created} Spanish labels")


def _label(model, key, value, fields):
    """1 when the snippet got its Spanish labels now, 0 when it had them or does not exist."""
    snippet = model.objects.filter(**{key: value}).first()
    if snippet is None or snippet.translations.filter(language=LANGUAGE).exists():
        return 0
    translation_model, parent = translations_of(model)
    translation_model.objects.create(language=LANGUAGE, **{parent: snippet}, **fields)
    return 1
