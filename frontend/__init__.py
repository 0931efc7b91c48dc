"""The public site: a separate ASGI process that knows the CMS only through its HTTP API.

It never imports Django, Wagtail or the CMS apps (``tests/frontend`` enforces it).
Start it with ``uvicorn --factory frontend.app:create_app``.
"""
