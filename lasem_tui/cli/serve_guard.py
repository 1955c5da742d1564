"""``lasem serve`` with a door: a secret in the URL, the Origin checked, sessions counted.

textual-serve on its own lets any browser that reaches the port, and any web page open
in that browser (a websocket is not bound by the same-origin rule), start a desk and
send it keys. ``GuardedServer`` wraps textual-serve's aiohttp server so that:

- every start draws a new secret (``secrets.token_urlsafe``); the URL printed carries
  it, as Jupyter's does. The page opened with it sets an HttpOnly, SameSite=Strict
  cookie so that its scripts, styles and websocket are let in too. A request without
  the secret is refused with 403 and logged. Only ``--public`` (the projector alone,
  read-only, for the room's screens) is served without one;
- a websocket whose ``Origin`` is not the served address is refused with 403, always:
  that is what keeps another site's page out even when it knows the address;
- no more than ``max_sessions`` sessions (each one a process of its own) run at once;
  one more is refused with 503 and a message, before any process starts;
- a desk session nobody has typed in for ``idle_seconds`` is closed, and its process
  with it (a projector is watched, not typed at: it lives while its browser does).
"""

from __future__ import annotations

import asyncio
import errno
import hmac
import logging
import secrets
import signal
import socket
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web
from rich.console import Console
from rich.text import Text
from textual_serve.app_service import AppService
from textual_serve.server import Server

from lasem_tui import i18n

log = logging.getLogger("lasem.serve")

TOKEN_PARAM = "token"
COOKIE = "lasem_serve_key"
DEFAULT_MAX_SESSIONS = 3
DEFAULT_IDLE_MINUTES = 30
_REAP_EVERY = 5.0

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class ServeError(Exception):
    """The server could not start (port in use, address not on this computer)."""


@dataclass
class _Session:
    websocket: web.WebSocketResponse
    peer: str
    last_used: float = field(default_factory=time.monotonic)


