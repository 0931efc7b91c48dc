from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    # /healthz, /readyz and /metrics (cms.operations).
    path("", include("cms.operations.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The API (/api/v2/, /api/v3/), as a host site mounts it (docs/plugins.md).
    path("", include("cms.delivery.urls")),
]

if settings.ANYMAIL_PROVIDER:
    # The mail provider's tracking webhooks (bounces, complaints): docs/furniture.md.
    urlpatterns += [path("anymail/", include("anymail.urls"))]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

    # Media from the local disk in development only. In production the web server or the
    # bucket serves images, and documents go through Wagtail's view (WAGTAILDOCS_SERVE_METHOD),
    # which applies collection privacy: a media URL must never bypass it.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages' public paths: English unprefixed, Spanish under /es/ (Wagtail reverses a page's path in
# its locale's language through these patterns; docs/i18n.md).
# The other editions' paths (/es/…) with their language active: cms/preview/editions.py.
urlpatterns += [path("", include("cms.preview.editions"))]
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
