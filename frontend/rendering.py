"""Templates: the Jinja environment, display filters and the block-partial registry.

Every StreamField block the API returns is ``{"type", "id", "value"}``;
``BLOCK_PARTIALS`` maps its type to a partial under ``templates/blocks/``. An
unknown block type renders nothing and logs a warning, so editors adding a
block in the CMS never break the public site.
"""

import json
import logging
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from frontend import locales
from frontend.messages import translations
from frontend.settings import Settings

logger = logging.getLogger("frontend.rendering")

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

# StreamField block type -> partial. Home/section blocks and article body blocks.
BLOCK_PARTIALS = {
    # home.blocks.HomeStreamBlock
    "featured_story": "blocks/featured_story.html",
    "section_rail": "blocks/section_rail.html",
    "story_list": "blocks/story_list.html",
    "markets_box": "blocks/markets_box.html",
    "most_viewed": "blocks/most_viewed.html",
    "newsletter_promo": "blocks/newsletter_promo.html",
    "promo": "blocks/promo.html",
    "link_list": "blocks/link_list.html",
    # news.blocks.ArticleBodyBlock
    "paragraph": "blocks/paragraph.html",
    "heading": "blocks/heading.html",
    "quote": "blocks/quote.html",
    "image": "blocks/image.html",
    "embed": "blocks/embed.html",
    "related_story": "blocks/related_story.html",
}

# Widths of the named renditions that keep the original's aspect ratio.
SRCSET_RENDITIONS = ("small", "medium", "large")


def parse_datetime(value: object) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def url_path(url: str | None) -> str:
    """The path (and query) of a URL, so links stay on this site whatever its host."""
    if not url:
        return ""
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def page_path(page: Mapping[str, Any] | None) -> str:
    """Path of an API page or teaser: ``html_path``, else the path of ``meta.html_url``."""
    if not page:
        return ""
    if page.get("html_path"):
        return str(page["html_path"])
    meta = page.get("meta") or {}
    return url_path(meta.get("html_url") or page.get("url") or "")


def srcset(image: Mapping[str, Any] | None, names: Iterable[str] = SRCSET_RENDITIONS) -> str:
    renditions = (image or {}).get("renditions") or {}
    parts = [
        f"{renditions[name]['url']} {renditions[name]['width']}w"
        for name in names
        if name in renditions and renditions[name].get("url")
    ]
    return ", ".join(parts)


def rendition(
    image: Mapping[str, Any] | None,
    name: str,
    fallback: Iterable[str] = ("medium", "small", "large", "thumbnail"),
) -> dict[str, Any] | None:
    renditions = (image or {}).get("renditions") or {}
    for candidate in (name, *fallback):
        if candidate in renditions:
            found: dict[str, Any] = renditions[candidate]
            return found
    return None


def number(value: object, locale: str) -> str:
    """A decimal as the API gives it ("81.20"), written the locale's way ("81,20"), with
    the same number of decimals; anything that is not a number is shown as it is."""
    try:
        parsed = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not parsed.is_finite():
        return str(value)
    exponent = parsed.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(parsed, format=pattern, locale=locale)


def make_environment(settings: Settings, locale: str = locales.DEFAULT_LOCALE) -> Environment:
    """The templates of one edition: its catalogue, its date and number formats, its links."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(locale), newstyle=True)  # type: ignore[attr-defined]
    zone = ZoneInfo(settings.time_zone)
    editions = settings.editions

    def local(value: object) -> datetime | None:
        parsed = parse_datetime(value)
        return parsed.astimezone(zone) if parsed else None

    # CLDR's full, medium and long dates: "Friday, December 4, 2026" / "viernes, 4 de
    # diciembre de 2026", "Dec 4, 2026" / "4 dic 2026", "December 4, 2026" / "4 de diciembre
    # de 2026".
    def date_long(value: object) -> str:
        parsed = local(value)
        return format_date(parsed, "full", locale=locale) if parsed else ""

    def date_short(value: object) -> str:
        parsed = local(value)
        return format_date(parsed, "medium", locale=locale) if parsed else ""

    def date_only(value: object) -> str:
        parsed = parse_datetime(value)
        return format_date(parsed, "long", locale=locale) if parsed else ""

    def iso(value: object) -> str:
        parsed = parse_datetime(value)
        return parsed.isoformat() if parsed else ""

    def rfc822(value: object) -> str:
        parsed = parse_datetime(value)
        return format_datetime(parsed.astimezone(UTC), usegmt=True) if parsed else ""

    def w3c_date(value: object) -> str:
        parsed = parse_datetime(value)
        return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if parsed else ""

    def json_ld(value: object) -> Markup:
        # Safe inside <script>: no "</" can close the element early.
        text = json.dumps(value, ensure_ascii=False, indent=None)
        safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return Markup(safe)  # noqa: S704 (escaped above for a <script> element)

    def absolute(path: str | None) -> str:
        if not path:
            return editions.base_url(locale) + "/"
        if "://" in path:
            return path
        return editions.absolute(("" if path.startswith("/") else "/") + path)

    @pass_context
    def render_block(context: Context, block: object, **extra: Any) -> Markup:
        if not isinstance(block, dict):
            return Markup("")
        block_type = block.get("type")
        template_name = BLOCK_PARTIALS.get(block_type) if isinstance(block_type, str) else None
        if template_name is None:
            logger.warning("No partial for block type %r: rendering nothing", block_type)
            return Markup("")
        template = context.environment.get_template(template_name)
        variables = {
            "heading_level": 2,
            **context.get_all(),
            **extra,
            "block": block,
            "value": block.get("value"),
        }
        return Markup(template.render(variables))  # noqa: S704 (autoescaped template output)

    env.filters.update(
        date_long=date_long,
        date_short=date_short,
        date_only=date_only,
        iso=iso,
        rfc822=rfc822,
        w3c_date=w3c_date,
        json_ld=json_ld,
        srcset=srcset,
        path=lambda page: editions.link(page_path(page)),
        url_path=url_path,
        absolute=absolute,
        link=editions.link,
        number=lambda value: number(value, locale),
    )
    env.globals.update(
        render_block=render_block,
        rendition=rendition,
        settings=settings,
        site_url=settings.site_url,
        locale=locale,
        og_locale=locales.OG_LOCALES[locale],
        og_locales=locales.OG_LOCALES,
        # A path of this edition ("/search/" → "/es/search/"), as a link.
        url=lambda path: editions.link(locales.prefix(locale) + path),
    )
    # The shared macros (teasers, pictures, boxes), available to every template as ``m``.
    env.globals["m"] = env.get_template("macros.html").module
    return env
