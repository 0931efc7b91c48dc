"""The directory's link search (``/api/v3/directory/links/``): by text, country and kind, paged,
cacheable, at a constant query count, clear about bad parameters, documented."""

import pytest

from directory.factories import DirectoryLinkFactory, LinkCategoryPageFactory
from directory.models import LinkKind
from tests.directory.api.conftest import SEARCH, add_links, count_queries, get_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def bogota(colombia):
    category = LinkCategoryPageFactory(
        parent=colombia, title="Educational Institutions", kind=LinkKind.EDUCATION
    )
    DirectoryLinkFactory(
        page=category,
        name="Universidad Nacional de Colombia",
        url="https://unal.edu.co/",
        city="Bogotá",
        description="Public university.",
        sort_order=0,
    )
    DirectoryLinkFactory(
        page=category,
        name="Universidad de los Andes",
        url="https://uniandes.edu.co/",
        city="Bogotá",
        description="Private university.",
        sort_order=1,
    )
    return category


def test_search_by_text_country_and_kind(client, embassies, bogota):
    found = get_json(client, SEARCH, q="universidad")
    assert found["count"] == 2
    first = found["items"][0]
    assert first["name"] == "Universidad Nacional de Colombia"
    assert first["category"]["kind"] == "education"
    assert first["category"]["html_path"] == "/links/colombia/educational-institutions/"
    assert first["country"]["code"] == "CO"
    assert first["health"]["state"] == "unchecked"

    assert get_json(client, SEARCH, q="private")["count"] == 1
    assert get_json(client, SEARCH, q="embassies in caracas")["count"] == 3  # category title
    assert get_json(client, SEARCH, q="uniandes.edu")["count"] == 1  # URL
    assert get_json(client, SEARCH, country="ve")["count"] == 3
    assert get_json(client, SEARCH, country="CO", kind="education")["count"] == 2
    assert get_json(client, SEARCH, country="CO", kind="newspapers")["count"] == 0
    assert get_json(client, SEARCH, country="AR")["count"] == 0


def test_search_pages_through_results(client, embassies, bogota):
    first = get_json(client, SEARCH, limit=2)
    second = get_json(client, SEARCH, limit=2, offset=2)
    last = get_json(client, SEARCH, limit=2, offset=4)
    assert first["count"] == second["count"] == 5
    names = [i["name"] for page in (first, second, last) for i in page["items"]]
    assert len(names) == len(set(names)) == 5
    assert [len(first["items"]), len(second["items"]), len(last["items"])] == [2, 2, 1]


def test_search_can_leave_out_broken_links(client, embassies, broken_spain):
    assert get_json(client, SEARCH, country="VE")["count"] == 3
    kept = get_json(client, SEARCH, country="VE", hide_broken="true")
    assert [item["name"] for item in kept["items"]] == ["Embassy of Brazil", "Embassy of Colombia"]


def test_search_is_cacheable_with_an_etag(client, embassies):
    response = client.get(SEARCH, {"q": "embassy"})
    assert "public" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(SEARCH, {"q": "embassy"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


def test_search_query_count_does_not_grow_with_the_page(client, venezuela):
    category = LinkCategoryPageFactory(parent=venezuela, title="Many")
    add_links(category, 30)
    small, _ = count_queries(client, f"{SEARCH}?limit=3")
    large, data = count_queries(client, f"{SEARCH}?limit=30")
    assert len(data["items"]) == 30
    assert small == large


@pytest.mark.parametrize(
    "params, status, message",
    [
        ({"limit": 51}, 400, "limit cannot be higher than 50"),
        ({"limit": 0}, 422, "greater than or equal to 1"),
        ({"limit": "ten"}, 422, "valid integer"),
        ({"offset": -1}, 422, "greater than or equal to 0"),
        ({"country": "VEN"}, 422, "pattern"),
        ({"kind": "blogs"}, 422, "Input should be"),
        ({"q": "x" * 201}, 422, "at most 200 characters"),
    ],
)
def test_search_refuses_bad_parameters_clearly(client, embassies, params, status, message):
    response = client.get(SEARCH, params)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")
    assert message in response.content.decode()


def test_search_is_documented_in_openapi(client):
    schema = get_json(client, "/api/v3/openapi.json")
    operation = schema["paths"]["/api/v3/directory/links/"]["get"]
    params = {p["name"] for p in operation["parameters"]}
    assert {"q", "country", "kind", "limit", "offset"} <= params
    assert {"200", "304", "400", "422"} <= set(operation["responses"])
    [kind] = [p for p in operation["parameters"] if p["name"] == "kind"]
    [enum] = [option["enum"] for option in kind["schema"]["anyOf"] if "enum" in option]
    assert enum == LinkKind.values  # the documented vocabulary is the editors' vocabulary
