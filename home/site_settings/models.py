"""Site furniture settings: navigation, footer, social links, "What's new", newsletter blurb.

Editors change them under Settings ▸ Site furniture; ``GET /api/v3/site/``
serves them in one cacheable response (:func:`site_payload`).

Per edition (``?locale=es``): the site's settings are one row per site (Wagtail's site
settings), with a "Translations" tab of per-language texts (:class:`FurnitureTranslation`:
footer, "What's new" label, newsletter texts) that replace the default language's where
filled in. Links to pages follow the edition: each page is replaced by its public
translation in that language, labelled with its title (pages without one are left out).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from cms.delivery.locales import default_language, locale_id
from cms.delivery.paths import frontend_url, page_path
from cms.delivery.visibility import public_pages

DEFAULT_COPYRIGHT = "Copyright Latin American Herald Tribune - 2005-2026 © All rights reserved"
DEFAULT_NEWSLETTER_BLURB = (
    "Enter your email address to subscribe to free headlines (and great cartoons so every "
    "email has a happy ending!) from the Latin American Herald Tribune:"
)
DEFAULT_CONSENT_TEXT = (
    "Send me the Latin American Herald Tribune's daily headlines by email. I can unsubscribe "
    "at any time with the link at the bottom of every email."
)

SOCIAL_PLATFORMS = [
    ("facebook", "Facebook"),
    ("x", "X (Twitter)"),
    ("instagram", "Instagram"),
    ("youtube", "YouTube"),
    ("linkedin", "LinkedIn"),
    ("tiktok", "TikTok"),
    ("whatsapp", "WhatsApp"),
    ("telegram", "Telegram"),
    ("rss", "RSS feed"),
    ("other", "Other"),
]


class _LinkTargetMixin:
    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or enter a URL.")}
            )
        if not value.get("page") and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={"label": ValidationError("A link to a URL needs a label.")}
            )
        return value


class NavChildBlock(_LinkTargetMixin, blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False)
    label = blocks.CharBlock(required=False, help_text="Defaults to the page title.")
    url = blocks.URLBlock(required=False, help_text="For links outside the site.")

    class Meta:
        icon = "link"
        label = "Link"


class NavItemBlock(_LinkTargetMixin, blocks.StructBlock):
    page = blocks.PageChooserBlock(
        required=False, help_text="A section, the directory or any other page."
    )
    label = blocks.CharBlock(required=False, help_text="Defaults to the page title.")
    url = blocks.URLBlock(required=False, help_text="For links outside the site.")
    children = blocks.ListBlock(NavChildBlock(), required=False, label="Sub-menu")

    class Meta:
        icon = "list-ul"
        label = "Menu item"


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(choices=SOCIAL_PLATFORMS)
    label = blocks.CharBlock(help_text="e.g. Follow Us On Facebook")
    url = blocks.URLBlock()

    class Meta:
        icon = "site"
        label = "Social link"


@register_setting(icon="list-ul")
class SiteFurniture(BaseSiteSetting, ClusterableModel):
    """Everything around the stories that editors set once per site."""

    navigation = StreamField(
        [("item", NavItemBlock())],
        blank=True,
        help_text="The main menu, in order: sections, the directory and other pages.",
    )
    copyright_line = models.CharField(max_length=255, default=DEFAULT_COPYRIGHT)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True)
    whats_new_label = models.CharField(
        "“What's new” label", max_length=100, default="What's New at LAHT?"
    )
    whats_new_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="“What's new” page",
    )
    whats_new_url = models.URLField(
        "“What's new” URL", blank=True, help_text="Used when no page is chosen."
    )
    newsletter_heading = models.CharField(max_length=100, default="Receive Our Daily Headlines")
    newsletter_blurb = models.TextField(default=DEFAULT_NEWSLETTER_BLURB)
    newsletter_consent_text = models.TextField(
        "consent text",
        default=DEFAULT_CONSENT_TEXT,
        help_text="What readers agree to when they subscribe. Change the version when you "
        "change the text: each subscriber's consent records the version they saw.",
    )
    newsletter_consent_version = models.CharField(
        "consent text version", max_length=50, default="2026-01"
    )

    edit_handler = TabbedInterface(
        [
            ObjectList([FieldPanel("navigation")], heading="Navigation"),
            ObjectList(
                [
                    FieldPanel("copyright_line"),
                    FieldPanel("social_links"),
                    MultiFieldPanel(
                        [
                            FieldPanel("whats_new_label"),
                            FieldPanel("whats_new_page"),
                            FieldPanel("whats_new_url"),
                        ],
                        heading="What's new",
                    ),
                ],
                heading="Footer and social",
            ),
            ObjectList(
                [
                    FieldPanel("newsletter_heading"),
                    FieldPanel("newsletter_blurb"),
                    FieldPanel("newsletter_consent_text"),
                    FieldPanel("newsletter_consent_version"),
                ],
                heading="Newsletter",
            ),
            ObjectList([InlinePanel("translations", label="Language")], heading="Translations"),
        ]
    )

    class Meta:
        verbose_name = "site furniture"


#: The texts a furniture translation may replace, in the order of the payload.
TRANSLATED_TEXTS = (
    "copyright_line",
    "whats_new_label",
    "newsletter_heading",
    "newsletter_blurb",
    "newsletter_consent_text",
    "newsletter_consent_version",
)


class FurnitureTranslation(models.Model):
    """The furniture's texts in another language; a field left blank reads the default's."""

    furniture = ParentalKey(SiteFurniture, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=10, choices=settings.WAGTAIL_CONTENT_LANGUAGES)
    copyright_line = models.CharField(max_length=255, blank=True)
    whats_new_label = models.CharField("“What's new” label", max_length=100, blank=True)
    newsletter_heading = models.CharField(max_length=100, blank=True)
    newsletter_blurb = models.TextField(blank=True)
    newsletter_consent_text = models.TextField("consent text", blank=True)
    newsletter_consent_version = models.CharField(
        "consent text version",
        max_length=50,
        blank=True,
        help_text="Change it when you change this language's consent text.",
    )

    panels = [FieldPanel("language"), *(FieldPanel(name) for name in TRANSLATED_TEXTS)]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["furniture", "language"], name="unique_furniture_language"
            )
        ]

    def __str__(self):
        return f"{self.furniture} ({self.language})"


def localised(furniture, language):
    """The furniture with one language's texts in place of the default's (not saved)."""
    if language == default_language() or furniture.pk is None:
        return furniture
    translation = furniture.translations.filter(language=language).first()
    if translation is not None:
        for name in TRANSLATED_TEXTS:
            setattr(furniture, name, getattr(translation, name) or getattr(furniture, name))
    return furniture


def settings_for_request(request):
    """The furniture of the site the request is for (the default site for API hosts)."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return SiteFurniture(), None
    return SiteFurniture.for_site(site), site


