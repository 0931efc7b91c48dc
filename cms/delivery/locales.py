"""The site's editions: one root page per content language (the site's root page and its
translations), each read under its public path prefix (``/`` for the default language,
``/es/`` for Spanish), and which locales a request may ask for (docs/i18n.md)."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.delivery.generation import api_cache_generation


@dataclass(frozen=True)
class Edition:
    """A locale's root page in a site: tree position, ``url_path`` and public path prefix."""

    language_code: str
    path: str
    depth: int
    url_path: str
    prefix: str


def default_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def path_prefix(language_code: str) -> str:
    """``/`` for the default language, ``/<code>/`` for the others (``i18n_patterns`` in the
    root URLs without a prefix for the default language)."""
    return "/" if language_code == default_language() else f"/{language_code}/"


_editions: dict[int, tuple[object, tuple[Edition, ...]]] = {}
_locale_ids: dict[str, tuple[object, int | None]] = {}


def editions(site: Site) -> tuple[Edition, ...]:
    """The site's editions, the default language's first: read once per process, site and
    API cache generation (publishing a translation of the home page, or changing a site,
    bumps it)."""
    generation = api_cache_generation()
    known = _editions.get(site.pk)
    if known is not None and known[0] == generation:
        return known[1]
    root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    rows = Page.objects.filter(translation_key__in=root_key).values_list(
        "pk", "path", "depth", "url_path", "locale__language_code"
    )
    found = sorted(
        (
            (pk != site.root_page_id, Edition(code, path, depth, url_path, path_prefix(code)))
            for pk, path, depth, url_path, code in rows
        ),
        key=lambda row: (row[0], row[1].language_code),
    )
    result = tuple(edition for _, edition in found)
    _editions[site.pk] = (generation, result)
    return result


def edition_for_path(site: Site, components: list[str]) -> tuple[Edition | None, list[str]]:
    """The edition a public path (split into its segments) is in, and the segments below
    that edition's root: ``["es", "mundo"]`` is ``mundo`` in the Spanish edition."""
    found = editions(site)
    if components:
        for edition in found:
            if edition.prefix == f"/{components[0]}/":
                return edition, components[1:]
    default = next((e for e in found if e.prefix == "/"), found[0] if found else None)
    return default, components


def checked_language(value: str | None) -> str:
    """A content language asked for by ``?locale=`` (default: the site's default language);
    anything else is a ``ValueError`` naming the choices."""
    if value is None or value == "":
        return default_language()
    languages = dict(get_content_languages())
    if value not in languages:
        raise ValueError("locale must be one of: " + ", ".join(languages))
    return value


def locale_id(language_code: str) -> int | None:
    """The id of a content language's ``Locale`` row, read once per process and generation."""
    generation = api_cache_generation()
    known = _locale_ids.get(language_code)
    if known is not None and known[0] == generation:
        return known[1]
    found = Locale.objects.filter(language_code=language_code).values_list("pk", flat=True)
    pk = found.first()
    _locale_ids[language_code] = (generation, pk)
    return pk


def in_language(queryset: QuerySet, language_code: str) -> QuerySet:
    """``queryset`` (pages or translatable snippets) narrowed to one content language; as it
    is on a site without Wagtail i18n (a plugin host with one locale, named after its
    LANGUAGE_CODE)."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return queryset
    return queryset.filter(locale_id=locale_id(language_code))


def forget_editions() -> None:
    _editions.clear()
    _locale_ids.clear()
