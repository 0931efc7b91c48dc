"""Factories shared by tests and demo content (``load_demo`` builds from these)."""

from urllib.parse import urlsplit

import wagtail_factories
from django.conf import settings
from wagtail.models import Locale, Page, Site

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Latin American Herald Tribune"
    slug = "home"


def get_or_create_home(**kwargs):
    """The site's HomePage, replacing Wagtail's default welcome page if needed."""
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title=kwargs.get("title", "Latin American Herald Tribune"), slug="home-page"
        )
    )
    # The site's hostname is the public frontend's, so html_url and full URLs point there.
    frontend = urlsplit(settings.FRONTEND_URL)
    port = frontend.port or (443 if frontend.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=frontend.hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Latin American Herald Tribune",
        )
    else:
        old_root = site.root_page
        site.root_page = home
        site.hostname = frontend.hostname
        site.port = port
        site.site_name = "Latin American Herald Tribune"
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return HomePage.objects.get(pk=home.pk)


def translate_page(page, language_code, publish=True, **fields):
    """The page's translation into ``language_code`` (made as wagtail-localize's "Translate
    this page" makes it, missing parents translated first), with ``fields`` set, published
    unless ``publish=False``. An existing translation is updated."""
    locale = Locale.objects.get(language_code=language_code)
    page = page.specific
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    revision = translation.save_revision()
    if publish:
        revision.publish()
        translation.refresh_from_db()
    return translation
