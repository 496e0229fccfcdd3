"""The conflict copies a sync tool leaves beside the data file when two machines changed it
while apart: Syncthing's, Dropbox's and Nextcloud's (or ownCloud's) names for them."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ConflictCopy:
    path: Path
    tool: str  # "Syncthing", "Dropbox", "Nextcloud"
    when: str  # as the name tells it: "2026-12-02 10:15", or only the day

    def describe(self) -> str:
        return f"{self.tool} conflict copy of {self.when}"


def _patterns(stem: str, suffix: str) -> list[tuple[str, re.Pattern[str]]]:
    name, ext = re.escape(stem), re.escape(suffix)
    return [
        # infocoach.sync-conflict-20261202-101500-ABCDEF7.json
        ("Syncthing", re.compile(
            rf"{name}\.sync-conflict-(?P<day>\d{{8}})-(?P<time>\d{{6}})-[A-Z0-9]+{ext}"
        )),
        # infocoach (conflicted copy 2026-12-02 101500).json
        ("Nextcloud", re.compile(
            rf"{name} \(conflicted copy (?P<day>\d{{4}}-\d{{2}}-\d{{2}}) (?P<time>\d{{6}})\){ext}"
        )),
        # infocoach (Ann's conflicted copy 2026-12-02).json, "... 2026-12-02 (1)).json"
        ("Dropbox", re.compile(
            rf"{name} \((?:[^()]*'s )?conflicted copy (?P<day>\d{{4}}-\d{{2}}-\d{{2}})"
            rf"(?: \(\d+\))?\){ext}"
        )),
    ]  # fmt: skip


def conflict_copies(data_file: Path) -> list[ConflictCopy]:
    """The conflict copies of `data_file` in its folder, by name; none when it cannot be
    listed (the data file's own reading reports that)."""
    patterns = _patterns(data_file.stem, data_file.suffix)
    try:
        with os.scandir(data_file.parent) as entries:
            names = sorted(entry.name for entry in entries if entry.is_file())
    except OSError:
        return []
    found = []
    for name in names:
        for tool, pattern in patterns:
            matched = pattern.fullmatch(name)
            if matched:
                found.append(ConflictCopy(data_file.parent / name, tool, _when(matched)))
                break
    return found


def _when(matched: re.Match[str]) -> str:
    day = matched["day"]
    if len(day) == 8:
        day = f"{day[:4]}-{day[4:6]}-{day[6:]}"
    time = matched.groupdict().get("time")
    return f"{day} {time[:2]}:{time[2:4]}" if time else day
