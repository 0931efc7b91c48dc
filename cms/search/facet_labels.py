"""Facets a frontend can show as they come: each value with the filter value that narrows the
search to it, a label, and its count.

Sections are labelled here (their titles: a story's section is in the story's language).
Plugins label the facets they add (``SEARCH_FACETS``) through the ``SEARCH_FACET_LABELS``
hook: a function answering ``{facet name: lookup}``, where ``lookup(ids, language)`` answers
``{id: (filter value, label)}`` in one query; ids it does not answer (an author since
deleted) are left out of the answer.
"""

from collections.abc import Callable

from django.conf import settings as django_settings
from wagtail import hooks
from wagtail.models import Page

SEARCH_FACET_LABELS = "search_facet_labels"
#: Values shown per facet (the most frequent); every year is shown.
FACET_VALUES = 20

Lookup = Callable[[list[str], str], dict[str, tuple[str, str]]]


def section_labels(ids: list[str], language: str) -> dict[str, tuple[str, str]]:
    pages = Page.objects.filter(pk__in=[int(pk) for pk in ids]).values_list("pk", "title")
    return {str(pk): (str(pk), title) for pk, title in pages}


def lookups() -> dict[str, Lookup]:
    found: dict[str, Lookup] = {"section": section_labels}
    for hook in hooks.get_hooks(SEARCH_FACET_LABELS):
        found.update(hook())
    return found


def answer_language(request) -> str:
    """The language labels are read in: the answer's ``?locale=``, else the site's default."""
    return request.GET.get("locale") or django_settings.LANGUAGE_CODE.split("-")[0]


def labelled(facets: dict[str, dict[str, int]], language: str) -> dict[str, list[dict]]:
    """``{"section": [{"value", "label", "count"}, …], "year": […], …}``: by count (then
    label), years newest first; one query per labelled facet."""
    known = lookups()
    answer: dict[str, list[dict]] = {}
    for name, counts in facets.items():
        if name == "year":
            years = sorted(counts.items(), key=lambda item: int(item[0]), reverse=True)
            answer[name] = [{"value": y, "label": y, "count": n} for y, n in years]
            continue
        best = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:FACET_VALUES]
        lookup = known.get(name)
        if lookup is None:
            labels = {pk: (pk, pk) for pk, _ in best}
        else:
            labels = lookup([pk for pk, _ in best], language) if best else {}
        values = [
            {"value": labels[pk][0], "label": labels[pk][1], "count": n}
            for pk, n in best
            if pk in labels
        ]
        answer[name] = sorted(values, key=lambda value: (-value["count"], value["label"]))
    return answer