def _stream_values(stream, block_type):
    """Raw values of a StreamField's blocks (ids, not objects: no query per page)."""
    return [item["value"] for item in stream.raw_data if item.get("type") == block_type]


def _list_values(raw_list):
    # ListBlock raw data is a list of {"type": "item", "value": ...} (or bare values).
    return [
        item["value"] if isinstance(item, dict) and "value" in item else item
        for item in raw_list or []
    ]


def _own_titles(value):
    """A menu item whose page links are labelled by the page's (translated) title."""
    children = [
        {**child, "label": "" if child.get("page") else child.get("label")}
        for child in _list_values(value.get("children"))
    ]
    label = "" if value.get("page") else value.get("label")
    return {**value, "label": label, "children": children}


def _link(value, pages):

    page_id = value.get("page")
    if page_id:
        page = pages.get(page_id)
        if page is None:  # draft, private or deleted: readers must not see it
            return None
        return {
            "label": value.get("label") or page.title,
            "page_id": page.pk,
            "html_path": page_path(page),
            "url": frontend_url(page),
        }
    if value.get("url"):
        return {
            "label": value.get("label") or value["url"],
            "page_id": None,
            "html_path": None,
            "url": value["url"],
        }
    return None


def in_edition(pages, language):
    """``{page id: page}`` of the shown pages, each replaced by its public translation in
    ``language`` (pages without one left out); one query."""
    if not pages or language == default_language():
        return pages
    keys = {page.translation_key: pk for pk, page in pages.items()}
    translations = public_pages(
        Page.objects.filter(translation_key__in=keys, locale_id=locale_id(language))
    )
    return {keys[page.translation_key]: page for page in translations}


def site_payload(request, language=None):
    """The furniture of the request's site in one edition (the default language's unless
    ``language`` is given)."""
    language = language or default_language()
    furniture, site = settings_for_request(request)
    furniture = localised(furniture, language)
    nav_values = _stream_values(furniture.navigation, "item")
    page_ids = {furniture.whats_new_page_id} if furniture.whats_new_page_id else set()
    for value in nav_values:
        page_ids.add(value.get("page"))
        page_ids.update(child.get("page") for child in _list_values(value.get("children")))
    page_ids.discard(None)
    pages = (
        {page.pk: page for page in public_pages(Page.objects.filter(pk__in=page_ids))}
        if page_ids
        else {}
    )
    if language != default_language():
        pages = in_edition(pages, language)
        # Labels editors wrote are the default language's: pages go by their own titles.
        nav_values = [_own_titles(value) for value in nav_values]
    navigation = []
    for value in nav_values:
        item = _link(value, pages)
        if item is None:
            continue
        children = [_link(child, pages) for child in _list_values(value.get("children"))]
        item["children"] = [{**child, "children": []} for child in children if child]
        navigation.append(item)
    whats_new = None
    if furniture.whats_new_page_id or furniture.whats_new_url:
        whats_new = _link(
            {
                "page": furniture.whats_new_page_id,
                "label": furniture.whats_new_label,
                "url": furniture.whats_new_url,
            },
            pages,
        )
    return {
        "site_name": (site.site_name if site and site.site_name else settings.WAGTAIL_SITE_NAME),
        "navigation": navigation,
        "copyright": furniture.copyright_line,
        "social_links": [
            {"platform": value["platform"], "label": value["label"], "url": value["url"]}
            for value in _stream_values(furniture.social_links, "link")
        ],
        "whats_new": whats_new,
        "newsletter": {
            "heading": furniture.newsletter_heading,
            "blurb": furniture.newsletter_blurb,
            "consent_text": furniture.newsletter_consent_text,
            "consent_text_version": furniture.newsletter_consent_version,
            "subscribe_url": "/api/v3/newsletter/subscribe/",
        },
    }
