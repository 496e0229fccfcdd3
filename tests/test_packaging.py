"""The wheel carries everything the app reads at run time, and works outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_content_and_works_from_another_folder(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("infocoach-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("steps.yaml", "questions.yaml", "scripts.yaml", "guide.yaml"):
        assert f"infocoach/content/{needed}" in names
    assert {"infocoach/tui/app.tcss", "infocoach/tui/help.md"} <= names

    installed = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(installed)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "import infocoach.guidance.loader as c;"
        "print(c.shipped_content_dir());"
        "print(len(c.load_guidance().questions))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=elsewhere,
        env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    folder, count = result.stdout.split()
    assert Path(folder) == installed / "infocoach" / "content"
    assert int(count) >= 60
