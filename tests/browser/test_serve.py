"""`infocoach serve` in a real browser: a headless Chromium, driven by Selenium, types in it."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from infocoach.cli.common import EXIT_BAD_INPUT
from infocoach.cli.main import main
from infocoach.data import locations

# Each step on a loaded two-core machine: Chromium's start, the app's first frame, a save.
PATIENCE_SECONDS = 60

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(
    condition: Callable[[], bool], what: str, explain: Callable[[], str] = lambda: ""
) -> None:
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"after {PATIENCE_SECONDS} s, still no {what}. {explain()}")
        time.sleep(0.25)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`infocoach serve` on a free port and a data folder given by --data-dir (the env var
    points elsewhere, the cwd is elsewhere): its address and that folder."""
    folder = tmp_path / "served-data"
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "infocoach", "serve", "--port", str(port), "--data-dir", folder],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: the apps it starts go with it
    )
    assert server.stdout is not None
    said: list[str] = []
    reader = threading.Thread(target=lambda: said.extend(server.stdout or ()), daemon=True)
    reader.start()
    try:
        wait_for(
            lambda: bool(said) or server.poll() is not None,
            "address from `infocoach serve`",
        )
        assert said and said[0] == f"infocoach is at http://127.0.0.1:{port} — Ctrl+C stops it\n", (
            f"`infocoach serve` said {''.join(said)!r} (status {server.poll()})"
        )
        yield f"http://127.0.0.1:{port}/", folder
    finally:
        stop(server)


def stop(server: subprocess.Popen[str]) -> None:
    """Ctrl+C's way out (SIGTERM, which textual-serve handles alike), then SIGKILL for whatever
    of the group is left: the server and the app of each browser session."""
    for way_out in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):  # none of the group left
            os.killpg(server.pid, way_out)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=15)


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and chromedriver):
        pytest.fail("needs Chromium and its driver: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--window-size=1400,1000"):
        options.add_argument(argument)  # --no-sandbox: CI runs as root
    driver = webdriver.Chrome(options=options, service=Service(chromedriver))
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINALS})
        yield driver
    finally:
        driver.quit()


def saved_names(folder: Path) -> list[str]:
    try:
        data = json.loads((folder / locations.DATA_FILE_NAME).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):  # not saved yet
        return []
    return [row.get("name") for row in data.get("contacts", {}).values()]


def test_the_app_in_a_browser_adds_a_contact_to_the_data_file(
    served: tuple[str, Path], browser: webdriver.Chrome
) -> None:
    address, folder = served
    browser.get(address)

    def screen() -> str:
        return str(browser.execute_script(READ_SCREEN) or "")

    def shown() -> str:
        return f"The page shows:\n{screen()}"

    wait_for(lambda: "Contacts" in screen(), "Contacts pane in the page", shown)

    browser.find_element(By.CSS_SELECTOR, ".xterm-screen").click()  # focus, as a person would
    ActionChains(browser).send_keys("a").perform()
    wait_for(lambda: "Add a contact" in screen(), "contact form after `a`", shown)
    ActionChains(browser).send_keys("Browser Test Person").perform()
    # saved once the name shows, as a person would: ctrl+s is a priority key, handled before
    # letters still waiting in the field's queue
    wait_for(lambda: "Browser Test Person" in screen(), "typed name in the form", shown)
    save = ActionChains(browser).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL)
    save.perform()

    wait_for(
        lambda: "Browser Test Person" in screen() and "Add a contact" not in screen(),
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
