"""The site furniture's v3 endpoint: navigation, footer, social links and what's new."""

from ninja import Field, Router, Schema

from cms.delivery.schemas import LOCALE_QUERY, PUBLIC_READ, Language, cacheable_json
from home.site_settings.models import site_payload


class NewsletterInfoOut(Schema):
    heading: str
    blurb: str
    consent_text: str
    consent_text_version: str = Field(description="Send it back with the subscription.")
    subscribe_url: str


class LinkOut(Schema):
    label: str
    page_id: int | None = Field(description="Set when the link points at a page of the site.")
    html_path: str | None = Field(description="Frontend path of the page; null for URLs.")
    url: str = Field(description="Absolute URL (the frontend's for pages).")


class NavItemOut(LinkOut):
    children: list["NavItemOut"] = Field(description="Sub-menu, empty if none.")


class SocialLinkOut(Schema):
    platform: str = Field(description="facebook, x, instagram, youtube, linkedin, rss, other…")
    label: str
    url: str


class SiteOut(Schema):
    site_name: str
    navigation: list[NavItemOut]
    copyright: str
    social_links: list[SocialLinkOut]
    whats_new: LinkOut | None
    newsletter: NewsletterInfoOut


site_router = Router(tags=["site"])


@site_router.get(
    "/",
    response={200: SiteOut, 304: None},
    auth=PUBLIC_READ,
    summary="Site furniture: navigation, footer, social links, what's new, newsletter blurb",
    operation_id="site_furniture",
)
def site_furniture(request, locale: Language = LOCALE_QUERY):

    return cacheable_json(request, SiteOut, site_payload(request, locale))
