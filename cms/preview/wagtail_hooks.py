"""The preview endpoint joins API v2 (``/api/v2/preview/``)."""

from wagtail import hooks

from cms.delivery.extensions import API_V2_ENDPOINTS


@hooks.register(API_V2_ENDPOINTS)
def preview_endpoint():
    return [("preview", "cms.preview.api.PagePreviewAPIViewSet")]
