"""Request ids: every request has one, in its response and in every log line it causes.

An incoming ``X-Request-ID`` (from the frontend, a load balancer) is kept when it is a
short token of safe characters; otherwise a new one is made. The id is echoed in the
response's ``X-Request-ID`` and added to log records as ``request_id`` (``RequestIdFilter``).
"""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
VALID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

current: ContextVar[str] = ContextVar("request_id", default="")


def accept(value: str | None) -> str:
    """The incoming id if it is acceptable, else a new one."""
    if value and VALID.match(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = accept(request.headers.get(HEADER))
        request.request_id = request_id
        token = current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (empty outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current.get()
        return True
