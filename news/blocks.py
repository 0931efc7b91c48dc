"""Article body blocks. Each serialises itself for the API."""

import copy

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.delivery.blocks import (
    RICH_TEXT_KEY,
    BatchedPageChoosersMixin,
    StoryStreamBlock,
    TeaserContextMixin,
)
from cms.delivery.images import serialize_image
from cms.delivery.rich_text import rich_text_html
from cms.delivery.teasers import load_images

BODY_FEATURES = ["bold", "italic", "link", "document-link", "ul", "ol", "superscript", "subscript"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=BODY_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"

    def rich_text_source(self, value):
        return value.source

    def get_api_representation(self, value, context=None):
        expanded = (context or {}).get(RICH_TEXT_KEY, {})
        if id(value) in expanded:
            return expanded[id(value)]
        return rich_text_html(value.source)


class RenditionImageChooserBlock(ImageChooserBlock):
    """Loads every image of a stream in one query, with its named renditions."""

    def bulk_to_python(self, values):
        images = load_images(values)  # shared by the pages of an API request (cms.delivery.api)
        result, seen = [], set()
        for value in values:
            image = images.get(value)
            # The same image twice in a stream gets distinct instances, as in Wagtail.
            result.append(copy.copy(image) if image is not None and value in seen else image)
            seen.add(value)
        return result


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock()
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2")

    class Meta:
        icon = "title"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(
        required=False, help_text="Who said it, e.g. 'Kremlin statement'."
    )

    class Meta:
        icon = "openquote"


class ImageBlock(blocks.StructBlock):
    image = RenditionImageChooserBlock()
    caption = blocks.CharBlock(required=False, help_text="Defaults to the image's caption.")
    credit = blocks.CharBlock(required=False, help_text="Defaults to the image's credit.")
    alt = blocks.CharBlock(required=False, help_text="Defaults to the image's alt text.")

    class Meta:
        icon = "image"

    def get_api_representation(self, value, context=None):
        return serialize_image(
            value["image"], caption=value["caption"], credit=value["credit"], alt=value["alt"]
        )


class ArticleEmbedBlock(blocks.StructBlock):
    url = EmbedBlock(help_text="A YouTube, X/Twitter, Vimeo… URL.")
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "media"
        label = "Embed"

    def get_api_representation(self, value, context=None):
        embed = value["url"]
        return {"url": embed.url if embed else None, "caption": value["caption"]}


class RelatedStoryBlock(BatchedPageChoosersMixin, TeaserContextMixin, blocks.StructBlock):
    page = blocks.PageChooserBlock(page_type="news.ArticlePage")
    label = blocks.CharBlock(required=False, default="Related")

    class Meta:
        icon = "link"
        label = "Related story"

    def clean(self, value):
        value = super().clean(value)
        if value["page"] is None:
            raise ValidationError("Choose a story.")
        return value

    def page_ids(self, value):
        return [value["page"].pk] if value["page"] else []

    def get_api_representation(self, value, context=None):
        found = self.teasers_for([value["page"]], context)
        return {"label": value["label"], "story": found[0] if found else None}


class ArticleBodyBlock(StoryStreamBlock):
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    embed = ArticleEmbedBlock()
    related_story = RelatedStoryBlock()
