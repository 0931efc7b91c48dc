"""Request ids on the frontend: each request has one, echoed in its response, in its log
lines and in every API call it makes to the CMS (``frontend.api_client``).

An incoming ``X-Request-ID`` (from a load balancer or Varnish) is kept when it is a short
token of safe characters; otherwise a new one is made. The CMS honours the same header.
"""

import logging
import re
import uuid
from contextvars import ContextVar

import httpx
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Request-ID"
VALID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

current: ContextVar[str] = ContextVar("frontend_request_id", default="")


def accept(value: str | None) -> str:
    if value and VALID.match(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = accept(Headers(scope=scope).get(HEADER))
        token = current.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            current.reset(token)


async def forward(request: httpx.Request) -> None:
    """httpx request hook: the current request's id on every call to the CMS."""
    request_id = current.get()
    if request_id:
        request.headers[HEADER] = request_id


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current.get()
        return True
