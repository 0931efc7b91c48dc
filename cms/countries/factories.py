import factory

from cms.countries.catalogue import known_countries
from cms.countries.models import Country


def catalogued(code: str, field: str, otherwise: str) -> str:
    known = known_countries().get(code)
    return getattr(known, field) if known else otherwise


class CountryFactory(factory.django.DjangoModelFactory):
    """A catalogued code takes its name and region from the catalogue."""

    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name = factory.LazyAttributeSequence(lambda o, n: catalogued(o.code, "name", f"Country {n}"))
    region = factory.LazyAttribute(lambda o: catalogued(o.code, "region", "south-america"))
