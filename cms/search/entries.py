"""What a page's search entry holds: its weighted texts, language, date, section and facets.

The texts come from the page type's ``search_fields`` (the same declaration Wagtail's
backends read): ``title`` is weighted A, a field with ``boost`` above 1 (a story's deck)
B, every other searchable field C. Plugins add facet values (authors, countries) through
the ``SEARCH_FACETS`` hook: a function of a page answering ``{"author": [ids], ...}``.
"""

from collections.abc import Iterable, Iterator
from operator import attrgetter

from django.db import connection
from django.db.models import Manager
from django.utils.encoding import force_str
from wagtail import hooks
from wagtail.models import Page
from wagtail.search import index

from cms.search import freshness
from cms.search.conf import settings
from cms.search.models import SearchEntry

SEARCH_FACETS = "search_facets"


def text_config(language_code: str) -> str:
    """The PostgreSQL text search configuration for a language (``SEARCH_CONFIGS``)."""
    configs = settings.SEARCH_CONFIGS
    return configs.get(language_code) or configs.get(language_code.split("-")[0], "simple")


def plain(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(plain(item) for item in value.values())
    return "" if value is None else force_str(value)


def own_weight(field: index.SearchField) -> str:
    return "A" if field.field_name == "title" else "B" if (field.boost or 1) > 1 else "C"


def field_texts(
    obj: object, fields: Iterable, weight: str | None = None
) -> Iterator[tuple[str, str]]:
    for field in fields:
        if isinstance(field, index.SearchField):
            yield plain(field.get_value(obj)), weight or own_weight(field)
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            # In id order: the database hands prefetched rows (tags) back in any order, and
            # a page's words should not move between two indexings of the same content.
            objs = (
                sorted(related.all(), key=attrgetter("pk"))
                if isinstance(related, Manager)
                else [related]
            )
            for sub in objs:
                yield from field_texts(sub, field.fields, weight or "C")


def weight_plan(
    fields: Iterable, prefix: str = "", weight: str | None = None
) -> Iterator[tuple[str, str]]:
    """``(source, weight)`` in the order ``field_texts`` reads them (``"tags.name"`` for a
    related field): what a bulk loader must supply to build the same texts."""
    for field in fields:
        if isinstance(field, index.SearchField):
            yield prefix + field.field_name, weight or own_weight(field)
        elif isinstance(field, index.RelatedFields):
            yield from weight_plan(field.fields, f"{prefix}{field.field_name}.", weight or "C")


def page_texts(page: Page) -> list[tuple[str, str]]:
    """``[(text, weight)]`` of a specific page's searchable fields, empty texts left out."""
    texts = field_texts(page, page.get_search_fields())
    return [(text.strip(), weight) for text, weight in texts if text.strip()]


def weighted_texts(texts: list[tuple[str, str]]) -> dict[str, str]:
    """``{"A": "…", "B": "…", "C": "…"}``: highlights (and ranking on SQLite) read these."""
    joined: dict[str, list[str]] = {}
    for text, weight in texts:
        joined.setdefault(weight, []).append(text)
    return {weight: "\n".join(parts) for weight, parts in sorted(joined.items())}


def page_facets(page: Page) -> dict[str, list[int]]:
    facets: dict[str, list[int]] = {}
    for hook in hooks.get_hooks(SEARCH_FACETS):
        facets.update(hook(page))
    return facets


VECTOR_SQL = (
    "UPDATE cms_search_entry SET vector ="
    " setweight(to_tsvector(%s::regconfig, %s), 'A')"
    " || setweight(to_tsvector(%s::regconfig, %s), 'B')"
    " || setweight(to_tsvector(%s::regconfig, %s), 'C')"
    " WHERE page_id = %s"
)
FIELDS = ("content_type", "config", "first_published_at", "year", "section", "facets", "texts")


def entry(page: Page, section: int | None) -> SearchEntry:
    published = page.first_published_at
    return SearchEntry(
        page_id=page.pk,
        content_type_id=page.content_type_id,
        config=text_config(page.locale.language_code),
        first_published_at=published,
        year=published.year if published else None,
        section=section,
        facets=page_facets(page),
        texts=weighted_texts(page_texts(page)),
    )


def store(page: Page) -> None:
    """Write (or replace) the entry of a live specific page."""
    store_many([page])


def parent_path(page: Page) -> str:
    """The tree path of the page's parent (each level adds a step of equal length)."""
    return page.path[: len(page.path) // page.depth * (page.depth - 1)]


def store_many(pages: list[Page]) -> None:
    """Write (or replace) the entries of live specific pages: three queries (and the change
    counter's)."""
    if not pages:
        return
    parents = dict(
        Page.objects.filter(path__in={parent_path(page) for page in pages}).values_list(
            "path", "pk"
        )
    )
    rows = [entry(page, parents.get(parent_path(page))) for page in pages]
    SearchEntry.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["page"], update_fields=FIELDS
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.executemany(
                VECTOR_SQL,
                [
                    (
                        *(
                            value
                            for weight in "ABC"
                            for value in (row.config, row.texts.get(weight, ""))
                        ),
                        row.page_id,
                    )
                    for row in rows
                ],
            )
    freshness.changed()


def remove(page_ids: Iterable[int]) -> None:
    if SearchEntry.objects.filter(page_id__in=list(page_ids)).delete()[0]:
        freshness.changed()
