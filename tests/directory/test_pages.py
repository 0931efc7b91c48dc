"""Directory page rules and link validation in the models: the tree, the kinds, one guide per
country, web addresses only."""

import pytest
from django.core.exceptions import ValidationError

from directory.models import (
    CountryPage,
    DirectoryIndexPage,
    DirectoryLink,
    LinkCategoryPage,
    LinkKind,
)
from home.models import HomePage
from news.models import SectionPage

pytestmark = pytest.mark.django_db


def test_directory_tree_rules():
    assert DirectoryIndexPage in HomePage.allowed_subpage_models()
    assert DirectoryIndexPage not in SectionPage.allowed_subpage_models()
    assert DirectoryIndexPage.allowed_parent_page_models() == [HomePage]
    assert CountryPage.allowed_parent_page_models() == [DirectoryIndexPage]
    assert LinkCategoryPage.allowed_parent_page_models() == [CountryPage]
    assert LinkCategoryPage.allowed_subpage_models() == []
    assert CountryPage.allowed_subpage_models() == [LinkCategoryPage]


def test_kind_vocabulary_is_fixed():
    assert set(LinkKind.values) == {
        "overview",
        "embassies-abroad",
        "embassies-in-capital",
        "sites-and-blogs",
        "newspapers",
        "government",
        "education",
        "tourism",
        "facts",
        "other",
    }


def test_a_country_has_one_guide(directory, venezuela):
    twin = CountryPage(title="Venezuela again", slug="venezuela-2", country=venezuela.country)
    with pytest.raises(ValidationError) as excinfo:
        twin.full_clean()
    assert excinfo.value.message_dict["country"] == [
        "This country already has a guide in the directory."
    ]


@pytest.mark.parametrize(
    "url",
    ["ftp://files.example.org/", "javascript:alert(1)", "www.example.org", "https://"],
)
def test_a_link_needs_a_web_address(embassies, url):
    link = DirectoryLink(page=embassies, name="Bad", url=url)
    with pytest.raises(ValidationError) as excinfo:
        link.full_clean()
    assert "url" in excinfo.value.message_dict


def test_a_web_address_is_accepted(embassies):
    DirectoryLink(page=embassies, name="Good", url="http://www.cne.gob.ve/").full_clean()
