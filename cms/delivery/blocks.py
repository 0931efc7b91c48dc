"""Front-page building blocks.

Every block serialises itself (``get_api_representation``): a block that
chooses pages returns their teasers (title, frontend URL, teaser, image), not
ids. Widgets whose data lives elsewhere (markets, most viewed, newsletter)
carry only their editorial settings here; the frontend reads the data from
those features' own endpoints, named in ``source`` so the block tells it where.
"""

import copy

from django.db import connections
from django.db.models import Q
from wagtail import blocks
from wagtail.models import Page

from cms.delivery.batch import current_batch
from cms.delivery.rich_text import expand_rich_texts
from cms.delivery.teasers import fetch_teasers, prefetch_teaser_images, teaser
from cms.wagtail_internals.list_blocks import list_value

TEASERS_KEY = "home.teasers"
RAILS_KEY = "home.rails"


def _page_id(value):
    return value.pk if isinstance(value, Page) else value


class BatchedPageChoosersMixin:
    """A StructBlock whose page choosers take their pages from the API request's batch.

    ``cms.delivery.api`` loads every page a batch of API pages points at in one go; when
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
                    children.append((page, item_id))
                struct[name] = list_value(block, children)
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


RICH_TEXT_KEY = "cms.delivery.rich_text"


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
            sources = []  # expanded already, for every page of the request (cms.delivery.api)
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
