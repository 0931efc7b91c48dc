"""The URLs of a host site as ``docs/plugins.md`` says: its own, plus one include()."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include("cms.delivery.urls")),
    path("", include(wagtail_urls)),
]
