"""The countries the paper covers, by ISO code, with their English names and regions.

One list (``data/countries.json``) for everything that creates countries: the
``load_countries`` command, the demo's stories and link directory, and the story
generator. A country already stored keeps what editors gave it.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cms.countries.models import Country

DATA = Path(__file__).with_name("data") / "countries.json"


@dataclass(frozen=True)
class KnownCountry:
    code: str
    name: str
    region: str


@cache
def known_countries() -> dict[str, KnownCountry]:
    """Every catalogued country by ISO code, in the order of their names."""
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    return {row["code"]: KnownCountry(**row) for row in rows}


def ensure_countries(codes: Iterable[str]) -> list[Country]:
    """The countries of ``codes`` (catalogued ones), created from the catalogue if missing."""
    known = known_countries()
    countries = []
    for code in codes:
        entry = known[code]
        country = (
            Country.objects.filter(code=code).first()
            # Names are unique: a country stored under this name with another code is kept.
            or Country.objects.filter(name=entry.name).first()
            or Country.objects.create(code=code, name=entry.name, region=entry.region)
        )
        countries.append(country)
    return countries
