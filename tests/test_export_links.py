"""Files at her paths stay hers (#25): no export writes through a symbolic link it did not make.

Someone who can write to a folder she exports into (a shared or synced folder) plants a link
where her file goes, pointing at one of hers (`~/.bashrc` here): the export refuses in one
line and the file the link points to keeps its bytes.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from infocoach.cli import main as cli
from infocoach.data import files
from infocoach.data.backups import backup_folder
from infocoach.data.repositories import Store
from infocoach.exchange import exporters
from infocoach.exchange.operations import BEFORE_RESTORE, restore, write_export, write_vdir
from infocoach.tui.dialogs.message_editor import save_draft

VICTIM = b"# her shell starts here\nalias ll='ls -l'\n"
FORMATS = (
    ["csv"],
    ["vcard"],
    ["ics"],
    ["json"],
    ["markdown", "--contact", "Ada"],
)


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A fake `~/.bashrc`: what a planted link points at."""
    home = tmp_path / "home"
    home.mkdir()
    bashrc = home / ".bashrc"
    bashrc.write_bytes(VICTIM)
    return bashrc


@pytest.fixture
def shared(tmp_path: Path, data_file: Path) -> Path:
    """A folder another person can write to, and her data with one contact."""
    Store(data_file).add_contact(name="Ada", company="Engines")
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


def refused_in_one_line(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    captured = capsys.readouterr()
    [line] = captured.err.splitlines()
    assert line.startswith(f"infocoach: cannot write {path}: it is a symbolic link")
    assert "remove the link or choose another path" in line
    assert captured.out == ""
    return line


@pytest.mark.parametrize("export", FORMATS, ids=lambda args: args[0])
def test_an_export_refuses_a_link_planted_at_its_path(
    capsys: pytest.CaptureFixture[str], shared: Path, victim: Path, export: list[str]
) -> None:
    out = shared / "contacts.out"
    out.symlink_to(victim)
    assert cli.main(["export", *export, "-o", str(out)]) == 1
    assert str(victim) in refused_in_one_line(capsys, out)
    assert victim.read_bytes() == VICTIM
    assert out.is_symlink() and sorted(p.name for p in shared.iterdir()) == ["contacts.out"]


def test_an_export_refuses_a_link_to_nothing_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], shared: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "home" / ".profile"
    out = shared / "contacts.csv"
    out.symlink_to(missing)
    assert cli.main(["export", "csv", "-o", str(out)]) == 1
    refused_in_one_line(capsys, out)
    assert not missing.exists() and not missing.parent.exists()


def test_a_link_planted_between_the_check_and_the_write_is_replaced_not_followed(
    monkeypatch: pytest.MonkeyPatch, shared: Path, victim: Path
) -> None:
    """The race: the link appears after the check, while the temp file is written. The
    rename replaces the link itself; she gets her export where she asked, the target keeps
    its bytes."""
    out = shared / "contacts.csv"
    real_write_temp = files._write_temp

    def plant_then_write(path: Path, payload: bytes, folder_fd: int | None = None) -> str:
        out.symlink_to(victim)
        return real_write_temp(path, payload, folder_fd)

    monkeypatch.setattr(files, "_write_temp", plant_then_write)
    write_export(out, b"id,name\n1,Ada\n")
    assert victim.read_bytes() == VICTIM
    assert not out.is_symlink() and out.read_bytes() == b"id,name\n1,Ada\n"


