"""``ListBlock`` values with kept ids, as ``cms.wagtail_internals.list_blocks`` makes them."""

import pytest
from wagtail.blocks import ListBlock, PageChooserBlock

from cms.wagtail_internals import list_blocks as internals
from news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_list_value_is_what_list_block_to_python_makes_of_the_same_items_and_ids(section):
    stories = [ArticlePageFactory(parent=section) for _ in range(2)]
    block = ListBlock(PageChooserBlock())
    raw = [{"type": "item", "value": story.pk, "id": f"item-{story.pk}"} for story in stories]
    expected = block.to_python(raw)
    ours = internals.list_value(block, [(story, f"item-{story.pk}") for story in stories])
    assert [child.id for child in ours.bound_blocks] == [f"item-{s.pk}" for s in stories]
    assert [child.id for child in ours.bound_blocks] == [c.id for c in expected.bound_blocks]
    assert [page.pk for page in ours] == [page.pk for page in expected]
    assert block.get_prep_value(ours) == block.get_prep_value(expected) == raw
