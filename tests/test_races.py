"""Processes racing on one data file: every change that was acknowledged is on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from infocoach.data.repositories import Store

ROUNDS = 15
WRITERS = 6


@pytest.mark.slow
def test_racing_first_opens_of_an_old_schema_file_lose_no_add(tmp_path: Path) -> None:
    """Six `infocoach add` at once on a schema-0 file, fifteen times: the first save of each
    migrates it, and none of them may save over an add another one made meanwhile."""
    env = {**os.environ, "INFOCOACH_CONFIG_DIR": str(tmp_path / "config")}
    for round_number in range(ROUNDS):
        folder = tmp_path / f"round-{round_number}"
        folder.mkdir()
        schema_0 = {"_default": {"1": {"name": "From the prototype", "checked": ["a"]}}}
        (folder / "infocoach.json").write_text(json.dumps(schema_0))
        names = [f"Writer {round_number}-{n}" for n in range(WRITERS)]
        writers = [
            subprocess.Popen(
                [sys.executable, "-m", "infocoach", "--data-dir", str(folder), "add", name],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for name in names
        ]
        acknowledged = [
            name for name, writer in zip(names, writers, strict=True) if writer.wait(60) == 0
        ]
        assert acknowledged == names, [w.stderr.read() for w in writers if w.stderr]
        stored = {c.name for c in Store(folder / "infocoach.json").contacts()}
        assert stored == {"From the prototype", *names}, f"round {round_number}"
