"""Front-page building blocks.

Every block serialises itself (``get_api_representation``): a block that
chooses pages returns their teasers (title, frontend URL, teaser, image), not
ids. Widgets whose data lives elsewhere (markets, most viewed, newsletter)
carry only their editorial settings here; the frontend reads the data from
those features' own endpoints, named in ``source`` so the block tells it where.
"""

import copy

from wagtail import blocks
from wagtail.models import Page

from cms.delivery.visibility import is_public, public_pages
from home.api import (
    current_batch,
    expand_rich_texts,
    fetch_teasers,
    prefetch_teaser_images,
    rich_text_html,
    teaser,
)

TEASERS_KEY = "home.teasers"
RAILS_KEY = "home.rails"


def _page_id(value):
    return value.pk if isinstance(value, Page) else value


class BatchedPageChoosersMixin:
    """A StructBlock whose page choosers take their pages from the API request's batch.

    ``cms.api`` loads every page a batch of API pages points at in one go; when
    all pages of these values are there, building the values costs no query.
    """

    def bulk_to_python(self, values):
        batch = current_batch()
        pages = batch["pages"] if batch is not None else {}
        choosers = {
            name: block
            for name, block in self.child_blocks.items()
            if isinstance(block, blocks.PageChooserBlock)
        }
        lists = {
            name: block
            for name, block in self.child_blocks.items()
            if isinstance(block, blocks.ListBlock)
            and isinstance(block.child_block, blocks.PageChooserBlock)
        }

        def loaded(pk, block):
            return pk is None or isinstance(pages.get(pk), block.target_model)

        if (
            not pages
            or not all(loaded(v.get(name), b) for v in values for name, b in choosers.items())
            or not all(
                loaded(_list_item(item)[0], b.child_block)
                for v in values
                for name, b in lists.items()
                for item in v.get(name) or []
            )
        ):
            return super().bulk_to_python(values)
        skip = choosers.keys() | lists.keys()
        result = super().bulk_to_python(
            [{name: v for name, v in value.items() if name not in skip} for value in values]
        )
        for struct, value in zip(result, values, strict=True):
            for name in choosers:
                pk = value.get(name)
                struct[name] = copy.copy(pages[pk]) if pk is not None else None
            for name, block in lists.items():
                if name not in value:
                    continue
                children = []
                for item in value[name]:
                    pk, item_id = _list_item(item)
                    page = copy.copy(pages[pk]) if pk is not None else None
                    children.append(
                        blocks.list_block.ListValue.ListChild(block.child_block, page, id=item_id)
                    )
                struct[name] = blocks.list_block.ListValue(block, bound_blocks=children)
        return result


def _list_item(item):
    """(value, id) of a stored ListBlock item, in the current or the legacy format."""
    if isinstance(item, dict) and "value" in item and item.get("type") == "item":
        return item["value"], item.get("id")
    return item, None


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
        from news.models import ArticlePage

        return public_pages(ArticlePage.objects.descendant_of(section)).order_by("-date", "-pk")[
            : value["count"]
        ]

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
        if value["link_page"] is not None and is_public(value["link_page"]):
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
            url = teaser(value["page"].specific)["url"] if is_public(value["page"]) else None
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
        rails, rail_teasers = self.rail_stories(value)
        context[RAILS_KEY] = rails
        batch = fetch_teasers(ids)
        batch.update(rail_teasers)
        batch["_missing"] = {pk for pk in ids if pk not in batch}
        context[TEASERS_KEY] = batch
        request_batch = current_batch()
        if request_batch is not None and all(
            source in request_batch["rich_text"] for _, source in sources
        ):
            sources = []  # expanded already, for every page of the request (cms.api)
        if sources:
            expanded = expand_rich_texts([source for _, source in sources])
            if expanded is not None:
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

    @staticmethod
    def rail_stories(value):
        """Every rail's stories (blocks with ``stories_queryset``) in one query, and their teasers.

        Each rail's stories are the first ``count`` of its section in the
        rail's own order; taken from the union of all rails sorted the same
        way, a rail's first ``count`` members under its section are the same.
        Returns ``({id(rail value): [story ids]}, {story id: teaser})``.
        """
        rails = []
        for child in value:
            if hasattr(child.block, "stories_queryset"):
                stories = child.block.stories_queryset(child.value)
                if stories is not None:
                    rails.append((child.value, stories))
        if not rails:
            return {}, {}
        from django.db import connections
        from django.db.models import Q

        model = rails[0][1].model
        rail_ids = [stories.values("pk") for _, stories in rails]
        if connections[model.objects.db].features.supports_slicing_ordering_in_compound:
            # One list of ids (UNION ALL of each rail's newest) for PostgreSQL to look up;
            # an OR of IN-subqueries made it filter all 100 000 stories (~55 ms).
            any_rail = Q(pk__in=rail_ids[0].union(*rail_ids[1:], all=True))
        else:  # SQLite: no LIMIT inside a UNION
            any_rail = Q()
            for ids in rail_ids:
                any_rail |= Q(pk__in=ids)
        articles = list(model.objects.filter(any_rail).order_by("-date", "-pk"))
        prefetch_teaser_images(articles)
        found = {}
        for rail, _ in rails:
            prefix = rail["section"].path
            members = [a.pk for a in articles if a.path.startswith(prefix) and a.path != prefix]
            found[id(rail)] = members[: rail["count"]]
        return found, {article.pk: teaser(article) for article in articles}


class HomeStreamBlock(StoryStreamBlock):
    featured_story = FeaturedStoryBlock()
    section_rail = SectionRailBlock()
    story_list = StoryListBlock()
    markets_box = MarketsBoxBlock()
    most_viewed = MostViewedBlock()
    newsletter_promo = NewsletterPromoBlock()
    promo = PromoBlock()
    link_list = LinkListBlock()
