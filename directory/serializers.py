"""The directory pages' API fields (v2 serializers, reused by v3's schema generator)."""

from rest_framework import serializers

from directory.schemas import (
    CategorySummarySchema,
    CountryFactsSchema,
    CountryRefSchema,
    CountrySnippetSchema,
    LinkSchema,
)


class LinkListField(serializers.Field):
    """A category's links in the editor's order, each with its health."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> list[LinkSchema]:
        return list(value)


class CountrySummaryField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> CountrySnippetSchema:
        return value.api_summary()


class CountryRefField(serializers.Field):
    """The country guide a category belongs to."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> CountryRefSchema:
        return value


class CountryListField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> list[CountryRefSchema]:
        return list(value)


class CategoryListField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> list[CategorySummarySchema]:
        return list(value)


class CountryFactsField(serializers.Field):
    """Key facts of a country guide, with their source and the year they hold for."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> CountryFactsSchema:
        return {
            "capital": value.capital,
            "population": value.population,
            "currency": value.currency,
            "official_languages": value.official_languages,
            "time_zone": value.time_zone,
            "calling_code": value.calling_code,
            "source": value.facts_source,
            "source_url": value.facts_source_url,
            "as_of": value.facts_as_of,
        }
