"""`infocoach serve` in a real browser: a headless Chromium, driven by Selenium, types in it,
and a page of another origin tries to drive it."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from infocoach.cli.common import EXIT_BAD_INPUT
from infocoach.cli.main import main
from infocoach.cli.serve import MAX_TABS
from infocoach.data import locations
from tests.programs import require_programs
from tests.served import Served, serving, wait_for

# A web site she has open, whose name its owner points at 127.0.0.1 (DNS rebinding).
HOSTILE_HOST = "evil.example"
# Long enough for an app to start if the server were to let a request through.
AN_APP_WOULD_HAVE_STARTED_SECONDS = 3

# textual-serve's page keeps its xterm.js Terminal in a local variable and draws it on a canvas
# (WebGL), so the text is in no DOM node. Before the page's script runs, this catches each
# object given a `_core` (xterm.js's Terminal keeps its engine there), so the test can read the
# screen through xterm.js's public buffer API: what the page shows, row by row.
CATCH_TERMINALS = """
window.caughtTerminals = [];
Object.defineProperty(Object.prototype, "_core", {
    configurable: true,
    set(value) {
        Object.defineProperty(this, "_core", {value, writable: true, configurable: true});
        window.caughtTerminals.push(this);
    },
});
"""
READ_SCREEN = """
const terminal = window.caughtTerminals.find((caught) => caught.buffer?.active?.getLine);
if (!terminal) return null;
const buffer = terminal.buffer.active;
const rows = [];
for (let row = 0; row < terminal.rows; row++) {
    rows.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? "");
}
return rows.join("\\n");
"""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serving(tmp_path) as server:
        yield server


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    require_programs("chromium", "chromedriver", install="apt-get install chromium chromium-driver")
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--window-size=1400,1000",
        f"--host-resolver-rules=MAP {HOSTILE_HOST} 127.0.0.1",  # a name that rebinds to here
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(chromedriver))
    try:
        catch_terminals(driver)
        yield driver
    finally:
        driver.quit()


def catch_terminals(browser: webdriver.Chrome) -> None:
    """In the current tab, from its next page on (each tab is a target of its own)."""
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINALS})


def new_tab(browser: webdriver.Chrome) -> None:
    browser.switch_to.new_window("tab")
    catch_terminals(browser)


def page_text(browser: webdriver.Chrome) -> str:
    return str(browser.find_element(By.TAG_NAME, "body").text)


def saved_names(folder: Path) -> list[str]:
    try:
        data = json.loads((folder / locations.DATA_FILE_NAME).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):  # not saved yet
        return []
    return [row.get("name") for row in data.get("contacts", {}).values()]


def screen(browser: webdriver.Chrome) -> str:
    return str(browser.execute_script(READ_SCREEN) or "")


def open_the_app(browser: webdriver.Chrome, address: str) -> None:
    browser.get(address)
    wait_for(
        lambda: "Contacts" in screen(browser),
        "Contacts pane in the page",
        lambda: f"The page shows:\n{screen(browser)}\n{browser.page_source[:500]}",
    )


def test_the_app_in_a_browser_adds_a_contact_to_the_data_file(
    served: Served, browser: webdriver.Chrome
) -> None:
    folder = served.folder
    open_the_app(browser, served.address)

    def shown() -> str:
        return f"The page shows:\n{screen(browser)}"

    browser.find_element(By.CSS_SELECTOR, ".xterm-screen").click()  # focus, as a person would
    ActionChains(browser).send_keys("a").perform()
    wait_for(lambda: "Add a contact" in screen(browser), "contact form after `a`", shown)
    ActionChains(browser).send_keys("Browser Test Person").perform()
    # saved once the name shows, as a person would: ctrl+s is a priority key, handled before
    # letters still waiting in the field's queue
    wait_for(lambda: "Browser Test Person" in screen(browser), "typed name in the form", shown)
    save = ActionChains(browser).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL)
    save.perform()

    wait_for(
        lambda: "Browser Test Person" in screen(browser) and "Add a contact" not in screen(browser),
        "new contact in the list",
        shown,
    )
    wait_for(
        lambda: "Browser Test Person" in saved_names(folder),
        "new contact in the data file",
        lambda: f"Contacts saved: {saved_names(folder)}",
    )


def test_a_taken_port_is_said_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err == (
        f"infocoach: port {port} is taken by another program; choose another with --port N\n"
    )


@pytest.mark.parametrize("port", ["0", "65536", "-1"])
def test_a_port_out_of_range_is_said_in_one_line(
    port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--port", port]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err == (
        f"infocoach: --port: {port} is not a port number (1 to 65535)\n"
    )


def test_without_the_key_the_page_says_how_to_get_in_and_no_app_starts(
    served: Served, browser: webdriver.Chrome
) -> None:
    browser.get(f"{served.origin}/")
    assert "open the whole address `infocoach serve` printed" in page_text(browser)
    browser.get(f"{served.origin}/?key={served.key[:-1]}")  # one letter short
    assert "open the whole address `infocoach serve` printed" in page_text(browser)
    time.sleep(AN_APP_WOULD_HAVE_STARTED_SECONDS)
    assert served.apps() == []


def test_a_name_rebound_to_this_computer_is_refused_even_with_the_key(
    served: Served, browser: webdriver.Chrome
) -> None:
    browser.get(f"http://{HOSTILE_HOST}:{served.port}/?key={served.key}")
    assert f"this page answers only at {served.origin}" in page_text(browser)
    time.sleep(AN_APP_WOULD_HAVE_STARTED_SECONDS)
    assert served.apps() == []


@pytest.fixture
def hostile_site() -> Iterator[str]:
    """Another web site she has open: an empty page at http://evil.example:PORT/."""

    class EmptyPage(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<!doctype html><title>A web page she has open</title>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), EmptyPage) as site:
        threading.Thread(target=site.serve_forever, daemon=True).start()
        try:
            yield f"http://{HOSTILE_HOST}:{site.server_address[1]}/"
        finally:
            site.shutdown()


