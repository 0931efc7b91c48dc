import pytest

from cms.countries.factories import CountryFactory
from directory.factories import (
    CountryPageFactory,
    DirectoryIndexPageFactory,
    DirectoryLinkFactory,
    LinkCategoryPageFactory,
)


@pytest.fixture
def directory(home):
    return DirectoryIndexPageFactory(parent=home)


@pytest.fixture
def venezuela(directory):
    country = CountryFactory(code="VE", name="Venezuela", region="south-america")
    return CountryPageFactory(parent=directory, country=country, capital="Caracas")


@pytest.fixture
def colombia(directory):
    country = CountryFactory(code="CO", name="Colombia", region="south-america")
    return CountryPageFactory(parent=directory, country=country, capital="Bogotá")


@pytest.fixture
def embassies(venezuela):
    category = LinkCategoryPageFactory(
        parent=venezuela, title="Embassies in Caracas", kind="embassies-in-capital"
    )
    for position, (name, url) in enumerate(
        [
            ("Embassy of Spain", "https://www.exteriores.gob.es/embajadas/caracas/"),
            ("Embassy of Brazil", "https://www.gov.br/mre/embaixada-caracas/"),
            ("Embassy of Colombia", "https://venezuela.embajada.gov.co/"),
        ]
    ):
        DirectoryLinkFactory(page=category, name=name, url=url, sort_order=position)
    return category