def test_an_export_to_a_plain_path_still_replaces_the_file(
    capsys: pytest.CaptureFixture[str], shared: Path
) -> None:
    out = shared / "contacts.csv"
    out.write_bytes(b"old")
    assert cli.main(["export", "csv", "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"exported csv to {out}\n"
    assert out.read_bytes().startswith(b"id,name,")


# -- vdir -------------------------------------------------------------------------------------


def test_vdir_refuses_a_linked_folder(
    capsys: pytest.CaptureFixture[str], shared: Path, tmp_path: Path, victim: Path
) -> None:
    cards = shared / "contacts"
    cards.symlink_to(victim.parent, target_is_directory=True)
    assert cli.main(["export", "vdir", str(cards)]) == 1
    refused_in_one_line(capsys, cards)
    assert [p.name for p in victim.parent.iterdir()] == [".bashrc"]
    assert victim.read_bytes() == VICTIM


def test_vdir_refuses_a_link_to_nothing_as_its_folder(
    capsys: pytest.CaptureFixture[str], shared: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "home" / ".ssh"
    cards = shared / "contacts"
    cards.symlink_to(missing, target_is_directory=True)
    assert cli.main(["export", "vdir", str(cards)]) == 1
    refused_in_one_line(capsys, cards)
    assert not missing.exists() and not missing.parent.exists()


def test_vdir_keeps_writing_into_its_own_folder_when_a_link_replaces_its_name(
    monkeypatch: pytest.MonkeyPatch, shared: Path, data_file: Path, victim: Path
) -> None:
    """The race: once the folder is open, its name is moved away and a link to her home put
    in its place. The cards still go into the folder that was opened, never through the link."""
    Store(data_file).add_contact(name="Bob")
    cards, moved = shared / "contacts", shared / "contacts-moved"
    real_replace = files._replace

    def swap_then_replace(path: Path, payload: bytes, folder_fd: int | None = None) -> None:
        if not moved.exists():
            cards.rename(moved)
            cards.symlink_to(victim.parent, target_is_directory=True)
        real_replace(path, payload, folder_fd)

    monkeypatch.setattr(files, "_replace", swap_then_replace)
    write_vdir(Store(data_file), cards)
    assert [p.name for p in victim.parent.iterdir()] == [".bashrc"]
    assert victim.read_bytes() == VICTIM
    assert len([p for p in moved.iterdir() if p.suffix == ".vcf"]) == 2


def test_vdir_refuses_a_link_where_a_card_goes_before_writing_any_card(
    capsys: pytest.CaptureFixture[str], shared: Path, data_file: Path, victim: Path
) -> None:
    Store(data_file).add_contact(name="Bob")
    cards = shared / "contacts"
    cards.mkdir()
    names = sorted(exporters.vdir_files(Store(data_file).contacts(), "3.0"))
    planted = cards / names[-1]  # the last card: none before it may be written either
    planted.symlink_to(victim)
    assert cli.main(["export", "vdir", str(cards)]) == 1
    refused_in_one_line(capsys, planted)
    assert victim.read_bytes() == VICTIM
    assert [p.name for p in cards.iterdir()] == [planted.name]


def test_vdir_leaves_a_link_to_one_of_its_cards_and_the_card(
    capsys: pytest.CaptureFixture[str], shared: Path, tmp_path: Path
) -> None:
    """A `.vcf` link in the folder is never taken for a card to remove: neither the link nor
    what it points to (here, a card infocoach wrote elsewhere) is touched."""
    elsewhere = tmp_path / "other-vdir"
    assert cli.main(["export", "vdir", str(elsewhere)]) == 0
    [card] = elsewhere.iterdir()
    kept = card.read_bytes()
    cards = shared / "contacts"
    cards.mkdir()
    (cards / "someone.vcf").symlink_to(card)
    assert cli.main(["export", "vdir", str(cards)]) == 0
    assert "1 cards written, 0 unchanged, 0 removed" in capsys.readouterr().out
    assert (cards / "someone.vcf").is_symlink() and card.read_bytes() == kept


# -- restore's copy of the data file, and a draft saved from the app ---------------------------


def test_restores_copy_of_the_data_file_is_not_written_through_a_planted_link(
    tmp_path: Path, shared: Path, data_file: Path, victim: Path
) -> None:
    now = datetime(2026, 11, 20, 9, 30)
    source = tmp_path / "backup.json"
    Store(source).add_contact(name="Bob")
    before = data_file.read_bytes()
    folder = backup_folder(data_file)
    folder.mkdir()
    planted = folder / f"{BEFORE_RESTORE}-20261120-093000.json"
    planted.symlink_to(victim)
    done = restore(data_file, source, now)
    assert victim.read_bytes() == VICTIM and planted.is_symlink()
    assert done.kept is not None and done.kept != planted
    assert not done.kept.is_symlink() and done.kept.read_bytes() == before
    assert [c.name for c in Store(data_file).contacts()] == ["Bob"]


def test_a_draft_saved_from_the_app_is_not_written_through_a_link(
    tmp_path: Path, victim: Path
) -> None:
    draft = tmp_path / "drafts" / "ada-thank-you.txt"
    draft.parent.mkdir()
    draft.symlink_to(victim)
    with pytest.raises(OSError, match="it is a symbolic link"):
        save_draft(draft, "Thank you, Ada.")
    assert victim.read_bytes() == VICTIM


def test_a_link_whose_target_holds_escape_sequences_is_refused_in_a_clean_line(
    capsys: pytest.CaptureFixture[str], shared: Path
) -> None:
    out = shared / "contacts.csv"
    out.symlink_to("\x1b]0;owned\x07[@click=app.quit]")
    assert cli.main(["export", "csv", "-o", str(out)]) == 1
    line = refused_in_one_line(capsys, out)
    assert "\x1b" not in line and "\x07" not in line
    assert "[@click=app.quit]" in line
