"""``/api/v2/preview/?token=``: a draft, shaped like the pages endpoint's detail, for the
frontend's ``/_preview/``."""

from django.urls import path
from rest_framework.response import Response

from cms.delivery.api import HeraldPagesAPIViewSet
from cms.preview.models import PreviewTokenError, page_for_token


class PreviewAPIMixin:
    """A v2 endpoint answering ``?token=`` with the draft, shaped like the pages detail.

    Mixed into the pages endpoint (``cms.delivery.api``: same serializer, same fields, same
    ``fields=`` parameter), mounted as ``preview`` (``cms/preview/wagtail_hooks.py``).
    """

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "preview_view"}), name="listing")]

    def preview_view(self, request):
        try:
            page = page_for_token(request.GET.get("token"))
        except PreviewTokenError as e:
            return Response({"message": e.message, "code": e.code}, status=e.status)
        self._preview_page = page
        if page.pk is not None:
            data = self.get_serializer(page).data
            # Whether readers see a published version meanwhile: the banner tells a draft of
            # a live page from one never published (the only key the detail does not have).
            data["meta"]["live"] = bool(page.live)
            return Response(data)
        # A page being created has no id yet: serialise it under a placeholder id
        # (for the detail URL), then say plainly that it has none.
        page.pk = 0
        data = self.get_serializer(page).data
        data["id"] = None
        data["meta"]["detail_url"] = None
        data["meta"]["live"] = False
        return Response(data)

    def get_object(self):
        # The draft as snapshotted: no database prefetch (it would replace the
        # draft's bylines, corrections… with the saved ones).
        return self._preview_page

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        response["X-Robots-Tag"] = "noindex"
        return response


class PagePreviewAPIViewSet(PreviewAPIMixin, HeraldPagesAPIViewSet):
    """``/api/v2/preview/?token=``: a draft for the frontend's ``/_preview/``."""

    api_documents = False
