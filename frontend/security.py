"""Security headers on every response of the public site.

The pages carry no script at all, so the policy allows none (an inline script would need
its hash added to ``script-src``). Styles may be inline: embeds from the CMS's rich text
(responsive video wrappers) and the preview banner carry ``style`` attributes. Images may
come from any HTTPS origin (the CMS's media, a CDN or bucket) and embeds' frames likewise.
HSTS is sent only when the reader's connection was HTTPS, here or at a trusted proxy.
Pages may be framed by this site only, except ``/_preview/``, which the CMS's admin frames
(``FRONTEND_PREVIEW_FRAMED_BY``, by default the CMS's origin).
"""

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontend.readers import Network, came_over_tls

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https: {cms}",
        "frame-src https:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors {ancestors}",
    ]
)
HSTS = "max-age=31536000; includeSubDomains"


class SecurityHeadersMiddleware:
    def __init__(
        self, app: ASGIApp, cms_origin: str, framed_by: str, trusted: tuple[Network, ...]
    ) -> None:
        self.app = app
        self.trusted = trusted
        common = {
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "strict-origin-when-cross-origin",
        }
        self.headers = {
            **common,
            "Content-Security-Policy": CONTENT_SECURITY_POLICY.format(
                cms=cms_origin, ancestors="'self'"
            ),
            "X-Frame-Options": "SAMEORIGIN",
        }
        # X-Frame-Options cannot name another origin: frame-ancestors alone says who may.
        self.preview_headers = {
            **common,
            "Content-Security-Policy": CONTENT_SECURITY_POLICY.format(
                cms=cms_origin, ancestors=f"'self' {framed_by}".strip()
            ),
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tls = came_over_tls(HTTPConnection(scope), self.trusted)
        preview = scope["path"].startswith("/_preview/")
        extra = self.preview_headers if preview else self.headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    headers.setdefault(name, value)
                if tls:
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)
