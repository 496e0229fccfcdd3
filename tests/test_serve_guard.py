"""`infocoach serve` refuses whoever lacks her key, comes by another name or from another
origin: tried as another user of this computer would, with a script and no browser."""

from __future__ import annotations

import asyncio
import http.client
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.served import Served, serving

# Long enough for an app to start if the server were to let a request through.
AN_APP_WOULD_HAVE_STARTED_SECONDS = 3


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("serve")) as server:
        yield server


def get(served: Served, path: str, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    connection.request("GET", path, headers=headers)
    return connection.getresponse()


async def open_socket(served: Served, query: str, **headers: str) -> int:
    """The status the server answers a WebSocket handshake with (101: it opened)."""
    url = f"ws://127.0.0.1:{served.port}/ws?width=80&height=24{query}"
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers) as socket:
                await socket.close()
                return 101
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status


@pytest.mark.parametrize("path", ["/", "/ws", "/static/js/textual.js", "/download/x"])
def test_without_the_key_nothing_is_served(served: Served, path: str) -> None:
    for asked in (path, f"{path}?key=", f"{path}?key={served.key[:-1]}"):
        answer = get(served, asked)
        assert answer.status == 403, asked
        assert b"the part after ?key= lets you in" in answer.read()


def test_a_foreign_host_is_refused_with_the_key(served: Served) -> None:
    for host in ("attacker.example", f"attacker.example:{served.port}", "127.0.0.1:1"):
        answer = get(served, f"/?key={served.key}", Host=host)
        assert answer.status == 403, host
        assert answer.read() == (
            f"infocoach: this page answers only at http://127.0.0.1:{served.port}\n".encode()
        )


def test_localhost_is_sent_to_the_one_address_the_page_works_at(served: Served) -> None:
    answer = get(served, f"/?key={served.key}", Host=f"localhost:{served.port}")
    assert answer.status == 302
    assert answer.getheader("Location") == served.address


def test_the_page_with_the_key_sets_a_cookie_only_this_server_and_page_can_use(
    served: Served,
) -> None:
    answer = get(served, f"/?key={served.key}")
    assert answer.status == 200
    assert b'data-session-websocket-url="ws://127.0.0.1:' in answer.read()
    cookie = answer.getheader("Set-Cookie") or ""
    assert cookie.startswith(f"infocoach-key-{served.port}={served.key};")
    assert {"HttpOnly", "SameSite=Strict", "Path=/"} <= {part.strip() for part in cookie.split(";")}
    assert answer.getheader("Referrer-Policy") == "no-referrer"
    # and the cookie lets a reload in
    reload = get(served, "/", Cookie=f"infocoach-key-{served.port}={served.key}")
    assert reload.status == 200
    # a cookie of another port's server does not
    other = get(served, "/", Cookie=f"infocoach-key-{served.port + 1}={served.key}")
    assert other.status == 403


def test_a_socket_from_another_origin_or_without_the_key_opens_no_app(served: Served) -> None:
    own = f"http://127.0.0.1:{served.port}"
    cookie = f"infocoach-key-{served.port}={served.key}"
    refused = {
        "no key": open_socket(served, ""),
        "wrong key": open_socket(served, f"&key={served.key[:-1]}x", Origin=own),
        "another origin, key in the query": open_socket(
            served, f"&key={served.key}", Origin="http://evil.example"
        ),
        "another origin, key in a cookie": open_socket(
            served, "", Origin=f"http://evil.example:{served.port}", Cookie=cookie
        ),
        "a null origin (a sandboxed frame)": open_socket(served, "", Origin="null", Cookie=cookie),
        "another port": open_socket(
            served, "", Origin=f"http://127.0.0.1:{served.port + 1}", Cookie=cookie
        ),
    }

    async def try_all() -> dict[str, int]:
        return {way: await attempt for way, attempt in refused.items()}

    assert asyncio.run(try_all()) == dict.fromkeys(refused, 403)
    time.sleep(AN_APP_WOULD_HAVE_STARTED_SECONDS)
    assert served.apps() == []


def test_each_start_makes_a_fresh_long_key(served: Served, tmp_path: Path) -> None:
    with serving(tmp_path) as second:
        assert second.key != served.key
    for key in (served.key, second.key):  # 32 random bytes, URL-safe base64: 43 characters
        assert len(key) >= 43
