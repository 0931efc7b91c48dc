"""treebeard's materialised paths of pages: a page's parent, children and position read from
its ``path`` alone, without the queries treebeard's public methods make."""

from django.db.models import Value
from django.db.models.functions import Concat, Length, Substr
from wagtail.models import Page

#: Width of one step of a page's tree path (treebeard's ``MP_Node.steplen``, 4 for pages).
_STEPLEN = Page.steplen
#: Digits of a path step, lowest first (treebeard's ``MP_Node.alphabet``: base 36).
_ALPHABET = Page.alphabet


def parent_path(path):
    """The tree path of a page's parent: its own path minus the last ``steplen`` characters
    (treebeard's ``_get_basepath``, private; ``get_parent()`` costs a query)."""
    return path[:-_STEPLEN]


def parent_path_expression(path_expression):
    """``parent_path`` as a query expression (e.g. of ``OuterRef("path")``), for reading each
    page's parent in the query that lists the pages."""
    return Substr(path_expression, 1, Length(path_expression) - _STEPLEN)


def children_path_range(parent_path_expression):
    """``(lowest, highest)`` tree paths of the children of the page at that path (a string or
    a query expression), for a ``path__range`` the path index serves, as treebeard's
    ``get_children`` (which needs the parent loaded first) filters them."""
    first, last = _ALPHABET[0] * _STEPLEN, _ALPHABET[-1] * _STEPLEN
    if isinstance(parent_path_expression, str):
        return parent_path_expression + first, parent_path_expression + last
    return (
        Concat(parent_path_expression, Value(first)),
        Concat(parent_path_expression, Value(last)),
    )


def path_step(position):
    """The last step of the path of a parent's ``position``-th child, as treebeard numbers
    children (``MP_Node._get_path``/``_int2str``, private); ``ValueError`` past the last one."""
    digits = []
    while position:
        position, digit = divmod(position, len(_ALPHABET))
        digits.append(_ALPHABET[digit])
    value = "".join(reversed(digits)) or _ALPHABET[0]
    if len(value) > _STEPLEN:
        raise ValueError(f"a page cannot hold more than {len(_ALPHABET) ** _STEPLEN - 1} children")
    return value.rjust(_STEPLEN, _ALPHABET[0])


def step_position(path):
    """The position among its siblings of the page at ``path`` (the inverse of ``path_step``;
    treebeard's ``_str2int``, private)."""
    return int(path[-_STEPLEN:], len(_ALPHABET))


def cache_parents(pages):
    """Reads the parents of ``pages`` in one query (with their locale) and keeps each where
    treebeard's ``get_parent()`` looks before it queries (``_cached_parent_obj``, private; no
    public setter), for views that call it row by row (the page chooser's search results)."""
    paths = {parent_path(page.path) for page in pages if page.depth > 1}
    parents = {
        parent.path: parent
        for parent in Page.objects.filter(path__in=paths).select_related("locale")
    }
    for page in pages:
        if page.depth > 1 and (parent := parents.get(parent_path(page.path))) is not None:
            page._cached_parent_obj = parent
