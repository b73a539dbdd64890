"""What a real deployment needs in front of the pages: who may write, from where, how often, and headers.

An ASGI middleware, so a refused request is answered before its body is read:

- **writes** (uploads, review marks) need the token when one is set: ``Authorization: Bearer <token>``, or the
  session cookie the login page sets (an HMAC of the token, never the token itself);
- **every POST** must come from this site: an ``Origin`` (or ``Sec-Fetch-Site``) of another site is
  refused, so no other web page can make a visitor's browser upload (CSRF);
- **on a loopback address** only local ``Host`` names are answered, so a web page cannot reach the
  server through a DNS name it rebinds to 127.0.0.1;
- **uploads, searches and logins** are limited per client and minute (429 with ``Retry-After``);
- **every response** carries the security headers (a strict Content-Security-Policy; Swagger UI at
  ``/docs`` needs its one inline script).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

COOKIE = "yusuan_session"
WRITES = {"/upload", "/api/documents"}


def is_write(path: str) -> bool:
    """An upload, or a reviewer's mark (``…/review``): both change what the store holds."""
    return path in WRITES or path.endswith("/review")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"same-origin"), (b"cross-origin-opener-policy", b"same-origin")]
MAX_CLIENTS = 10_000  # clients remembered by the rate limits; the oldest are forgotten first


@dataclass(frozen=True, slots=True)
class Policy:
    """Who may write and how often anyone may ask; ``local``: the server listens on a loopback address."""

    token: str | None = None
    local: bool = False
    uploads_per_minute: int = 20
    searches_per_minute: int = 60
    logins_per_minute: int = 10

    def session(self) -> str:
        assert self.token is not None
        return hmac.new(self.token.encode(), b"yusuan-session", hashlib.sha256).hexdigest()

    def authorized(self, headers: dict[bytes, bytes]) -> bool:
        if self.token is None:
            return True
        bearer = headers.get(b"authorization", b"").decode("latin-1")
        if bearer.startswith("Bearer ") and hmac.compare_digest(bearer[7:].strip().encode(), self.token.encode()):
            return True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
        except Exception:  # a malformed cookie header is no session
            return False
        session = cookie.get(COOKIE)
        return session is not None and hmac.compare_digest(session.value.encode(), self.session().encode())


class RateLimit:
    """At most ``count`` events per client in any 60 seconds."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.seen: OrderedDict[str, deque[float]] = OrderedDict()

    def wait(self, client: str) -> int:
        """0 if the client may go on (the event is counted), else the seconds until it may."""
        now = time.monotonic()
        times = self.seen.pop(client, None) or deque()
        while times and times[0] <= now - 60:
            times.popleft()
        self.seen[client] = times
        while len(self.seen) > MAX_CLIENTS:
            self.seen.popitem(last=False)
        if len(times) >= self.count:
            return max(1, int(times[0] + 60 - now) + 1)
        times.append(now)
        return 0


Refuse = Callable[[dict[str, Any], int, str], Any]


def _host_name(value: str) -> str:
    return (urlsplit(f"//{value}").hostname or "").lower()


class Guard:
    """ASGI middleware applying a :class:`Policy`; ``refuse(scope, status, message)`` makes the Chinese answer."""

    def __init__(self, app: Any, policy: Policy, refuse: Refuse) -> None:
        self.app = app
        self.policy = policy
        self.refuse = refuse
        self.limits = {"upload": RateLimit(policy.uploads_per_minute), "search": RateLimit(policy.searches_per_minute),
                       "login": RateLimit(policy.logins_per_minute)}

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Awaitable[dict[str, Any]]],
                       send: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in [*HEADERS, (b"content-security-policy", csp.encode())] if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        problem = self.check(scope)
        if problem is None:
            await self.app(scope, receive, with_headers)
            return
        status, text, retry = problem
        response = self.refuse(scope, status, text)
        if retry:
            response.headers["Retry-After"] = str(retry)
        await response(scope, receive, with_headers)

    def check(self, scope: dict[str, Any]) -> tuple[int, str, int] | None:
        """Why this request is refused (status, Chinese message, Retry-After seconds), or None."""
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if self.policy.local and _host_name(host) not in LOCAL_HOSTS:
            return 400, f"本服务只在本机开放，不接受经由“{host[:60]}”的访问。", 0
        path, method = scope["path"], scope["method"]
        if method == "POST":
            origin = headers.get(b"origin", b"").decode("latin-1")
            site = headers.get(b"sec-fetch-site", b"").decode("latin-1")
            if (origin and urlsplit(origin).netloc.lower() != host.lower()) or (not origin and site == "cross-site"):
                return 403, "请求来自其他网站，已拒绝：只能在本站的页面上上传或登录。", 0
            if is_write(path) and not self.policy.authorized(headers):
                return 401, ("上传需要令牌：请先在 /login 页面登录，或在请求头中加入 Authorization: Bearer 令牌。"), 0
        kind = self._kind(scope, path, method)
        if kind is not None:
            client = (scope.get("client") or ("?",))[0]
            retry = self.limits[kind].wait(client)
            if retry:
                what = {"upload": "上传", "search": "搜索", "login": "登录"}[kind]
                return 429, f"{what}过于频繁，请 {retry} 秒后再试。", retry
        return None

    @staticmethod
    def _kind(scope: dict[str, Any], path: str, method: str) -> str | None:
        if method == "POST":
            return {"/login": "login"}.get(path, "upload" if path in WRITES else None)
        if method == "GET" and path in {"/", "/api/documents"}:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            return "search" if any(v.strip() for v in query.get("q", [])) else None
        return None
