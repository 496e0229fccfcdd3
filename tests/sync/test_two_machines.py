"""Two machines share the data folder through Syncthing, both change it while apart, and once
they meet again nothing either side did is lost.

Real processes all the way: two Syncthing instances on 127.0.0.1 (tests/sync/syncthing.py) and
the `infocoach` command line on each side. The command line has no edit or delete command, so
those changes go through the Store in a process of their own, as the app makes them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.sync.syncthing import WAIT_SECONDS, Machine, TwoMachines

DATA_FILE = "infocoach.json"
CONFLICT_GLOB = "infocoach.sync-conflict-*.json"
LOCK_FILE = ".~infocoach.json.lock"

MET = "Met at the meetup."
NOTE_ON_A = "A: ask about data teams."
NOTE_ON_B = "B: send the deck."

CHANGE_CONTACT = """
import sys
from infocoach.data import locations
from infocoach.data.repositories import Store

store = Store(locations.data_file())
action, name, *fields = sys.argv[1:]
contact = store.find_contact(name)
if action == "delete":
    store.delete_contact(contact.id)
else:
    store.update_contact(contact.id, **dict(field.split("=", 1) for field in fields))
"""


# What the app does first when it starts (`cli.main._run_app`): open the data file for writing,
# which merges a conflict copy, saves the result and moves the copy to backups/.
OPEN_AS_THE_APP_DOES = """
from infocoach.data import locations
from infocoach.data.repositories import Store

for line in Store(locations.data_file()).take_merged():
    print(line)
