"""Demo link directory: Links ▸ every Latin-American and Caribbean country ▸ categories.

Run by ``manage.py load_demo`` after ``home.demo.furniture`` (which creates the HomePage),
built with the same factories the tests use. Idempotent: pages are looked up by
slug under their parent, countries by ISO code, and nothing that exists is changed.

The countries and their facts, every country's government and newspaper links and the seed's
categories for Venezuela and Colombia are in ``data/directory.json``. Facts are rounded figures
for 2023 (population: World Bank estimates).
"""

import json
from pathlib import Path

from django.utils.text import slugify

from cms.countries.catalogue import known_countries
from cms.countries.factories import CountryFactory
from directory.factories import (
    CountryPageFactory,
    DirectoryIndexPageFactory,
    DirectoryLinkFactory,
    LinkCategoryPageFactory,
)
from directory.models import CountryPage, DirectoryIndexPage, LinkCategoryPage, LinkKind
from home.models import HomePage

DATA = Path(__file__).with_name("data") / "directory.json"
FACTS_SOURCE = "World Bank (population); national governments"
FACTS_SOURCE_URL = "https://data.worldbank.org/"
FACTS_AS_OF = 2023

# Page titles spelled as the seed's country list spells them.
SEED_TITLES = {"AG": "Antigua & Barbuda"}


def categories_for(data: dict, code: str, name: str) -> list[dict]:
    """The seed's categories for Venezuela and Colombia; government and newspapers for all.
    Each is a dict of slug, title, kind, intro and links (name, url, description, city,
    language), as in ``data/directory.json``."""
    categories = list(data["categories"].get(code, []))
    seen = {category["slug"] for category in categories}
    defaults = [
        {
            "slug": "government",
            "title": "Government Links",
            "kind": LinkKind.GOVERNMENT,
            "intro": f"The government of {name} online.",
            "links": data["government"].get(code, []),
        },
        {
            "slug": "newspapers",
            "title": "Newspapers",
            "kind": LinkKind.NEWSPAPERS,
            "intro": f"Newspapers and news sites from {name}.",
            "links": data["newspapers"].get(code, []),
        },
    ]
    categories += [c for c in defaults if c["slug"] not in seen and c["links"]]
    return categories


def load(command):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    home = HomePage.objects.first()
    if home is None:
        command.stdout.write("home.demo.directory: no home page, skipping the link directory")
        return

    created_pages = 0
    index = DirectoryIndexPage.objects.child_of(home).first()
    if index is None:
        index = DirectoryIndexPageFactory(
            parent=home,
            title="Links",
            slug="links",
            intro=(
                "<p>Embassies, newspapers, government sites, universities and more, country "
                "by country across Latin America and the Caribbean. Every link is checked "
                "daily.</p>"
            ),
            search_description="The Herald's directory of Latin-American and Caribbean links.",
        )
        index.save_revision().publish()
        created_pages += 1

    for facts in data["countries"]:
        country = CountryFactory(code=facts["code"])
        code, name = country.code, known_countries()[country.code].name
        slug = slugify(name)
        page = CountryPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = CountryPageFactory(
                parent=index,
                title=SEED_TITLES.get(code, name),
                slug=slug,
                country=country,
                overview=f"<p>{facts['overview']}</p>",
                capital=facts["capital"],
                population=facts["population"],
                currency=facts["currency"],
                official_languages=facts["languages"],
                time_zone=facts["time_zone"],
                calling_code=facts["calling_code"],
                facts_source=FACTS_SOURCE,
                facts_source_url=FACTS_SOURCE_URL,
                facts_as_of=FACTS_AS_OF,
                search_description=facts["overview"],
            )
            page.save_revision().publish()
            created_pages += 1

        for category in categories_for(data, code, name):
            if LinkCategoryPage.objects.child_of(page).filter(slug=category["slug"]).exists():
                continue
            category_page = LinkCategoryPageFactory(
                parent=page,
                title=category["title"],
                slug=category["slug"],
                kind=LinkKind(category["kind"]),
                intro=f"<p>{category['intro']}</p>",
            )
            for position, link in enumerate(category["links"]):
                DirectoryLinkFactory(page=category_page, sort_order=position, **link)
            category_page.save_revision().publish()
            created_pages += 1

    if created_pages:
        command.stdout.write(f"Created {created_pages} directory pages")
