"""Issue 29 on the command line: names found whatever their accents, `edit`, `delete`, and
`add` with every field."""

from __future__ import annotations

import pytest

from infocoach.cli import main as cli


def test_history_finds_a_name_typed_without_its_accents(
    data_file: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["add", "José Álvarez", "--company", "Acme"]) == 0
    assert cli.main(["log", "jose alvarez", "reached-out", "--date", "2026-11-03"]) == 0
    capsys.readouterr()
    assert cli.main(["history", "Jose Alvarez"]) == 0
    assert "reached-out" in capsys.readouterr().out
