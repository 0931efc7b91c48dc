"""The most viewed stories over a period, overall or in a section, public stories only."""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone
from wagtail.models import Page

from cms.delivery.generation import api_cache_key
from cms.delivery.locales import default_language, in_language
from cms.delivery.paths import page_path
from cms.delivery.teasers import fetch_teasers
from cms.delivery.visibility import cache_seconds, public_pages
from home.most_viewed.counting import hour_bucket
from home.most_viewed.models import PageViewCount

PERIODS = {"24h": 24, "7d": 24 * 7}


class SectionNotFound(ValueError):
    pass


def story_content_types():
    models_ = []
    for label in settings.MOST_VIEWED_PAGE_TYPES:
        try:
            models_.append(apps.get_model(label))
        except (LookupError, ValueError):
            continue
    return list(ContentType.objects.get_for_models(*models_).values()) if models_ else []


def top_page_ids(period="24h", limit=10, section=None, now=None, language=None):
    """``[(page_id, views)]`` of publicly visible stories in one language (the default one
    unless given), most viewed first."""

    now = now or timezone.now()
    since = hour_bucket(now) - datetime.timedelta(hours=PERIODS[period] - 1)
    # The public boundary: a page past its expiry counts as gone even before the scheduler
    # has unpublished it, and so does a story under an unpublished section.
    pages = public_pages(Page.objects.filter(content_type__in=story_content_types()), now)
    pages = in_language(pages, language or default_language())
    if section is not None:
        pages = pages.descendant_of(section)
    rows = (
        PageViewCount.objects.filter(hour__gte=since, page__in=pages.values("pk"))
        .values("page_id")
        .annotate(views=Sum("count"))
        .order_by("-views", "-page_id")[:limit]
    )
    return [(row["page_id"], row["views"]) for row in rows]


def get_section(section_id):

    section = public_pages(Page.objects.filter(pk=section_id)).first()
    if section is None:
        raise SectionNotFound(f"section {section_id} is not a published page")
    return section


def most_viewed_payload(period="24h", limit=10, section_id=None, language=None):
    """The most viewed stories of one edition with their teasers (cached briefly)."""

    # Dropped with every other cached API response whenever a page is published,
    # unpublished, expires or moves: a story taken down leaves the list at once.
    language = language or default_language()
    key = api_cache_key(f"most-viewed:{language}:{period}:{limit}:{section_id}")
    payload = cache.get(key)
    if payload is not None:
        return payload
    section = get_section(section_id) if section_id is not None else None
    ranked = top_page_ids(period, limit, section, language=language)
    teasers = fetch_teasers([page_id for page_id, _ in ranked])
    items = []
    for page_id, views in ranked:
        if page_id in teasers:
            items.append({**teasers[page_id], "rank": len(items) + 1, "views": views})
    payload = {
        "period": period,
        "limit": limit,
        "section": (
            {"id": section.pk, "title": section.title, "html_path": page_path(section)}
            if section
            else None
        ),
        "items": items,
    }

    cache.set(key, payload, cache_seconds(settings.MOST_VIEWED_CACHE_SECONDS))
    return payload
