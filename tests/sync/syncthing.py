"""Two Syncthing instances on this machine, sharing one folder over 127.0.0.1 only: a stand-in
for a laptop and a desktop syncing infocoach's data folder.

Each instance has its own home (config, keys, database) and its own copy of the folder. Nothing
leaves the loopback interface: no global or local discovery, no relays, no NAT traversal, no
usage reports, no upgrades. The REST API (stdlib urllib only) drives everything else.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path
from typing import Any

FOLDER_ID = "infocoach"

# Generous for a loaded two-core machine; a quiet one is done in a second or two.
WAIT_SECONDS = 60.0
POLL_SECONDS = 0.2

# The lines the README tells users to put in .stignore: the lock, the app's first screen and
# the temp files only mean something on the machine that made them.
STIGNORE = "(?d).*.lock\n(?d).*.first\n(?d)*.tmp\n"

# Options that keep an instance on the loopback interface and quiet.
PRIVATE_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
}


class SyncthingMissing(RuntimeError):
    pass


def syncthing_binary() -> str:
    found = shutil.which("syncthing")
    if found is None:
        raise SyncthingMissing(
            "syncthing is not installed: the two-machine test needs it "
            "(apt-get install syncthing; .ci/run installs it)"
        )
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(what: str, ready: Callable[[], bool], seconds: float = WAIT_SECONDS) -> None:
    """Poll `ready` until it is true; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {seconds:.0f} s for {what}")
        time.sleep(POLL_SECONDS)


