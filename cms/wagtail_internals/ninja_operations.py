"""The operations a django-ninja API serves."""

import re


def api_operations(api):
    """``(path, operation)`` for every operation ``api`` serves (the path below the API's
    root, e.g. ``/pages/{page_id}/``), as its OpenAPI document
    reads them: ninja builds per-API copies of its routers' operations when the URLs
    are first read (``NinjaAPI._get_bound_routers``, private) and offers no public list.
    ``operation.openapi_extra`` (public, a route decorator's argument) is merged into the
    operation's entry in the document."""
    for bound_router in api._get_bound_routers():
        for path, path_view in bound_router.path_operations.items():
            for operation in path_view.operations:
                full_path = re.sub("/+", "/", f"/{bound_router.prefix}/{path}")
                yield full_path, operation