def _origin(scheme: str, host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    default = (scheme == "http" and port == 80) or (scheme == "https" and port == 443)
    return f"{scheme}://{shown}" if default else f"{scheme}://{shown}:{port}"


def allowed_origins(host: str, port: int, *, loopback: bool) -> frozenset[str]:
    """The origins a page of ours can have: the served address, and on this computer
    its other loopback names too (a browser given 127.0.0.1 may be typed localhost)."""
    hosts = {host}
    if loopback:
        hosts |= {"127.0.0.1", "localhost", "::1"}
    return frozenset(_origin("http", h, port) for h in hosts)


class GuardedServer(Server):
    """textual-serve's Server behind a secret, an Origin check and a session limit."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        title: str,
        loopback: bool,
        desk: bool,
        public: bool = False,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        idle_seconds: float = DEFAULT_IDLE_MINUTES * 60,
        banner: Callable[[GuardedServer], None] | None = None,
    ) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.public_url = _origin("http", host, port)
        self.secret = secrets.token_urlsafe(24)
        self.public = public
        self.desk = desk
        self.max_sessions = max_sessions
        self.idle_seconds = idle_seconds
        self.origins = allowed_origins(host, port, loopback=loopback)
        self.sessions: dict[int, _Session] = {}
        self._banner = banner
        self._reaper: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        """The address to open: with the secret, unless the projector is public."""
        if self.public:
            return f"{self.public_url}/"
        return f"{self.public_url}/?{TOKEN_PARAM}={self.secret}"

    # --- the door -------------------------------------------------------------------

    def _has_secret(self, request: web.Request) -> bool:
        given = request.query.get(TOKEN_PARAM) or request.cookies.get(COOKIE) or ""
        return hmac.compare_digest(given.encode(), self.secret.encode())

    def _refuse(self, request: web.Request, status: int, reason: str) -> web.Response:
        peer = request.remote or "?"
        log.warning(
            i18n.t(
                "serve.refused_log",
                status=status,
                peer=peer,
                path=request.path,
                reason=i18n.t(f"serve.reason.{reason}"),
            )
        )
        text = i18n.t(f"serve.reason.{reason}")
        return web.Response(status=status, text=text + "\n")

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every request passes here before textual-serve sees it."""
        if not self.public and not self._has_secret(request):
            return self._refuse(request, 403, "no_secret")
        if request.path == "/ws":
            origin = request.headers.get("Origin", "")
            if origin.rstrip("/") not in self.origins:
                return self._refuse(request, 403, "bad_origin")
        if request.path in ("/", "/ws") and len(self.sessions) >= self.max_sessions:
            return self._refuse(request, 503, "full")
        response = await handler(request)
        if request.path == "/" and TOKEN_PARAM in request.query and not self.public:
            response.set_cookie(COOKIE, self.secret, httponly=True, samesite="Strict", path="/")
        return response

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    # --- sessions -------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, with the session counted while it lives."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _size(request.query.get("width"), 80)
        height = _size(request.query.get("height"), 24)
        key = id(websocket)
        self.sessions[key] = _Session(websocket, request.remote or "?")
        log.info(i18n.t("serve.session_open", peer=request.remote or "?", count=len(self.sessions)))
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)

            async def close() -> None:
                await websocket.close()

            app_service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # textual-serve's own handler logs and goes on alike
            log.exception(error)
        finally:
            if app_service is not None:
                await app_service.stop()
            self.sessions.pop(key, None)
            log.info(i18n.t("serve.session_closed", count=len(self.sessions)))
        return websocket

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        session = self.sessions.get(id(websocket))
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind = envelope[0]
            data: Any = envelope[1] if len(envelope) > 1 else None
            # A key is use; a resize, a focus or the page's ping is only a tab left open.
            if session is not None and kind == "stdin":
                session.last_used = time.monotonic()
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(
                    _size(data.get("width"), 80), _size(data.get("height"), 24)
                )
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    async def _reap(self) -> None:
        """Close the sessions idle for longer than allowed, every few seconds."""
        while True:
            await asyncio.sleep(min(_REAP_EVERY, self.idle_seconds))
            now = time.monotonic()
            for session in list(self.sessions.values()):
                if now - session.last_used >= self.idle_seconds:
                    log.info(i18n.t("serve.session_idle", peer=session.peer))
                    await session.websocket.close(message=b"idle")

    async def on_startup(self, app: web.Application) -> None:
        # textual-serve prints the command here, and with it a PostgreSQL password:
        # our own banner says what is served and where, and never the command.
        if self._banner is not None:
            self._banner(self)
        # A projector in the room is watched, not typed at: it runs while its browser
        # does (the websocket's heartbeat ends it when the browser goes).
        if self.desk and self.idle_seconds > 0:
            self._reaper = asyncio.get_running_loop().create_task(self._reap())

    async def on_shutdown(self, app: web.Application) -> None:
        if self._reaper is not None:
            self._reaper.cancel()
        for session in list(self.sessions.values()):
            await session.websocket.close(message=b"shutdown")

    def initialize_logging(self) -> None:
        super().initialize_logging()
        # textual-serve logs each request; ours say what was refused and why.
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C. The port is taken before anything is printed, so that a
        port in use or an address not on this computer is one line (a ServeError)."""
        listening = self._listen()
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        if sys.platform != "win32":  # Windows' event loops take no signal handlers
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(),
            sock=listening,
            handle_signals=False,
            loop=loop,
            print=lambda *args: None,
        )

    def _listen(self) -> socket.socket:
        try:
            infos = socket.getaddrinfo(self.host, self.port, type=socket.SOCK_STREAM)
            family, kind, proto, _, address = infos[0]
            listening = socket.socket(family, kind, proto)
        except (OSError, IndexError) as exc:
            raise ServeError(i18n.t("serve.address_unavailable", host=self.host)) from exc
        try:
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listening.bind(address)
            listening.listen(128)
        except OSError as exc:
            listening.close()
            if exc.errno == errno.EADDRINUSE:
                raise ServeError(i18n.t("serve.port_in_use", port=self.port)) from exc
            if exc.errno == errno.EADDRNOTAVAIL:
                raise ServeError(i18n.t("serve.address_unavailable", host=self.host)) from exc
            raise ServeError(
                i18n.t(
                    "serve.cannot_listen",
                    host=self.host,
                    port=self.port,
                    detail=i18n.os_reason(exc),
                )
            ) from exc
        return listening


def _size(value: Any, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if 1 <= number <= 1000 else default


def origin_of(url: str) -> str:
    """``http://host:port`` of a URL, as a browser sends it in ``Origin``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def print_banner(
    console: Console, server: GuardedServer, *, desk: bool, database: str, loopback: bool
) -> None:
    """What is served, from which database (without its password), and who may open it."""
    what = i18n.t("serve.banner_desk" if desk else "serve.banner_projector")
    if not loopback:
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            Text.assemble(
                ("lasem:", "bold yellow"), " ", i18n.t("serve.open_to_network", host=server.host)
            )
        )
    console.print(Text(i18n.t("serve.banner", what=what, database=database)))
    console.print(Text(server.url, style="bold"))
    if server.public:
        console.print(Text(i18n.t("serve.banner_public")))
    elif desk:
        key = "serve.banner_desk_local" if loopback else "serve.banner_desk_network"
        console.print(Text(i18n.t(key), style="yellow"))
    else:
        console.print(Text(i18n.t("serve.banner_secret")))
    console.print(
        Text(
            i18n.t(
                "serve.banner_limits",
                sessions=server.max_sessions,
                minutes=round(server.idle_seconds / 60),
            )
        )
    )
    console.print(Text(i18n.t("serve.banner_quit"), style="cyan"))


def shown_database(database_url: str) -> str:
    """The database as the banner names it: a PostgreSQL password is never printed."""
    from sqlalchemy.engine import make_url

    return make_url(database_url).render_as_string(hide_password=True)


def run(args: Any, command: str, database_url: str, *, loopback: bool) -> int:
    """``lasem serve``: check the options, print the banner, serve until Ctrl+C."""
    if args.public and args.desk:
        raise ServeError(i18n.t("serve.public_is_projector"))
    if not 1 <= args.max_sessions <= 50:
        raise ServeError(i18n.t("serve.max_sessions_invalid"))
    if not 1 <= args.idle_minutes <= 1440:
        raise ServeError(i18n.t("serve.idle_invalid"))
    database = shown_database(database_url)
    console = Console(highlight=False, soft_wrap=True)

    def banner(server: GuardedServer) -> None:
        print_banner(console, server, desk=args.desk, database=database, loopback=loopback)

    title = "Lasem desk" if args.desk else "Lasem desk · proyektor"
    server = GuardedServer(
        command,
        host=args.host,
        port=args.port,
        title=title,
        loopback=loopback,
        desk=args.desk,
        public=args.public,
        max_sessions=args.max_sessions,
        idle_seconds=args.idle_minutes * 60,
        banner=banner,
    )
    server.serve()
    return 0
