"""The directory per edition: a Spanish guide is a translation of the English one, with its own
copies of the links, searched with ``?locale=es``."""

import pytest

from cms.countries.models import CountryTranslation
from home.factories import translate_page

pytestmark = pytest.mark.django_db

SEARCH = "/api/v3/directory/links/"


def test_each_edition_searches_its_own_guides(client, home, directory, venezuela, embassies):
    translate_page(home, "es", title="El Tribuno")
    translate_page(directory, "es", title="Enlaces", slug="enlaces")
    translate_page(venezuela, "es", title="Venezuela: panorama")
    translate_page(embassies, "es", title="Embajadas en Caracas", slug="embajadas-en-caracas")

    english = client.get(SEARCH, {"country": "VE"}).json()
    spanish = client.get(SEARCH, {"country": "VE", "locale": "es"}).json()
    assert english["count"] == spanish["count"] == 3, "no edition lists the other's copies"
    assert spanish["items"][0]["category"]["html_path"] == (
        "/es/enlaces/venezuela/embajadas-en-caracas/"
    )
    assert client.get(SEARCH, {"q": "embajadas", "locale": "es"}).json()["count"] == 3
    assert client.get(SEARCH, {"locale": "pt"}).status_code == 422


def test_the_spanish_directory_names_countries_in_spanish(
    client, home, directory, venezuela, embassies, django_assert_max_num_queries
):
    CountryTranslation.objects.create(country=venezuela.country, language="es", name="Venezuela*")
    translate_page(home, "es", title="El Tribuno")
    enlaces = translate_page(directory, "es", title="Enlaces", slug="enlaces")
    guia = translate_page(venezuela, "es", title="Venezuela: panorama")
    embajadas = translate_page(embassies, "es", title="Embajadas", slug="embajadas")

    def name_in(url, *keys):
        data = client.get(url).json()
        for key in keys:
            data = data[key]
        return data["name"]

    assert name_in(f"/api/v2/pages/{guia.pk}/", "country") == "Venezuela*"
    assert name_in(f"/api/v2/pages/{venezuela.pk}/", "country") == venezuela.country.name
    assert name_in(f"/api/v2/pages/{embajadas.pk}/", "country") == "Venezuela*"
    assert name_in(f"/api/v2/pages/{enlaces.pk}/", "countries", 0) == "Venezuela*"
    assert name_in(f"{SEARCH}?locale=es", "items", 0, "country") == "Venezuela*"
    assert name_in(SEARCH, "items", 0, "country") == venezuela.country.name
    listing = "/api/v2/pages/?type=directory.LinkCategoryPage&locale=es&fields=country"
    client.get(listing)
    with django_assert_max_num_queries(10):
        items = client.get(listing).json()["items"]
    assert [item["country"]["name"] for item in items] == ["Venezuela*"]
