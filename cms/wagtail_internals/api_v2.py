"""Wagtail's API v2 serializer classes, built once per process."""


def api_serializer_class(viewset, router, model, fields_config, show_details):
    """The serializer class ``viewset`` would use for ``model`` and a parsed ``?fields=``
    (``parse_fields_parameter``), its 400s included: the classmethod
    ``BaseAPIViewSet._get_serializer_class``; the public ``get_serializer_class`` needs a
    request and its view, and we build these once per process (``projection.projection``)."""
    return viewset._get_serializer_class(router, model, fields_config, show_details=show_details)
