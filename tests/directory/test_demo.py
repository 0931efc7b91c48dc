"""The demo link directory: the seed's countries and categories, valid links, idempotent."""

import io

import pytest
from django.core.management.base import BaseCommand

from directory.models import (
    CountryPage,
    DirectoryIndexPage,
    DirectoryLink,
    LinkCategoryPage,
    LinkHealth,
    normalize_url,
)
from home.demo import directory as demo

pytestmark = pytest.mark.django_db

UN_MEMBERS = {
    "AG", "AR", "BS", "BB", "BZ", "BO", "BR", "CL", "CO", "CR", "CU", "DM", "DO", "EC", "SV",
    "GD", "GT", "GY", "HT", "HN", "JM", "MX", "NI", "PA", "PY", "PE", "KN", "LC", "VC", "SR",
    "TT", "UY", "VE",
}  # fmt: skip

SEED_CATEGORIES = {
    "venezuela": [
        "Venezuela Overview",
        "Venezuelan Embassies & Consulates Around The World",
        "Sites/Blogs about Venezuela",
        "Venezuelan Newspapers",
        "Facts about Venezuela",
        "Venezuela Tourism",
        "Embassies in Caracas",
    ],
    "colombia": [
        "Colombia Overview",
        "Colombian Embassies & Consulates Around the World",
        "Government Links",
        "Embassies in Bogota",
        "Sites/Blogs about Colombia",
        "Educational Institutions",
    ],
}
SEED_COUNTRIES = [
    "Antigua & Barbuda",
    "Cayman Islands",
    "Saint Kitts and Nevis",
    "Saint Lucia",
    "Saint Vincent and the Grenadines",
    "Costa Rica",
    "El Salvador",
]


def load():
    demo.load(BaseCommand(stdout=io.StringIO()))


def counts():
    return [
        model.objects.count()
        for model in (DirectoryIndexPage, CountryPage, LinkCategoryPage, DirectoryLink)
    ]


def test_demo_directory_is_complete_and_idempotent(home):
    load()
    first = counts()
    load()
    assert counts() == first

    guides = CountryPage.objects.live().select_related("country")
    codes = {guide.country.code for guide in guides}
    assert codes >= UN_MEMBERS
    assert "KY" in codes  # a territory the seed names
    assert set(SEED_COUNTRIES) <= {guide.title for guide in guides}
    for guide in guides:
        assert guide.overview and guide.capital and guide.population, guide.title
        assert guide.facts_source and guide.facts_as_of, guide.title
        kinds = set(LinkCategoryPage.objects.child_of(guide).values_list("kind", flat=True))
        assert {"government", "newspapers"} <= kinds, guide.title

    for slug, titles in SEED_CATEGORIES.items():
        guide = CountryPage.objects.get(slug=slug)
        categories = LinkCategoryPage.objects.child_of(guide).live()
        assert set(titles) <= set(categories.values_list("title", flat=True))
        for category in categories:
            assert category.links.count() >= 5, category.title

    # Every demo link would pass the editor's validation.
    for category in LinkCategoryPage.objects.all():
        urls = [normalize_url(link.url) for link in category.links.all()]
        assert len(urls) == len(set(urls)), category.title
        for link in category.links.all():
            link.full_clean()
    assert not LinkHealth.objects.exists()  # the demo never touches the network


def test_demo_directory_is_readable_through_the_api(client, home):
    load()
    response = client.get(
        "/api/v2/pages/find/",
        {"html_path": "/links/venezuela/embassies-in-caracas/"},
        follow=True,
    )
    assert response.status_code == 200
    data = response.json()
    assert data["country"]["code"] == "VE"
    assert len(data["links"]) >= 5
    found = client.get("/api/v3/directory/links/", {"country": "CO", "kind": "education"})
    assert found.json()["count"] >= 5
