"""Front-page building blocks.

Every block serialises itself (``get_api_representation``): a block that
chooses pages returns their teasers (title, frontend URL, teaser, image), not
ids. Widgets whose data lives elsewhere (markets, most viewed, newsletter)
carry only their editorial settings here; the frontend reads the data from
those features' own endpoints, named in ``source`` so the block tells it where.
"""

from wagtail import blocks
from wagtail.models import Page

from home.api import fetch_teasers, rich_text_html, teaser

TEASERS_KEY = "home.teasers"


def _page_id(value):
    return value.pk if isinstance(value, Page) else value


class TeaserContextMixin:
    """Look page teasers up in the per-request batch built by ``StoryStreamBlock``."""

    @staticmethod
    def teasers_for(pages, context):
        context = context if context is not None else {}
        ids = [_page_id(page) for page in pages if page]
        batch = context.get(TEASERS_KEY)
        if batch is None or any(
            pk not in batch and pk not in batch.get("_missing", ()) for pk in ids
        ):
            batch = fetch_teasers(ids)
        return [batch[pk] for pk in ids if pk in batch]


class FeaturedStoryBlock(TeaserContextMixin, blocks.StructBlock):
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


class SectionRailBlock(blocks.StructBlock):
    section = blocks.PageChooserBlock(page_type="news.SectionPage")
    title = blocks.CharBlock(required=False, help_text="Defaults to the section's title.")
    count = blocks.IntegerBlock(default=5, min_value=1, max_value=20)

    class Meta:
        icon = "list-ul"
        label = "Latest from a section"

    def get_api_representation(self, value, context=None):
        section = value["section"]
        if section is None or not section.live:
            return {"section": None, "title": value["title"], "stories": []}
        from news.models import ArticlePage

        articles = list(
            ArticlePage.objects.live()
            .public()
            .descendant_of(section)
            .select_related("lead_image")
            .order_by("-date", "-pk")[: value["count"]]
        )
        from home.api import prefetch_teaser_images

        prefetch_teaser_images(articles)
        return {
            "section": teaser(section),
            "title": value["title"] or section.title,
            "stories": [teaser(article) for article in articles],
        }


class StoryListBlock(TeaserContextMixin, blocks.StructBlock):
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


class PromoBlock(blocks.StructBlock):
    title = blocks.CharBlock(help_text="e.g. What's New at LAHT?")
    body = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])
    link_page = blocks.PageChooserBlock(required=False)
    link_url = blocks.URLBlock(required=False)

    class Meta:
        icon = "doc-full"
        label = "Rich-text promo"

    def get_api_representation(self, value, context=None):
        link = None
        if value["link_page"] is not None and value["link_page"].live:
            link = teaser(value["link_page"].specific)["url"]
        elif value["link_url"]:
            link = value["link_url"]
        return {"title": value["title"], "body": rich_text_html(value["body"].source), "link": link}


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock()
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "link"

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        if not value["page"] and not value["url"]:
            raise StructBlockValidationError(
                block_errors={"url": ValidationError("Choose a page or enter a URL.")}
            )
        return value

    def get_api_representation(self, value, context=None):
        url = value["url"]
        if value["page"] is not None:
            url = teaser(value["page"].specific)["url"] if value["page"].live else None
        return {"label": value["label"], "url": url}


class LinkListBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    links = blocks.ListBlock(LinkBlock())

    class Meta:
        icon = "list-ul"
        label = "Link list"

    def get_api_representation(self, value, context=None):
        links = [LinkBlock().get_api_representation(link, context) for link in value["links"]]
        return {"title": value["title"], "links": [link for link in links if link["url"]]}


RICH_TEXT_KEY = "home.rich_text"
_SPLIT = "<!--herald:block-->"


class StoryStreamBlock(blocks.StreamBlock):
    """A StreamBlock whose API representation costs the same whatever the number of blocks.

    Before serialising children it gathers, across the whole stream, the pages
    chosen by blocks that define ``page_ids(value)`` and the rich text of blocks
    that define ``rich_text_source(value)``, and resolves each kind in one batch
    (teasers in a constant number of queries, internal links in one query).
    """

    def get_api_representation(self, value, context=None):
        if value is None:
            return []
        context = dict(context or {})
        ids = []
        sources = []
        for child in value:
            if hasattr(child.block, "page_ids"):
                ids.extend(child.block.page_ids(child.value))
            if hasattr(child.block, "rich_text_source"):
                sources.append((id(child.value), child.block.rich_text_source(child.value)))
        batch = fetch_teasers(ids)
        batch["_missing"] = {pk for pk in ids if pk not in batch}
        context[TEASERS_KEY] = batch
        if sources:
            expanded = rich_text_html(_SPLIT.join(source for _, source in sources)).split(_SPLIT)
            if len(expanded) == len(sources):
                context[RICH_TEXT_KEY] = {
                    key: html for (key, _), html in zip(sources, expanded, strict=True)
                }
        return [
            {
                "type": child.block_type,
                "id": child.id,
                "value": child.block.get_api_representation(child.value, context),
            }
            for child in value
        ]


class HomeStreamBlock(StoryStreamBlock):
    featured_story = FeaturedStoryBlock()
    section_rail = SectionRailBlock()
    story_list = StoryListBlock()
    markets_box = MarketsBoxBlock()
    most_viewed = MostViewedBlock()
    newsletter_promo = NewsletterPromoBlock()
    promo = PromoBlock()
    link_list = LinkListBlock()
