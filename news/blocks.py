"""Article body blocks. Each serialises itself for the API."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from home.api import fetch_teasers, rich_text_html
from home.images import serialize_image

BODY_FEATURES = ["bold", "italic", "link", "document-link", "ul", "ol", "superscript", "subscript"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=BODY_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"

    def get_api_representation(self, value, context=None):
        return rich_text_html(value.source)


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
    image = ImageChooserBlock()
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


class RelatedStoryBlock(blocks.StructBlock):
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

    def get_api_representation(self, value, context=None):
        page = value["page"]
        found = fetch_teasers([page.pk]) if page else {}
        return {"label": value["label"], "story": found.get(page.pk) if page else None}


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    embed = ArticleEmbedBlock()
    related_story = RelatedStoryBlock()
