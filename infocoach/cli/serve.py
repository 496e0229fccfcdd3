"""`infocoach serve [--port N]`: the app in a web browser, for her alone.

Binding to 127.0.0.1 keeps other computers out, but not other users of this computer nor the web
pages open in her browser (a browser sends WebSocket requests to any origin). So, as Jupyter
guards its local server: every request needs the secret key printed at start (a cookie carries
it after the first page), a `Host` other than this server's is refused (DNS rebinding), and so is
a WebSocket from a page of another origin. A few tabs at most, and each tab's app ends with its
tab and with the server, however the server ends."""

from __future__ import annotations

import argparse
import ctypes
import errno
import hmac
import logging
import os
import secrets
import shlex
import signal
import socket
import sys
import threading
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from infocoach.cli.commands import Commands
from infocoach.cli.common import CommandError, say
from infocoach.data import locations

if TYPE_CHECKING:  # textual-serve (aiohttp, Jinja) is imported by this command only
    from aiohttp import web
    from textual_serve.server import Server

# Never another interface: the app shows the user's contacts and notes to whoever connects.
HOST = "127.0.0.1"
# Off the 8000 and 8080 that other development servers take.
DEFAULT_PORT = 8765
# Each tab is a whole app (about 50 MB): enough for a second window, not for a flood.
MAX_TABS = 4
# 256 bits: guessing it over a local socket is out of reach.
KEY_BYTES = 32
# Linux's prctl option that signals a process when the one that started it ends.
PR_SET_PDEATHSIG = 1


def cmd_serve(args: argparse.Namespace) -> int:
    port: int = args.port
    if not 1 <= port <= 65535:
        raise CommandError(f"--port: {port} is not a port number (1 to 65535)")
    ensure_port_free(port)
    # Each browser tab runs its own app through a shell, in textual-serve's environment: the
    # folder goes on its command line, absolute, so neither a cwd nor an env var can change it.
    # `exec` makes the app this server's own child, which `--served-by` ties to it.
    folder = locations.data_dir(args.data_dir).absolute()
    app_command = [sys.executable, "-m", "infocoach", "--data-dir", str(folder)]
    command = "exec " + shlex.join([*app_command, "--served-by", str(os.getpid())])
    data_file = folder / locations.DATA_FILE_NAME
    if data_file.exists():  # a file it cannot read: said here, not in every tab that opens
        from infocoach.data.repositories import Store

        Store(data_file, read_only=True)
    try:
        guarded_server(command, port, secrets.token_urlsafe(KEY_BYTES)).serve()
    except OSError as error:  # taken between the check and now
        if error.errno == errno.EADDRINUSE:
            raise _port_taken(port) from None
        raise
    return 0


def ensure_port_free(port: int) -> None:
    """CommandError, in one line, for a port another program listens on (or one not allowed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # as the server binds (aiohttp sets it too): a port left in TIME_WAIT counts as free
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except PermissionError:
            raise CommandError(
                f"--port: {port} needs administrator rights here; choose one above 1023"
            ) from None
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise _port_taken(port) from None
            raise


def _port_taken(port: int) -> CommandError:
    return CommandError(f"port {port} is taken by another program; choose another with --port N")


def end_with_server(server_pid: int) -> None:
    """Tie a tab's app to the server that started it: when the server ends, however it ends
    (`kill -9` too), the app gets SIGHUP, the signal of a closed terminal, and so saves what she
    typed and goes. Where Linux's parent-death signal is missing, a thread watches instead."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGHUP)
    else:
        threading.Thread(target=_watch_server, args=(server_pid,), daemon=True).start()
    if os.getppid() != server_pid:  # it ended before the signal was asked for
        raise CommandError("the `infocoach serve` that started this tab has ended", 1)


def _watch_server(server_pid: int) -> None:
    stopped = threading.Event()
    while not stopped.wait(1.0):
        if os.getppid() != server_pid:
            os.kill(os.getpid(), signal.SIGHUP)
            return


def guarded_server(command: str, port: int, key: str) -> Server:
    """textual-serve's server behind the key, host and origin checks and the tab limit, saying
    only where it is (once it listens, so the address works when shown) and what goes wrong:
    no logo, no line per request."""
    from aiohttp import web
    from textual_serve.server import Server

    own_hosts = {f"{HOST}:{port}", f"localhost:{port}"}
    own_origins = {f"http://{host}" for host in own_hosts}
    address = f"http://{HOST}:{port}"
    # Cookies are kept per host, not per port: the port in the name keeps two servers apart.
    cookie = f"infocoach-key-{port}"

    def refuse(status: int, why: str) -> web.Response:
        return web.Response(status=status, text=f"infocoach: {why}\n", headers=_PRIVATE)

    def holds_the_key(request: web.Request) -> bool:
        given = request.query.get("key") or request.cookies.get(cookie) or ""
        return hmac.compare_digest(given.encode(), key.encode())

    class GuardedServer(Server):
        open_tabs = 0

        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.WARNING, format="infocoach serve: %(message)s")

        async def on_startup(self, app: web.Application) -> None:
            say(f"infocoach is at {address}/?key={key} — Ctrl+C stops it")
            sys.stdout.flush()  # to a pipe too, at once

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(self.guard)
            return app

        @web.middleware
        async def guard(
            self,
            request: web.Request,
            handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
        ) -> web.StreamResponse:
            if request.host == f"localhost:{port}":  # one origin, so the page's socket is too
                raise web.HTTPFound(f"{address}{request.path_qs}")
            if request.host not in own_hosts:
                return refuse(403, f"this page answers only at {address}")
            origin = request.headers.get("Origin")
            if origin is not None and origin not in own_origins:
                return refuse(403, "another web site may not open this page")
            if not holds_the_key(request):
                return refuse(
                    403,
                    "open the whole address `infocoach serve` printed in its terminal "
                    "(the part after ?key= lets you in)",
                )
            is_page = request.path == "/"
            if is_page and self.open_tabs >= MAX_TABS:
                return refuse(
                    429,
                    f"infocoach is open in {MAX_TABS} tabs already; "
                    "close one of them, then reload this page",
                )
            response = await handler(request)
            if is_page and "key" in request.query:
                response.set_cookie(cookie, key, httponly=True, samesite="Strict", path="/")
                response.headers.update(_PRIVATE)
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            if self.open_tabs >= MAX_TABS:
                raise web.HTTPTooManyRequests(text=f"infocoach: at most {MAX_TABS} tabs\n")
            self.open_tabs += 1
            try:
                return await super().handle_websocket(request)
            finally:
                self.open_tabs -= 1

    return GuardedServer(command, host=HOST, port=port, title="infocoach", public_url=address)


# The key is in the page's address: neither cached nor sent on to the font's server.
_PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def register(commands: Commands) -> None:
    serve = commands.add(
        "serve",
        cmd_serve,
        help="open the app in a web browser, on this computer only",
        description="Serve the app to a web browser on this computer: open the address it "
        f"prints (http://{HOST}:PORT/?key=...). It listens on {HOST} only, so no other "
        "computer can connect, and the page answers only with the secret key in that address, "
        "made anew at each start, so neither another user of this computer nor another web "
        f"page can open it. At most {MAX_TABS} tabs at once; each runs the app on the same data "
        "file as the terminal app, with the same lock. Ctrl+C stops it, and the tabs' apps "
        "with it.",
    )
    serve.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"the port to listen on (default: {DEFAULT_PORT})",
    )
