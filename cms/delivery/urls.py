"""The API's URLs, for a site to mount with one ``include()`` (``docs/plugins.md``)::

    path("", include("cms.delivery.urls")),

``/api/v2/``: pages, images, documents and headless preview (Wagtail's API v2, public reads);
``/api/v3/``: Wagtail's API v3 with every router the installed apps register
(``cms.delivery.extensions``), and its OpenAPI document.
"""

from django.urls import path

from cms.delivery.api import api_router, api_v3_urls

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("api/v3/", api_v3_urls),
]
