"""Filters of the pages endpoint that run inside the listing's own queries."""

from django.core.exceptions import ValidationError
from django.db.models import (
    Subquery,
)
from wagtail.api.v2.filters import ChildOfFilter, FieldsFilter, LocaleFilter
from wagtail.api.v2.utils import BadRequestError

from cms.delivery.locales import checked_language, in_language
from cms.wagtail_internals.tree import children_path_range


class BatchedChildOfFilter(ChildOfFilter):
    """``?child_of=<id>`` inside the listing's own queries, without looking the parent up first.

    Wagtail reads the parent page, then filters on its path and depth. Here
    the parent's path and depth are subqueries of the count and page queries
    (a path range, as treebeard's ``get_children``, so the path index serves
    it), and the parent comes with the pages the listing points at
    (``prefetch_for_api``). A parent that does not exist or is not visible
    still answers 400: an empty page checks it (``HeraldPagesAPIViewSet``).
    Searches, ``child_of=root`` and the combination with ``descendant_of``
    (a 400 in Wagtail) go through Wagtail's filter.
    """

    def filter_queryset(self, request, queryset, view):
        value = request.GET.get("child_of")
        if value is None or "search" in request.GET or "descendant_of" in request.GET:
            return super().filter_queryset(request, queryset, view)
        try:
            parent_id = int(value)
        except ValueError:
            return super().filter_queryset(request, queryset, view)  # "root" or a 400
        if parent_id < 0:
            return super().filter_queryset(request, queryset, view)
        parent = view.get_base_queryset().filter(pk=parent_id)
        path = Subquery(parent.values("path")[:1])
        view.child_of_id = parent_id
        return queryset.filter(
            path__range=children_path_range(path),
            depth=Subquery(parent.values("depth")[:1]) + 1,
        )


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filters (``?first_published_at=``), with a value the field cannot hold
    (``abc`` for a date) answered as Wagtail answers other bad values: a 400 with a message.

    Wagtail converts booleans, integers and keys itself and lets the model field convert
    the rest, whose ``ValidationError`` it does not catch.
    """

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except ValidationError as e:
            raise BadRequestError("field filter error. " + " ".join(e.messages)) from e


class CheckedLocaleFilter(LocaleFilter):
    """``?locale=es``: pages of one content language, a locale that is not one a 400 (Wagtail
    answers its "No Locale matches" 404, which reads as a missing page), with no query of
    its own (the locale's id is known to the process)."""

    def filter_queryset(self, request, queryset, view):
        if "locale" not in request.GET:
            return queryset
        try:
            language_code = checked_language(request.GET["locale"] or None)
        except ValueError as e:
            raise BadRequestError(str(e)) from e
        return in_language(queryset, language_code)


CHECKED = {FieldsFilter: CheckedFieldsFilter, LocaleFilter: CheckedLocaleFilter}


def checked_backends(backends):
    """Wagtail's filter backends with the checked ones in their place."""
    return [CHECKED.get(backend, backend) for backend in backends]
