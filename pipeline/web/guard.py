"""Only this computer's browser, holding the page's token, may use the page.

The server listens on 127.0.0.1 only. Every request must carry the random token printed with the address: in the
address the first time (it is then kept in a cookie the browser sends only to this page), so another program on the
computer or a web page elsewhere cannot drive tdkt. The `Host` header must name this server (a page on the internet
cannot rebind its name to 127.0.0.1), and a form sent from another origin is refused.
"""

from __future__ import annotations

import hmac
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

COOKIE = "tdkt_ma"


class Guard:
    """ASGI middleware: the host, the token, the origin of forms."""

    def __init__(self, app: ASGIApp, token: str, hosts: set[str]):
        self.app, self.token, self.hosts = app, token, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        host = request.headers.get("host", "")
        if host not in self.hosts:
            await PlainTextResponse("Địa chỉ không hợp lệ.", status_code=400)(scope, receive, send)
            return
        given = request.query_params.get("ma", "")
        if given and hmac.compare_digest(given, self.token):
            query = urlencode([(k, v) for k, v in parse_qsl(request.url.query) if k != "ma"])
            target = request.url.path + (f"?{query}" if query else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict", path="/")
            await response(scope, receive, send)
            return
        if not hmac.compare_digest(request.cookies.get(COOKIE, ""), self.token):
            message = "Thiếu mã truy cập: hãy mở trang bằng địa chỉ tdkt web đã in ra (có ?ma=…)."
            await PlainTextResponse(message, status_code=403)(scope, receive, send)
            return
        origin = request.headers.get("origin")
        if request.method not in ("GET", "HEAD") and origin and origin.split("://", 1)[-1] not in self.hosts:
            await PlainTextResponse("Yêu cầu từ trang khác bị từ chối.", status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)