"""


def open_as_the_app_does(machine: Machine) -> str:
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AS_THE_APP_DOES],
        env=environment(machine),
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS,
    )
    assert done.returncode == 0, f"opening on {machine.name}: {done.stderr}"
    return done.stdout


def environment(machine: Machine) -> dict[str, str]:
    return {
        **os.environ,
        "INFOCOACH_DATA_DIR": str(machine.folder),
        "INFOCOACH_CONFIG_DIR": str(machine.config_dir),
    }


def infocoach(machine: Machine, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "infocoach", *args],
        env=environment(machine),
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS,
    )
    assert done.returncode == 0, f"infocoach {' '.join(args)} on {machine.name}: {done.stderr}"
    return done


def change_contact(machine: Machine, action: str, name: str, **fields: str) -> None:
    assignments = [f"{field}={value}" for field, value in fields.items()]
    done = subprocess.run(
        [sys.executable, "-c", CHANGE_CONTACT, action, name, *assignments],
        env=environment(machine),
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS,
    )
    assert done.returncode == 0, f"{action} {name} on {machine.name}: {done.stderr}"


def contacts(machine: Machine) -> dict[str, dict[str, Any]]:
    listed = json.loads(infocoach(machine, "list", "--json").stdout)
    by_name = {contact["name"]: contact for contact in listed}
    assert len(by_name) == len(listed), f"a name twice on {machine.name}: {listed}"
    return by_name


def next_second() -> None:
    """Let the wall clock move on, so the change after this one is plainly the newer (the
    data file records changes to the second)."""
    time.sleep(1.1)


def names_in(data_file: Path) -> frozenset[str]:
    """The contact names in a data file, read as it lies on disk (no infocoach involved, so
    nothing is merged yet)."""
    tables = json.loads(data_file.read_text(encoding="utf-8"))
    return frozenset(contact["name"] for contact in tables["contacts"].values())


def conflict_copies(machine: Machine) -> list[Path]:
    return sorted(machine.folder.glob(CONFLICT_GLOB))


@pytest.mark.slow
def test_changes_made_apart_on_two_machines_all_survive(two_machines: TwoMachines) -> None:
    a, b = two_machines.a, two_machines.b

    # -- together: what A adds, B sees ---------------------------------------------------------
    infocoach(a, "add", "Ada Park", "--company", "Acme", "--role", "Analyst", "--notes", MET)
    for name in ("Carl Ode", "Dan Roe", "Eve Lin"):
        infocoach(a, "add", name, "--role", "Engineer")
    two_machines.wait_in_sync()
    together = contacts(a)
    assert set(together) == {"Ada Park", "Carl Ode", "Dan Roe", "Eve Lin"}
    assert contacts(b) == together

    # -- apart: each machine changes its own copy ---------------------------------------------
    two_machines.pause_folder()
    infocoach(a, "add", "Xavier Moss")
    infocoach(b, "add", "Yuki Sato")
    # Eve: deleted on A, then edited on B: the edit is newer, so Eve stays, with B's edit.
    change_contact(a, "delete", "Eve Lin")
    # Dan: edited on B, then deleted on A: the deletion is newer, so Dan goes.
    change_contact(b, "update", "Dan Roe", role="Staff Engineer")
    # Ada: both edit her, B later; notes edited on both sides keep both texts.
    change_contact(a, "update", "Ada Park", role="Director", notes=f"{MET} {NOTE_ON_A}")
    next_second()
    change_contact(b, "update", "Eve Lin", role="Principal Engineer")
    change_contact(a, "delete", "Dan Roe")
    next_second()
    change_contact(
        b, "update", "Ada Park", role="VP of Data", company="Northwind", notes=f"{MET} {NOTE_ON_B}"
    )
    assert set(contacts(a)) == {"Ada Park", "Carl Ode", "Xavier Moss"}
    assert set(contacts(b)) == {"Ada Park", "Carl Ode", "Dan Roe", "Eve Lin", "Yuki Sato"}

    # -- together again: Syncthing keeps one file and leaves the other as a conflict copy ------
    two_machines.resume_folder()
    two_machines.wait_in_sync()
    copies = {machine.name: conflict_copies(machine) for machine in (a, b)}
    assert all(len(found) == 1 for found in copies.values()), copies
    assert copies["a"][0].name == copies["b"][0].name
    # Between the two files, still everything: A's and B's side, one each.
    kept, copy = names_in(a.folder / DATA_FILE), names_in(copies["a"][0])
    assert {kept, copy} == {
        frozenset({"Ada Park", "Carl Ode", "Xavier Moss"}),
        frozenset({"Ada Park", "Carl Ode", "Dan Roe", "Eve Lin", "Yuki Sato"}),
    }
    # Only the data travelled: each machine's lock stayed home (.stignore, as in the README).
    travelled = a.synced_names()
    assert DATA_FILE in travelled
    assert LOCK_FILE not in travelled
    assert (a.folder / LOCK_FILE).exists() and (b.folder / LOCK_FILE).exists()

    # -- any infocoach command shows the merge; opening the app saves it, and it travels ------
    # A command that only reads merges in memory (and says so), writing nothing.
    merging = infocoach(a, "list", "--json")
    assert "Not saved yet" in merging.stderr
    shown_on_a = {contact["name"] for contact in json.loads(merging.stdout)}
    assert shown_on_a == {"Ada Park", "Carl Ode", "Eve Lin", "Xavier Moss", "Yuki Sato"}
    # She opens infocoach on A: the merge is saved and the copy moves to backups/.
    said = open_as_the_app_does(a)
    assert said.startswith("Merged changes from another machine"), said
    two_machines.wait_in_sync()

    merged = contacts(a)
    assert contacts(b) == merged
    assert set(merged) == {"Ada Park", "Carl Ode", "Eve Lin", "Xavier Moss", "Yuki Sato"}
    ada = merged["Ada Park"]
    assert (ada["role"], ada["company"]) == ("VP of Data", "Northwind")
    assert NOTE_ON_A in ada["notes"]
    assert NOTE_ON_B in ada["notes"]
    assert merged["Eve Lin"]["role"] == "Principal Engineer"
    for machine in (a, b):
        assert conflict_copies(machine) == []
        backups = (machine.folder / "backups").iterdir()
        assert any("sync-conflict" in path.name for path in backups), machine.name
    assert len(merging.stderr.splitlines()) == 1, f"one line on what was merged: {merging.stderr!r}"
