"""The language of a story taken from the desk. With more than one locale (Wagtail's
``Locale``), the editor chooses the draft's: the item's own language is offered first, so
EFE's Spanish copy goes to the Spanish edition unless the editor makes it the source of a
story in another language. A draft lives in the section's translation in that locale."""

from wagtail.models import Locale

from news.models import SectionPage
from news.wires.models import WireItem


def offered_locales() -> list[Locale]:
    """The locales to choose from; none when the site has only one."""
    locales = list(Locale.objects.order_by("language_code"))
    return locales if len(locales) > 1 else []


def suggested_locale(item: WireItem, locales: list[Locale]) -> Locale | None:
    """The locale of the item's language (``es`` for ``es-VE`` too), else the default."""
    language = item.language.lower()
    for candidate in (language, language.split("-")[0]):
        for locale in locales:
            if candidate and locale.language_code.lower() == candidate:
                return locale
    return Locale.get_default() if locales else None


def section_in(section: SectionPage, locale: Locale) -> SectionPage | None:
    """The section's version in ``locale`` (itself when it is in that locale), if any."""
    if section.locale_id == locale.pk:
        return section
    translation = section.get_translation_or_none(locale)
    return translation.specific if translation is not None else None
