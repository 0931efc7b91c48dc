"""Pages of the other editions (``/es/…``) on the CMS origin.

Wagtail's page URLs are under ``i18n_patterns``, whose prefix matches the *active* language;
Django activates the language of a path only with ``LocaleMiddleware``, which this project
leaves out (API answers must not vary with ``Accept-Language``). Without these URLs the CMS
reads ``/es/mundo/…`` as an English path and answers 404; with them the Spanish page is
served as any page is on the CMS origin (``HeadlessPreviewMixin.serve``: a redirect to the
frontend), and a path no public Spanish page has is Wagtail's 404.
"""

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.utils import translation
from wagtail.coreutils import get_content_languages
from wagtail.models import Page, Site
from wagtail.views import serve


def serve_edition(request, language, path):
    """Wagtail's page serving with ``language`` active: its edition's root page routes. A
    site without that edition answers 404 (Wagtail would route the default edition)."""
    site = Site.find_for_request(request)
    if site is None or not edition_exists(site, language):
        raise Http404("no such edition")
    with translation.override(language):
        return serve(request, path)


def edition_exists(site, language):
    return Page.objects.filter(
        translation_key=site.root_page.translation_key, locale__language_code=language
    ).exists()


_others = "|".join(code for code in get_content_languages() if code != settings.LANGUAGE_CODE)

urlpatterns = (
    [re_path(rf"^(?P<language>{_others})/(?P<path>.*)$", serve_edition)] if _others else []
)
