"""Demo site root, users and site furniture (markets, navigation, footer).

``load`` runs before the other apps' demos; ``finish`` after them (the
navigation links their sections and country guides).
"""

import datetime
import random
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, Site

from home.factories import get_or_create_home
from home.markets.models import Instrument, Quote, invalidate_markets_cache
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
    load_markets(command)
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


# --- Site furniture ------------------------------------------------------------------

# symbol, name, kind, unit, quote convention, decimal places, starting value, daily volatility
DEMO_INSTRUMENTS = [
    ("WTI", "Crude Oil", "commodity", "barrel", "USD per barrel", 2, "74.50", "0.018"),
    ("GASUS", "US Gasoline Prices", "commodity", "gallon", "USD per gallon", 3, "3.215", "0.008"),
    ("NG", "Natural Gas", "commodity", "MMBtu", "USD per MMBtu", 3, "2.870", "0.030"),
    ("GBP", "UK Pound", "currency", "", "units per USD", 4, "0.7890", "0.004"),
    ("AUD", "Australia Dollar", "currency", "", "units per USD", 4, "1.5230", "0.005"),
    ("CAD", "Canada Dollar", "currency", "", "units per USD", 4, "1.3710", "0.003"),
    ("BRL", "Brazil Real", "currency", "", "units per USD", 4, "5.4120", "0.007"),
    ("MXN", "Mexico Peso", "currency", "", "units per USD", 4, "17.9300", "0.006"),
    ("INR", "India Rupee", "currency", "", "units per USD", 2, "83.25", "0.002"),
]
DEMO_QUOTE_DAYS = 30

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


def demo_quote_values(start, volatility, days, symbol):
    """A deterministic random walk: the same symbol always gets the same 30 values."""
    rng = random.Random(f"laht-demo-{symbol}")
    value, values = Decimal(start), []
    for _ in range(days):
        values.append(value)
        step = Decimal(str(round(rng.gauss(0, float(volatility)), 6)))
        value = (value * (1 + step)).quantize(Decimal("0.000001"))
    return values


def load_markets(command):
    """The seed's nine instruments, each with a daily quote for the last 30 days."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    created = 0
    for order, row in enumerate(DEMO_INSTRUMENTS, start=1):
        symbol, name, kind, unit, convention, places, start, volatility = row
        instrument, _ = Instrument.objects.get_or_create(
            symbol=symbol,
            defaults={
                "name": name,
                "kind": kind,
                "unit": unit,
                "quote_convention": convention,
                "decimal_places": places,
                "display_order": order * 10,
            },
        )
        if instrument.quotes.exists():
            continue
        values = demo_quote_values(start, volatility, DEMO_QUOTE_DAYS, symbol)
        Quote.objects.bulk_create(
            Quote(
                instrument=instrument,
                value=value,
                source="demo",
                as_of=now - datetime.timedelta(days=DEMO_QUOTE_DAYS - 1 - day),
            )
            for day, value in enumerate(values)
        )
        created += 1
    invalidate_markets_cache()
    if created:
        command.stdout.write(f"Created {DEMO_QUOTE_DAYS} days of quotes for {created} instruments")


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
