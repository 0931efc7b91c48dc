from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
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

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

if settings.MEDIA_URL.startswith("/") and not settings.AWS_STORAGE_BUCKET_NAME:
    # Media from the local filesystem (single-host installs). With S3 media the
    # files are served by the bucket or its CDN instead.
    urlpatterns += [
        re_path(
            r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]
