"""The directory per edition: a Spanish guide is a translation of the English one, with its own
copies of the links, searched with ``?locale=es``."""

import pytest

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
