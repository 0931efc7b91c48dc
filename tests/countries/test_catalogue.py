"""The country catalogue: one list, valid codes and regions, and what creating from it keeps."""

import io
import json

import pytest
from django.core.management import call_command

from cms.countries.catalogue import known_countries
from cms.countries.factories import CountryFactory
from cms.countries.models import Country, Region
from home.demo import directory as demo_directory
from home.demo import news as demo_news
from news.management.generation.vocabulary import COUNTRY_CODES


def test_every_catalogued_country_has_a_two_letter_code_a_unique_name_and_a_known_region():
    countries = list(known_countries().values())
    assert all(len(c.code) == 2 and c.code.isupper() for c in countries)
    assert len({c.name for c in countries}) == len(countries)
    assert {c.region for c in countries} <= set(Region.values)


def test_the_demo_and_the_generator_name_only_catalogued_countries():
    directory = json.loads(demo_directory.DATA.read_text(encoding="utf-8"))["countries"]
    named = {*demo_news.STORY_COUNTRIES, *COUNTRY_CODES, *(c["code"] for c in directory)}
    assert named <= set(known_countries())


@pytest.mark.django_db
def test_load_countries_creates_the_missing_ones_and_keeps_an_editors_changes():
    CountryFactory(code="VE", name="Venezuela (Bolivarian Republic of)")
    out = io.StringIO()
    call_command("load_countries", stdout=out)
    assert Country.objects.count() == len(known_countries())
    assert Country.objects.get(code="VE").name == "Venezuela (Bolivarian Republic of)"
    assert Country.objects.get(code="CO").region == "south-america"
    assert f"Created {len(known_countries()) - 1} countries" in out.getvalue()

    call_command("load_countries", stdout=out)
    assert Country.objects.count() == len(known_countries())


@pytest.mark.django_db
def test_a_factory_country_with_a_catalogued_code_takes_its_name_and_region():
    country = CountryFactory(code="JM")
    assert (country.name, country.region) == ("Jamaica", "caribbean")
