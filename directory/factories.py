"""Factories for the link directory (tests build pages and links from these)."""

import factory
import wagtail_factories
from django.utils.text import slugify

from cms.countries.factories import CountryFactory
from directory.models import (
    CountryPage,
    DirectoryIndexPage,
    DirectoryLink,
    LinkCategoryPage,
    LinkHealth,
    LinkKind,
)


class DirectoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DirectoryIndexPage

    title = "Links"
    slug = "links"
    intro = "<p>Embassies, newspapers, government and more, country by country.</p>"


class CountryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CountryPage

    title = factory.LazyAttribute(lambda o: o.country.name)
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    country = factory.SubFactory(CountryFactory)
    overview = factory.LazyAttribute(lambda o: f"<p>All about {o.title}.</p>")
    capital = "Capital City"
    population = 1_000_000
    currency = "Peso"
    official_languages = "Spanish"
    time_zone = "UTC−05:00"
    calling_code = "+1"
    facts_source = "World Bank"
    facts_as_of = 2024


class LinkCategoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LinkCategoryPage

    title = factory.Sequence(lambda n: f"Links {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    kind = LinkKind.GOVERNMENT
    intro = "<p>Useful sites.</p>"


class DirectoryLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectoryLink

    page = factory.SubFactory(LinkCategoryPageFactory)
    name = factory.Sequence(lambda n: f"Site {n}")
    url = factory.Sequence(lambda n: f"https://site{n}.example.org/")
    description = factory.LazyAttribute(lambda o: f"The official site of {o.name}.")
    city = "Caracas"
    language = "es"
    sort_order = factory.Sequence(lambda n: n)


class LinkHealthFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LinkHealth
        django_get_or_create = ("url",)

    url = factory.Sequence(lambda n: f"https://site{n}.example.org/")
