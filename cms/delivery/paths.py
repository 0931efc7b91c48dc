"""Where pages are on the public site: their paths and frontend URLs, and the request's site."""

from django.http.request import split_domain_port
from wagtail.models import Site

from cms.delivery.batch import current_batch
from cms.delivery.conf import settings
from cms.delivery.generation import api_cache_generation
from cms.wagtail_internals.sites import NOT_LOOKED_UP, set_site_for_request, site_found_for_request


def frontend_url(page):
    """Absolute frontend URL of a page (``FRONTEND_URL`` + its path in the site)."""
    path = page_path(page)
    if path is None:
        return None
    return settings.FRONTEND_URL + path


class FrontendURLMixin:
    """Page types read on the frontend: ``page.url``, what Wagtail's admin links with (LIVE
    badges, "View live", the explorer, the dashboard, messages), is the page's full URL on
    its site, whose hostname is the frontend's (``home.factories.get_or_create_home``), as
    ``page.full_url`` and the API's ``html_url`` are.

    Wagtail answers a bare path when there is one site, which the admin's origin (the CMS,
    that renders no pages) would open.
    """

    def get_url(self, request=None, current_site=None) -> str | None:
        if request is not None:
            return self.get_full_url(request=request)
        # Asked without a request (``page.url``), an admin listing's row asks twice (status
        # badge, "View live"): the answer depends on the page's place in the tree only.
        known = self.__dict__.get("_frontend_url")
        if known is None or known[0] != self.url_path:
            known = self.__dict__["_frontend_url"] = (self.url_path, self.get_full_url())
        return known[1]

    url = property(get_url)


def page_path(page):
    """Path of a page relative to its site root, e.g. ``/world/putin-erdogan/``.

    Within an API request the site root paths are read from the cache once for
    the request (Wagtail keeps them on the object ``get_url_parts`` is given),
    not once per page.
    """
    batch = current_batch()
    url_parts = page.get_url_parts(batch["site_root_paths"] if batch is not None else None)
    if url_parts is None:
        return None
    return url_parts[2]


_sites = {}


def find_site(request):
    """The request's Wagtail site, looked up once per process, host and API cache generation.

    Wagtail reads the sites table on every request (``Site.find_for_request``, a
    query with ``CASE`` ranking). Every publication, and every change of a site
    (``cms.delivery.signals``), bumps the generation shared by the processes; the process
    that saves a site also forgets its own copies at once (``forget_sites``). The
    result goes where Wagtail keeps it for the rest of the request.
    """
    found = site_found_for_request(request)
    if found is not NOT_LOOKED_UP:
        return found
    key = (split_domain_port(request.get_host())[0], request.get_port())
    generation = api_cache_generation()
    known = _sites.get(key)
    if known is not None and known[0] == generation:
        set_site_for_request(request, known[1])
        return known[1]
    site = Site.find_for_request(request)  # Wagtail keeps it for the rest of the request
    _sites[key] = (generation, site)
    return site


def forget_sites():
    _sites.clear()
