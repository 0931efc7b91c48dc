"""Layout blocks of front and section pages: chosen stories, section rails, promos, widgets."""

from django.apps import apps
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.delivery.blocks import (
    RAILS_KEY,
    TEASERS_KEY,
    BatchedPageChoosersMixin,
    StoryStreamBlock,
    TeaserContextMixin,
    _page_id,
)
from cms.delivery.rich_text import rich_text_html
from cms.delivery.teasers import prefetch_teaser_images, teaser
from cms.delivery.visibility import is_public, public_pages_under


class FeaturedStoryBlock(BatchedPageChoosersMixin, TeaserContextMixin, blocks.StructBlock):
    page = blocks.PageChooserBlock(help_text="The lead story of the front page.")
    headline = blocks.CharBlock(
        required=False, help_text="Optional headline override for the front page."
    )
    summary = blocks.TextBlock(required=False, help_text="Optional summary override.")

    class Meta:
        icon = "pick"
        label = "Featured story"

    def page_ids(self, value):
        return [_page_id(value["page"])]

    def get_api_representation(self, value, context=None):
        found = self.teasers_for([value["page"]], context)
        story = found[0] if found else None
        if story and value["headline"]:
            story = {**story, "title": value["headline"]}
        if story and value["summary"]:
            story = {**story, "teaser": value["summary"]}
        return {"story": story}


class SectionRailBlock(BatchedPageChoosersMixin, blocks.StructBlock):
    section = blocks.PageChooserBlock(page_type="news.SectionPage")
    title = blocks.CharBlock(required=False, help_text="Defaults to the section's title.")
    count = blocks.IntegerBlock(default=5, min_value=1, max_value=20)

    class Meta:
        icon = "list-ul"
        label = "Latest from a section"

    def stories_queryset(self, value):
        """The rail's stories, newest first (None when the section is not publicly visible)."""
        section = value["section"]
        if section is None or not is_public(section):
            return None
        # Looked up, not imported: the page models import these blocks.
        ArticlePage = apps.get_model("news", "ArticlePage")
        stories = public_pages_under(ArticlePage, section.path, section.depth + 1).all()
        return stories.order_by("-date", "-pk")[: value["count"]]

    def get_api_representation(self, value, context=None):
        section = value["section"]
        stories = self.stories_queryset(value)
        if stories is None:
            return {"section": None, "title": value["title"], "stories": []}
        rails = (context or {}).get(RAILS_KEY, {})
        if id(value) in rails:
            teasers = (context or {}).get(TEASERS_KEY, {})
            found = [teasers[pk] for pk in rails[id(value)] if pk in teasers]
        else:
            articles = list(stories.select_related("lead_image"))
            prefetch_teaser_images(articles)
            found = [teaser(article) for article in articles]
        return {
            "section": teaser(section),
            "title": value["title"] or section.title,
            "stories": found,
        }


class StoryListBlock(BatchedPageChoosersMixin, TeaserContextMixin, blocks.StructBlock):
    title = blocks.CharBlock(required=False)
    stories = blocks.ListBlock(blocks.PageChooserBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        label = "Hand-picked stories"

    def page_ids(self, value):
        return [_page_id(page) for page in value["stories"]]

    def get_api_representation(self, value, context=None):
        return {"title": value["title"], "stories": self.teasers_for(value["stories"], context)}


class MarketsBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(default="Markets")

    class Meta:
        icon = "table"
        label = "Markets box"

    def get_api_representation(self, value, context=None):
        return {"title": value["title"], "source": "/api/v3/markets/"}


class MostViewedBlock(blocks.StructBlock):
    title = blocks.CharBlock(default="Most Viewed")
    period = blocks.ChoiceBlock(
        choices=[("24h", "Last 24 hours"), ("7d", "Last 7 days")], default="24h"
    )
    count = blocks.IntegerBlock(default=5, min_value=1, max_value=20)

    class Meta:
        icon = "pick"
        label = "Most viewed box"

    def get_api_representation(self, value, context=None):
        return {
            "title": value["title"],
            "period": value["period"],
            "count": value["count"],
            "source": f"/api/v3/most-viewed/?period={value['period']}&limit={value['count']}",
        }


class NewsletterPromoBlock(blocks.StructBlock):
    title = blocks.CharBlock(default="Receive Our Daily Headlines")
    text = blocks.TextBlock(
        default=(
            "Enter your email address to subscribe to free headlines (and great cartoons so "
            "every email has a happy ending!) from the Latin American Herald Tribune:"
        )
    )

    class Meta:
        icon = "mail"
        label = "Newsletter promo"

    def get_api_representation(self, value, context=None):
        return {"title": value["title"], "text": value["text"], "source": "/api/v3/newsletter/"}


class PromoBlock(BatchedPageChoosersMixin, TeaserContextMixin, blocks.StructBlock):
    title = blocks.CharBlock(help_text="e.g. What's New at LAHT?")
    body = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])
    link_page = blocks.PageChooserBlock(required=False)
    link_url = blocks.URLBlock(required=False)

    class Meta:
        icon = "doc-full"
        label = "Rich-text promo"

    def page_ids(self, value):
        return [_page_id(value["link_page"])]

    def get_api_representation(self, value, context=None):
        link = None
        if value["link_page"] is not None:
            found = self.teasers_for([value["link_page"]], context)
            link = found[0]["url"] if found else None
        elif value["link_url"]:
            link = value["link_url"]
        return {"title": value["title"], "body": rich_text_html(value["body"].source), "link": link}


class LinkBlock(BatchedPageChoosersMixin, TeaserContextMixin, blocks.StructBlock):
    label = blocks.CharBlock()
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "link"

    def clean(self, value):

        value = super().clean(value)
        if not value["page"] and not value["url"]:
            raise StructBlockValidationError(
                block_errors={"url": ValidationError("Choose a page or enter a URL.")}
            )
        return value

    def get_api_representation(self, value, context=None):
        url = value["url"]
        if value["page"] is not None:
            found = self.teasers_for([value["page"]], context)
            url = found[0]["url"] if found else None
        return {"label": value["label"], "url": url}


class LinkListBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    links = blocks.ListBlock(LinkBlock())

    class Meta:
        icon = "list-ul"
        label = "Link list"

    def page_ids(self, value):
        return [_page_id(link["page"]) for link in value["links"] if link["page"] is not None]

    def get_api_representation(self, value, context=None):
        link_block = self.child_blocks["links"].child_block
        links = [link_block.get_api_representation(link, context) for link in value["links"]]
        return {"title": value["title"], "links": [link for link in links if link["url"]]}


class HomeStreamBlock(StoryStreamBlock):
    featured_story = FeaturedStoryBlock()
    section_rail = SectionRailBlock()
    story_list = StoryListBlock()
    markets_box = MarketsBoxBlock()
    most_viewed = MostViewedBlock()
    newsletter_promo = NewsletterPromoBlock()
    promo = PromoBlock()
    link_list = LinkListBlock()
