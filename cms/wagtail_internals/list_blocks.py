"""``ListBlock`` values built from items whose ids are kept."""

from wagtail.blocks.list_block import ListValue


def list_value(list_block, items):
    """A ``ListBlock`` value from ``(value, id)`` pairs that keeps the stored item ids, without
    ``to_python`` querying the values again: ``ListValue.ListChild`` (undocumented) is the only
    way to give an item its id (``ListValue(values=…)`` makes new ones)."""
    children = [ListValue.ListChild(list_block.child_block, value, id=id) for value, id in items]
    return ListValue(list_block, bound_blocks=children)
