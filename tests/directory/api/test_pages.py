"""Directory pages in API v2 and v3: links and their health inline, in order, at a constant
query count, and nothing unpublished or private."""

import pytest

from directory.factories import DirectoryLinkFactory, LinkCategoryPageFactory
from tests.directory.api.conftest import SEARCH, add_links, count_queries, get_json

pytestmark = pytest.mark.django_db


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
