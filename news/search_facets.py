"""What search counts stories by (authors, countries) and how those facets are labelled.

The labels are read here, in the language of the answer (``language``): a country's name
from its translation (``cms.delivery.labels``), an author's name as it is. Each lookup is one
query, and one more for the translations of a language other than the default.
"""

from collections.abc import Iterable

from cms.countries.models import Country
from cms.delivery.labels import localise
from news.models import ArticlePage, Author


def story_facet_values(
    authors: Iterable[int | None], countries: Iterable[int]
) -> dict[str, list[int]]:
    """A story's facets from its byline authors and its countries, however they were read (a
    page's relations, or a bulk loader's rows in memory): each id once, in id order, so both
    ways store the same entry."""
    return {"author": sorted({pk for pk in authors if pk}), "country": sorted(set(countries))}


def story_facets(page) -> dict[str, list[int]]:
    """Search counts and filters stories by author and country."""
    if not isinstance(page, ArticlePage):
        return {}
    return story_facet_values(
        (byline.author_id for byline in page.bylines.all()),
        (country.pk for country in page.countries.all()),
    )


def author_labels(ids: list[str], language: str) -> dict[str, tuple[str, str]]:
    """``{author id: (slug for ?author=, name)}``; a name is the same in every edition."""
    authors = Author.objects.filter(pk__in=[int(pk) for pk in ids]).values_list(
        "pk", "slug", "name"
    )
    return {str(pk): (slug, name) for pk, slug, name in authors}


def country_labels(ids: list[str], language: str) -> dict[str, tuple[str, str]]:
    """``{country id: (code for ?country=, name in the answer's language)}``."""
    countries = list(Country.objects.filter(pk__in=[int(pk) for pk in ids]).only("code", "name"))
    localise(countries, language)
    return {str(country.pk): (country.code, country.name) for country in countries}


def facet_labels():
    return {"author": author_labels, "country": country_labels}
