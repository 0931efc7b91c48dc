"""Directory pages in API v2 and v3 (links and health inline), and the link search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.factories import (
    DirectoryLinkFactory,
    LinkCategoryPageFactory,
    LinkHealthFactory,
)
from directory.models import LinkKind, LinkState

pytestmark = pytest.mark.django_db

SEARCH = "/api/v3/directory/links/"


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response.json()


@pytest.fixture
def broken_spain(embassies):
    first_failed = timezone.now() - timezone.timedelta(days=3)
    return LinkHealthFactory(
        url=embassies.links.first().url,
        state=LinkState.BROKEN,
        state_since=timezone.now() - timezone.timedelta(days=1),
        status_code=404,
        consecutive_failures=3,
        first_failed_at=first_failed,
        last_checked_at=timezone.now(),
    )


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_category_has_its_links_in_order_with_health(client, embassies, broken_spain, version):
    data = get_json(client, f"/api/{version}/pages/{embassies.pk}/")
    assert data["kind"] == "embassies-in-capital"
    assert data["kind_label"] == "Embassies in the capital"
    assert data["country"]["code"] == "VE"
    assert data["country"]["html_path"] == "/links/venezuela/"
    names = [link["name"] for link in data["links"]]
    assert names == ["Embassy of Spain", "Embassy of Brazil", "Embassy of Colombia"]
    spain, brazil = data["links"][0], data["links"][1]
    assert spain["health"]["state"] == "broken"
    assert spain["health"]["is_broken"] is True
    assert spain["health"]["status_code"] == 404
    assert spain["health"]["since"] is not None
    assert spain["health"]["first_failed_at"] is not None
    assert brazil["health"]["state"] == "unchecked"
    assert brazil["health"]["is_broken"] is False
    assert set(spain) >= {"name", "url", "description", "city", "language", "phone", "address"}


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_country_guide_has_facts_and_its_published_categories(
    client, venezuela, embassies, version
):
    draft = LinkCategoryPageFactory(parent=venezuela, title="Venezuelan Newspapers", live=False)
    DirectoryLinkFactory(page=draft)
    data = get_json(client, f"/api/{version}/pages/{venezuela.pk}/")
    assert data["country"] == {"name": "Venezuela", "code": "VE", "region": "south-america"}
    assert data["facts"]["capital"] == "Caracas"
    assert data["facts"]["as_of"] == 2024
    assert data["facts"]["source"] == "World Bank"
    assert [c["title"] for c in data["categories"]] == ["Embassies in Caracas"]
    assert data["categories"][0]["link_count"] == 3
    assert data["categories"][0]["html_path"] == "/links/venezuela/embassies-in-caracas/"


def test_directory_index_lists_the_country_guides(client, directory, venezuela, colombia):
    data = get_json(client, f"/api/v2/pages/{directory.pk}/")
    assert [c["code"] for c in data["countries"]] == ["VE", "CO"]
    assert data["countries"][1]["html_path"] == "/links/colombia/"


def test_found_by_path(client, embassies):
    response = client.get(
        "/api/v2/pages/find/", {"html_path": "/links/venezuela/embassies-in-caracas/"}, follow=True
    )
    assert response.status_code == 200
    assert response.json()["id"] == embassies.pk


def add_links(category, count):
    for i in range(count):
        url = f"https://links{category.pk}-{i}.example.org/"
        DirectoryLinkFactory(page=category, url=url, sort_order=i)
        LinkHealthFactory(url=url, state=LinkState.OK)


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_category_detail_costs_the_same_for_3_and_30_links(client, venezuela, version):
    small = LinkCategoryPageFactory(parent=venezuela, title="Small")
    large = LinkCategoryPageFactory(parent=venezuela, title="Large")
    add_links(small, 3)
    add_links(large, 30)
    small_count, small_data = count_queries(client, f"/api/{version}/pages/{small.pk}/")
    large_count, large_data = count_queries(client, f"/api/{version}/pages/{large.pk}/")
    assert len(small_data["links"]) == 3
    assert len(large_data["links"]) == 30
    assert all(link["health"]["state"] == "ok" for link in large_data["links"])
    assert small_count == large_count, f"{small_count} queries for 3 links, {large_count} for 30"


def test_category_listing_costs_the_same_for_3_and_30_links(client, venezuela, colombia):
    url = "/api/v2/pages/?type=directory.LinkCategoryPage&fields=links,country&child_of={}"
    add_links(LinkCategoryPageFactory(parent=venezuela, title="Few"), 3)
    for i in range(3):
        add_links(LinkCategoryPageFactory(parent=colombia, title=f"Many {i}"), 10)
    small, data_small = count_queries(client, url.format(venezuela.pk))
    large, data_large = count_queries(client, url.format(colombia.pk))
    assert sum(len(item["links"]) for item in data_small["items"]) == 3
    assert sum(len(item["links"]) for item in data_large["items"]) == 30
    assert data_large["items"][0]["country"]["code"] == "CO"
    assert small == large


def test_country_detail_costs_the_same_for_few_and_many_categories(client, venezuela, colombia):
    add_links(LinkCategoryPageFactory(parent=venezuela, title="One"), 3)
    for i in range(5):
        add_links(LinkCategoryPageFactory(parent=colombia, title=f"Cat {i}"), 6)
    small, _ = count_queries(client, f"/api/v2/pages/{venezuela.pk}/")
    large, data = count_queries(client, f"/api/v2/pages/{colombia.pk}/")
    assert [c["link_count"] for c in data["categories"]] == [6] * 5
    assert small == large


def test_unpublished_or_private_category_is_in_no_public_endpoint(client, venezuela, embassies):
    from wagtail.models import PageViewRestriction

    draft = LinkCategoryPageFactory(parent=venezuela, title="Secret Links", live=False)
    DirectoryLinkFactory(page=draft, name="Hidden draft link", url="https://draft.example.org/")
    private = LinkCategoryPageFactory(parent=venezuela, title="Members Only")
    DirectoryLinkFactory(page=private, name="Hidden private link", url="https://p.example.org/")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for page in (draft, private):
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404
        assert client.get("/api/v2/pages/find/", {"html_path": page.url_path}).status_code == 404
    listing = get_json(client, "/api/v2/pages/", type="directory.LinkCategoryPage")
    assert [item["title"] for item in listing["items"]] == ["Embassies in Caracas"]
    country = get_json(client, f"/api/v2/pages/{venezuela.pk}/")
    assert [c["title"] for c in country["categories"]] == ["Embassies in Caracas"]
    found = get_json(client, SEARCH, q="hidden")
    assert found["count"] == 0
    everything = get_json(client, SEARCH, limit=50)
    assert {item["category"]["title"] for item in everything["items"]} == {"Embassies in Caracas"}


def test_links_under_an_unpublished_guide_are_not_searchable(client, venezuela, embassies):
    venezuela.unpublish()
    assert get_json(client, SEARCH)["count"] == 0


# --- Link search ---------------------------------------------------------------------


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
