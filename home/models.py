from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from home.blocks import HomeStreamBlock
from home.preview import HeadlessPreviewMixin


class CustomImage(AbstractImage):
    """Wagtail image with the newsroom's metadata: caption, credit, alt text."""

    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Photographer and agency, e.g. 'EFE/Miguel Gutiérrez'.",
    )
    alt_text = models.CharField(
        max_length=500,
        blank=True,
        help_text="Describe the image for readers who cannot see it. Leave empty to use the title.",
    )

    admin_form_fields = Image.admin_form_fields + ("caption", "credit", "alt_text")

    @property
    def default_alt_text(self):
        return self.alt_text or super().default_alt_text


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


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
class Country(index.Indexed, models.Model):
    """A country stories are about. Shared by news (article countries) and directory."""

    name = models.CharField(max_length=100, unique=True)
    code = models.CharField(
        "ISO 3166 code",
        max_length=2,
        unique=True,
        help_text="Two-letter ISO 3166-1 alpha-2 code, e.g. VE.",
    )
    region = models.CharField(max_length=32, choices=Region.choices, blank=True)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("region")]

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


class HomePage(HeadlessPreviewMixin, Page):
    """The site root: a front page editors build from blocks."""

    body = StreamField(
        HomeStreamBlock(),
        blank=True,
        help_text="Build the front page: featured story, section rails, promos and boxes.",
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    promote_panels = [
        MultiFieldPanel(Page.promote_panels, "Common page configuration"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(promote_panels, heading="Promotion"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    search_fields = Page.search_fields

    api_fields = [APIField("body")]

    def get_teaser(self):
        return self.search_description

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"


# Site furniture (markets, most viewed, newsletter, site settings) lives in its own
# modules; importing the models here registers them with the app.
from home.documents import APIDocument, APIDocumentDependency, APIDocumentState  # noqa: E402, F401
from home.markets import Instrument, Quote  # noqa: E402, F401
from home.most_viewed import PageViewCount, ViewCountFlush  # noqa: E402, F401
from home.newsletter import (  # noqa: E402, F401
    Cartoon,
    NewsletterDelivery,
    NewsletterIssue,
    Subscriber,
)
from home.preview import PagePreview  # noqa: E402, F401
from home.scheduling_models import JobRun, WebhookDelivery, WebhookSubscription  # noqa: E402, F401
from home.site_settings import SiteFurniture  # noqa: E402, F401
