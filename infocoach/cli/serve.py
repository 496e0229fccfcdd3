"""`infocoach serve [--port N]`: the app in a web browser, on this computer only."""

from __future__ import annotations

import argparse
import errno
import logging
import shlex
import socket
import sys
from typing import TYPE_CHECKING

from infocoach.cli.common import CommandError, say
from infocoach.data import locations

if TYPE_CHECKING:  # textual-serve (aiohttp, Jinja) is imported by this command only
    from aiohttp import web
    from textual_serve.server import Server

# Never another interface: the app shows the user's contacts and notes to whoever connects.
HOST = "127.0.0.1"
# Off the 8000 and 8080 that other development servers take.
DEFAULT_PORT = 8765


def cmd_serve(args: argparse.Namespace) -> int:
    port: int = args.port
    if not 1 <= port <= 65535:
        raise CommandError(f"--port: {port} is not a port number (1 to 65535)")
    ensure_port_free(port)
    # Each browser tab runs its own app through a shell, in textual-serve's environment: the
    # folder goes on its command line, absolute, so neither a cwd nor an env var can change it.
    folder = locations.data_dir(args.data_dir).absolute()
    command = shlex.join([sys.executable, "-m", "infocoach", "--data-dir", str(folder)])
    data_file = folder / locations.DATA_FILE_NAME
    if data_file.exists():  # a file it cannot read: said here, not in every tab that opens
        from infocoach.data.store import Store

        Store(data_file, read_only=True)
    try:
        quiet_server(command, port).serve()
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


def quiet_server(command: str, port: int) -> Server:
    """textual-serve's server, saying only where it is (once it listens, so the address works
    when shown) and what goes wrong: no logo, no line per request."""
    from textual_serve.server import Server

    class QuietServer(Server):
        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.WARNING, format="infocoach serve: %(message)s")

        async def on_startup(self, app: web.Application) -> None:
            say(f"infocoach is at {self.public_url} — Ctrl+C stops it")
            sys.stdout.flush()  # to a pipe too, at once

    address = f"http://{HOST}:{port}"
    return QuietServer(command, host=HOST, port=port, title="infocoach", public_url=address)


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    serve = commands.add_parser(
        "serve",
        parents=parents,
        help="open the app in a web browser, on this computer only",
        description="Serve the app to a web browser on this computer: open the address it "
        f"prints (http://{HOST}:PORT). It listens on {HOST} only, so no other computer can "
        "connect. Each browser tab runs the app on the same data file as the terminal app, "
        "with the same lock. Ctrl+C stops it.",
    )
    serve.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"the port to listen on (default: {DEFAULT_PORT})",
    )
    serve.set_defaults(handler=cmd_serve)
