"""The reader-facing words of each edition: gettext catalogues compiled by Babel.

Templates mark strings with ``{% trans %}`` / ``_()`` (Jinja2's i18n extension); Python
code marks them with ``N_`` where they are defined and translates them with ``gettext``
where the locale is known. The catalogues live in ``frontend/locale/<locale>/LC_MESSAGES``
(``messages.po`` edited, ``messages.mo`` compiled by ``make messages`` and committed);
English is the source language and needs no catalogue.
"""

import functools
from pathlib import Path

from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def N_(message: str) -> str:  # noqa: N802 (the gettext convention extractors look for)
    """Marks a string for extraction; it is translated where it is shown."""
    return message


@functools.cache
def translations(locale: str) -> NullTranslations:
    """The compiled catalogue of ``locale``; the messages themselves when it has none."""
    return Translations.load(str(LOCALE_DIR), [locale], DOMAIN)


def gettext(locale: str, message: str) -> str:
    return translations(locale).gettext(message)
