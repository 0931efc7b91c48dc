"""Countries: the shared list that stories and the link directory point at."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.delivery.labels import LabelTranslation


class Region(models.TextChoices):
    SOUTH_AMERICA = "south-america", "South America"
    CENTRAL_AMERICA = "central-america", "Central America"
    CARIBBEAN = "caribbean", "Caribbean"
    NORTH_AMERICA = "north-america", "North America"
    EUROPE = "europe", "Europe"
    MIDDLE_EAST = "middle-east", "Middle East"
    ASIA = "asia", "Asia"
    AFRICA = "africa", "Africa"
    OCEANIA = "oceania", "Oceania"


@register_snippet
class Country(index.Indexed, ClusterableModel):
    """A country stories are about. Shared by news (article countries) and directory."""

    name = models.CharField(max_length=100, unique=True)
    code = models.CharField(
        "ISO 3166 code",
        max_length=2,
        unique=True,
        help_text="Two-letter ISO 3166-1 alpha-2 code, e.g. VE.",
    )
    region = models.CharField(max_length=32, choices=Region.choices, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("region"),
        InlinePanel("translations", heading="Translations", label="Language"),
    ]

    search_fields = [index.SearchField("name"), index.FilterField("code")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.code = self.code.upper()
        super().save(*args, **kwargs)

    def api_summary(self):
        return {"name": self.name, "code": self.code, "region": self.region}


class CountryTranslation(LabelTranslation):
    """The country's name in another edition's language, e.g. "Brasil"."""

    translated_fields = ("name",)

    country = ParentalKey(Country, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=100, blank=True, help_text="Blank: the English name.")

    panels = [FieldPanel("language"), FieldPanel("name")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["country", "language"], name="unique_country_language")
        ]
