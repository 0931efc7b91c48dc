"""The site Wagtail finds for a request, and the site root paths it keeps for page URLs."""

from types import SimpleNamespace

from wagtail.models import Site

#: What ``site_found_for_request`` answers before ``Site.find_for_request`` ran.
NOT_LOOKED_UP = object()


def site_found_for_request(request):
    """The site ``Site.find_for_request`` already found for this request, or ``NOT_LOOKED_UP``:
    Wagtail keeps it on ``request._wagtail_site`` and has no public way to ask whether it
    looked it up (calling it looks it up, a query)."""
    return getattr(request, "_wagtail_site", NOT_LOOKED_UP)


def set_site_for_request(request, site):
    """Make ``Site.find_for_request(request)`` (Wagtail's code and ours) answer ``site`` for
    the rest of the request without a query: Wagtail reads ``request._wagtail_site`` first
    and has no public setter (``cms.delivery.paths.find_site``, ``api.render_documents``)."""
    request._wagtail_site = site


def url_parts_cache():
    """An object to pass as ``request`` to ``Page.get_url_parts`` so Wagtail reads the site
    root paths once for every page it is given with: Wagtail keeps them on whatever object it
    gets (``_get_site_root_paths(cache_object)``); a real request is not always at hand."""
    return SimpleNamespace()


def share_site_root_paths(pages):
    """Lets every page of ``pages`` find its URL without asking for the site root paths (a
    cache read, Redis in production) once per page: asked without a request (``page.url``, as
    the admin's status badges and "View live" buttons ask), Wagtail keeps them on the page itself
    (``_wagtail_cached_site_root_paths``, the attribute ``url_parts_cache`` relies on)."""
    root_paths = Site.get_site_root_paths()
    for page in pages:
        page._wagtail_cached_site_root_paths = root_paths