def file_hashes(folder: Path) -> dict[str, str]:
    """Every synced file under `folder` (relative path → sha256), leaving out what Syncthing
    keeps to itself and what .stignore keeps on this machine."""
    hashes = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if not path.is_file() or name.startswith((".stfolder", ".stignore", ".stversions")):
            continue
        if path.name.endswith((".lock", ".first", ".tmp")):
            continue
        hashes[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


class Machine:
    """One Syncthing instance and the data folder it shares."""

    def __init__(self, name: str, root: Path) -> None:
        self.name = name
        self.home = root / "syncthing"
        self.folder = root / "data"
        self.config_dir = root / "config"
        self.api_key = secrets.token_hex(16)
        self.gui_port = free_port()
        self.listen_port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.device_id = ""
        self.log = root / "syncthing.log"

    @property
    def address(self) -> str:
        return f"tcp://127.0.0.1:{self.listen_port}"

    def start(self) -> None:
        binary = syncthing_binary()
        # The environment rather than flags where both exist: flags come and go between
        # Syncthing versions, unknown variables are ignored.
        env = {**os.environ, "STNOUPGRADE": "1", "STNORESTART": "1", "STNODEFAULTFOLDER": "1"}
        subprocess.run(
            [binary, "generate", f"--home={self.home}"],
            env=env,
            check=True,
            capture_output=True,
            timeout=WAIT_SECONDS,
        )
        self._keep_private()
        self.folder.mkdir(mode=0o700)
        (self.folder / ".stfolder").mkdir()
        (self.folder / ".stignore").write_text(STIGNORE, encoding="utf-8")
        self.config_dir.mkdir()
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    binary,
                    "serve",
                    f"--home={self.home}",
                    "--no-browser",
                    f"--gui-address=http://127.0.0.1:{self.gui_port}",
                    f"--gui-apikey={self.api_key}",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
        wait_for(f"{self.name}'s Syncthing API", self._answers)
        self.device_id = self.api("GET", "/rest/system/status")["myID"]

    def _keep_private(self) -> None:
        """Loopback only, before the first start: nothing is announced or listened for
        elsewhere even for a moment."""
        config_file = self.home / "config.xml"
        tree = ElementTree.parse(config_file)
        options = tree.getroot().find("options")
        assert options is not None, f"no <options> in {config_file}"
        for old in options.findall("listenAddress"):
            options.remove(old)
        listen = ElementTree.SubElement(options, "listenAddress")
        listen.text = self.address
        for key, value in PRIVATE_OPTIONS.items():
            element = options.find(key)
            if element is None:
                element = ElementTree.SubElement(options, key)
            element.text = value
        tree.write(config_file)

    def _answers(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise RuntimeError(f"{self.name}'s Syncthing exited:\n{self.log.read_text()[-3000:]}")
        try:
            self.api("GET", "/rest/system/ping")
        except (OSError, urllib.error.URLError):
            return False
        return True

    def api(self, method: str, path: str, body: object = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            data=data,
            method=method,
            headers={"X-API-Key": self.api_key, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=WAIT_SECONDS) as response:
            payload = response.read()
        return json.loads(payload) if payload.strip() else None

    def share_with(self, other: Machine) -> None:
        """Know `other` at its one address, and share the data folder with it."""
        self.api(
            "POST",
            "/rest/config/devices",
            {"deviceID": other.device_id, "name": other.name, "addresses": [other.address]},
        )
        self.api(
            "POST",
            "/rest/config/folders",
            {
                "id": FOLDER_ID,
                "label": FOLDER_ID,
                "path": str(self.folder),
                "type": "sendreceive",
                "devices": [{"deviceID": self.device_id}, {"deviceID": other.device_id}],
                "fsWatcherEnabled": True,
                "fsWatcherDelayS": 1,
                "rescanIntervalS": 3600,
            },
        )

    def set_paused(self, paused: bool) -> None:
        self.api("PATCH", f"/rest/config/folders/{FOLDER_ID}", {"paused": paused})

    def scan(self) -> None:
        """Look at the folder now rather than when the watcher gets to it."""
        self.api("POST", f"/rest/db/scan?folder={FOLDER_ID}")

    def folder_status(self) -> dict[str, Any]:
        status: dict[str, Any] = self.api("GET", f"/rest/db/status?folder={FOLDER_ID}")
        return status

    def at_rest_with(self, other: Machine) -> bool:
        """Whether this side needs nothing, is idle, and sees `other` holding everything this
        side has (Syncthing's completion of `other`, as this side knows it)."""
        completion = self.api(
            "GET", f"/rest/db/completion?folder={FOLDER_ID}&device={other.device_id}"
        )
        status = self.folder_status()
        return bool(
            completion["completion"] == 100
            and completion["needItems"] == 0
            and completion["needDeletes"] == 0
            and status["needTotalItems"] == 0
            and status["state"] == "idle"
        )

    def synced_names(self) -> set[str]:
        """What the folder holds at its top level in Syncthing's global index: every file
        that travels between the machines."""
        tree = self.api("GET", f"/rest/db/browse?folder={FOLDER_ID}&levels=0")
        return {entry["name"] for entry in tree} if isinstance(tree, list) else set(tree)

    def connected_to(self, other: Machine) -> bool:
        connections = self.api("GET", "/rest/system/connections")["connections"]
        return bool(connections.get(other.device_id, {}).get("connected"))

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self.api("POST", "/rest/system/shutdown")
            self.process.wait(timeout=10)
        except (OSError, urllib.error.URLError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


class TwoMachines:
    """Machines `a` and `b`, each with its own copy of one shared infocoach data folder."""

    def __init__(self, root: Path) -> None:
        self.a = Machine("a", root / "a")
        self.b = Machine("b", root / "b")
        self.machines = (self.a, self.b)

    def start(self) -> None:
        for machine in self.machines:
            machine.start()
        self.a.share_with(self.b)
        self.b.share_with(self.a)
        wait_for("the two machines to connect", lambda: self.a.connected_to(self.b))

    def stop(self) -> None:
        for machine in self.machines:
            machine.stop()

    def pause_folder(self) -> None:
        """Stop syncing on both sides: like two machines offline, each changing its copy."""
        for machine in self.machines:
            machine.set_paused(True)
        wait_for("the folder to pause", self._all_paused)

    def resume_folder(self) -> None:
        for machine in self.machines:
            machine.set_paused(False)
        wait_for("the machines to reconnect", lambda: self.a.connected_to(self.b))

    def _all_paused(self) -> bool:
        # a stopped folder has no state in Syncthing 1.x; newer versions may say "paused"
        return all(m.folder_status()["state"] in ("", "paused") for m in self.machines)

    def wait_in_sync(self) -> None:
        """Until both sides have scanned, hold each other's changes, are at rest, and hold the
        same files byte for byte."""
        deadline = time.monotonic() + WAIT_SECONDS
        for machine in self.machines:
            machine.scan()

        def settled() -> bool:
            return (
                self.a.at_rest_with(self.b)
                and self.b.at_rest_with(self.a)
                and file_hashes(self.a.folder) == file_hashes(self.b.folder)
            )

        try:
            wait_for("the two copies to be in sync", settled, deadline - time.monotonic())
        except TimeoutError:
            raise TimeoutError(self._disagreement()) from None

    def _disagreement(self) -> str:
        a, b = file_hashes(self.a.folder), file_hashes(self.b.folder)
        differing = sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))
        return (
            f"the copies did not agree within {WAIT_SECONDS:.0f} s; differing files: "
            f"{differing}; a: {self.a.folder_status()['state']}, "
            f"b: {self.b.folder_status()['state']}"
        )
