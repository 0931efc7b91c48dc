from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page

from cms.preview.models import HeadlessPreviewMixin
from cms.publishing.panels import newsroom_settings_panels
from news.layout_blocks import HomeStreamBlock


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


class HomePage(HeadlessPreviewMixin, Page):
    """The site root: a front page editors build from blocks."""

    body = StreamField(
        HomeStreamBlock(),
        blank=True,
        help_text="Build the front page: featured story, section rails, promos and boxes.",
    )

    content_panels = Page.content_panels + [
        FieldPanel(
            "body",
            help_text=(
                "Build the front page: featured story, section rails, promos and boxes. "
                "Stories, rails, promos and links fill the main column in this order; the "
                "boxes (markets, most viewed, newsletter sign-up) always go to the side "
                "column, in their order here, wherever you place them."
            ),
        )
    ]
    promote_panels = [
        MultiFieldPanel(Page.promote_panels, "Common page configuration"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(promote_panels, heading="Promotion"),
            ObjectList(newsroom_settings_panels(), heading="Settings"),
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


# The furniture's models live in their features' packages; importing them here
# registers them with this app.
from home.markets.models import Instrument, Quote  # noqa: E402, F401
from home.most_viewed.models import PageViewCount, ViewCountFlush  # noqa: E402, F401
from home.site_settings.models import SiteFurniture  # noqa: E402, F401
