"""Demo site root, users and site furniture (markets from ``home.demo.markets``,
navigation, footer).

``load`` runs before the other apps' demos; ``finish`` after them (the
navigation links their sections and country guides).
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, Site

from home.demo import markets
from home.factories import get_or_create_home
from home.most_viewed.models import PageViewCount
from home.site_settings.models import SiteFurniture

# Documented in README.md. Demo users exist only where load_demo ran.
DEMO_USERS = [
    # username, password, superuser, groups
    ("admin", "herald-admin", True, []),
    ("editor", "herald-editor", False, ["Editors"]),
    ("moderator", "herald-moderator", False, ["Moderators"]),
]


def load(command):
    get_or_create_home()
    markets.load_markets(command)
    User = get_user_model()
    for username, password, is_superuser, groups in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            email=f"{username}@laht.example",
            first_name=username.capitalize(),
            last_name="Demo",
            is_staff=True,
            is_superuser=is_superuser,
        )
        user.set_password(password)
        user.save()
        for group_name in groups:
            group, _ = Group.objects.get_or_create(name=group_name)
            user.groups.add(group)
        command.stdout.write(f"Created user {username}")


# The seed page's menu: "HOME | World", the sections, and the directory's country guides.
DEMO_NAV_SECTIONS = [
    "world",
    "latin-america",
    "caribbean",
    "business",
    "opinion",
    "sports",
    "culture",
]
DEMO_NAV_COUNTRIES = ["venezuela", "colombia"]
DEMO_SOCIAL_LINKS = [
    ("facebook", "Follow Us On Facebook", "https://www.facebook.com/LAHTribune"),
    ("x", "Follow Us On Twitter", "https://twitter.com/LAHT"),
]


def load_site_furniture(command):
    """Navigation matching the seed's menu, footer, social links and newsletter texts.

    Runs after the other apps' demos (it links their sections and country guides);
    a furniture that editors already changed is left alone.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    furniture = SiteFurniture.for_site(site)
    if furniture.navigation.raw_data or furniture.social_links.raw_data:
        return
    home = site.root_page
    navigation = []
    for slug in DEMO_NAV_SECTIONS:
        section = Page.objects.child_of(home).filter(slug=slug).first()
        if section is None:
            continue
        children = [
            {"type": "item", "value": {"page": child.pk, "label": "", "url": ""}}
            for child in Page.objects.child_of(section).filter(
                content_type__model="sectionpage", live=True
            )
        ]
        navigation.append(
            {
                "type": "item",
                "value": {"page": section.pk, "label": "", "url": "", "children": children},
            }
        )
    links = Page.objects.child_of(home).filter(slug="links").first()
    if links is not None:
        children = [
            {
                "type": "item",
                "value": {"page": country.pk, "label": f"{country.title} Overview", "url": ""},
            }
            for slug in DEMO_NAV_COUNTRIES
            if (country := Page.objects.child_of(links).filter(slug=slug).first())
        ]
        navigation.append(
            {
                "type": "item",
                "value": {"page": links.pk, "label": "Links", "url": "", "children": children},
            }
        )
    furniture.navigation = navigation
    furniture.social_links = [
        {"type": "link", "value": {"platform": platform, "label": label, "url": url}}
        for platform, label, url in DEMO_SOCIAL_LINKS
    ]
    furniture.copyright_line = (
        f"Copyright Latin American Herald Tribune - 2005-{timezone.localdate().year} "
        "© All rights reserved"
    )
    furniture.whats_new_page = home
    furniture.save()
    command.stdout.write(f"Set up the site furniture ({len(navigation)} menu items)")


def finish(command):
    """Run by load_demo after every app's ``load``: the furniture links their pages."""
    load_site_furniture(command)
    load_view_counts(command)


def load_view_counts(command):
    """A week of hourly view counts for the demo stories, so "Most Viewed" has a ranking.

    Deterministic and skewed like real readership (a few stories take most views);
    created once: later runs, and real counts, are left alone.
    """
    if PageViewCount.objects.exists():
        return
    pages = [
        page
        for label in settings.MOST_VIEWED_PAGE_TYPES
        for page in apps.get_model(label).objects.live().order_by("pk")
    ]
    # A fixed shuffle, so the most read are not simply the newest.
    pages.sort(key=lambda page: (page.pk * 7919) % 101)
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    rows = [
        PageViewCount(
            page=page,
            hour=hour - datetime.timedelta(hours=hours_ago),
            count=max(3, 240 // (rank + 1)) + (rank * 7 + hours_ago) % 11,
        )
        for rank, page in enumerate(pages[:30])
        for hours_ago in range(0, 7 * 24, 3)
    ]
    PageViewCount.objects.bulk_create(rows)
    if rows:
        command.stdout.write(f"Recorded a week of demo views for {min(len(pages), 30)} stories")