TRY_THE_SOCKET = """
const done = arguments[arguments.length - 1];
const socket = new WebSocket(arguments[0]);
const said = [];
socket.onopen = () => { said.push("open"); socket.send(JSON.stringify(["stdin", "h"])); };
socket.onmessage = () => said.push("message");
socket.onerror = () => said.push("error");
socket.onclose = () => done(said);
setTimeout(() => done(said.concat(["still open"])), 10000);
"""


def test_a_page_of_another_origin_cannot_open_the_socket_even_with_the_key(
    served: Served, browser: webdriver.Chrome, hostile_site: str
) -> None:
    browser.get(hostile_site)
    socket_address = f"ws://127.0.0.1:{served.port}/ws?key={served.key}&width=80&height=24"
    said = browser.execute_async_script(TRY_THE_SOCKET, socket_address)
    assert said == ["error"], f"the socket said {said}"
    time.sleep(AN_APP_WOULD_HAVE_STARTED_SECONDS)
    assert served.apps() == []


def test_kill_9_of_the_server_ends_the_app_of_its_tab(
    served: Served, browser: webdriver.Chrome
) -> None:
    open_the_app(browser, served.address)
    assert len(served.apps()) == 1
    os.kill(served.process.pid, signal.SIGKILL)
    wait_for(lambda: not served.apps(), "end of the tab's app", seconds=10)


@pytest.mark.slow
def test_a_tab_too_many_is_told_so_and_a_closed_tab_ends_its_app(
    served: Served, browser: webdriver.Chrome
) -> None:
    open_the_app(browser, served.address)
    for _ in range(MAX_TABS - 1):
        new_tab(browser)
        open_the_app(browser, f"{served.origin}/")  # a later tab: the cookie holds the key
    assert len(served.apps()) == MAX_TABS
    tabs = browser.window_handles

    new_tab(browser)
    browser.get(served.address)
    assert f"infocoach is open in {MAX_TABS} tabs already" in page_text(browser)
    time.sleep(AN_APP_WOULD_HAVE_STARTED_SECONDS)
    assert len(served.apps()) == MAX_TABS
    one_too_many = browser.current_window_handle

    browser.switch_to.window(tabs[0])
    browser.close()
    wait_for(lambda: len(served.apps()) == MAX_TABS - 1, "end of the closed tab's app")
    browser.switch_to.window(one_too_many)
    open_the_app(browser, f"{served.origin}/")
    assert len(served.apps()) == MAX_TABS
