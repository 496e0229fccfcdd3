"""vCard and vdir exports, checked by real readers: vobject and khard."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import vobject

from infocoach.cli import main as cli
from infocoach.core.models import Contact
from infocoach.data.repositories import Store
from infocoach.exchange.exporters import vcard

TRICKY = "Partner; Strategy, Europe \\ Health\nsecond line"


def contact(contact_id: int, name: str, **changes: object) -> Contact:
    return Contact(id=contact_id, name=name, created="2026-11-01T08:00:00", **changes)  # type: ignore[arg-type]


def read_cards(payload: bytes) -> list[vobject.base.Component]:
    return list(vobject.readComponents(payload.decode("utf-8")))


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vobject_reads_every_card_and_every_text_exactly(version: str) -> None:
    people = [
        contact(
            1,
            "Maya Okafor",
            company="Northwind; Health, Inc \\ EU",
            role=TRICKY,
            notes=TRICKY + "\n\nthird",
            website="https://northwind.example/a,b",
        ),
        contact(2, "Ken; Nakamura, Jr.", company="Contoso"),
        contact(3, "Élodie"),
    ]
    payload = vcard(people, version)
    cards = read_cards(payload)
    assert [card.version.value for card in cards] == [version] * 3
    assert [card.fn.value for card in cards] == [person.name for person in people]
    maya = cards[0]
    assert maya.org.value == ["Northwind; Health, Inc \\ EU"]
    assert maya.title.value == TRICKY
    assert maya.note.value == TRICKY + "\n\nthird"
    assert maya.url.value == "https://northwind.example/a%2Cb"
    assert (maya.n.value.family, maya.n.value.given) == ("Okafor", "Maya")


def test_text_properties_escape_no_semicolon_as_thunderbird_reads_them() -> None:
    payload = vcard([contact(1, "A; B", company="C; D", role="Partner; Strategy")]).decode()
    lines = payload.split("\r\n")
    assert "VERSION:3.0" in lines  # what phones read
    assert "FN:A; B" in lines and "TITLE:Partner; Strategy" in lines
    assert "ORG:C\\; D" in lines  # a structured value: `;` separates its fields
    assert "N:B;A\\;;;;" in lines


def test_an_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError, match=r"choose one of 3\.0, 4\.0"):
        vcard([], "2.1")


# -- the CLI: vcard and vdir ----------------------------------------------------------------------


def seed(data_file: Path) -> Store:
    store = Store(data_file)
    store.add_contact(name="Maya Okafor", company="Northwind; Health", role="Partner; Strategy")
    store.add_contact(name="Ken Nakamura", notes="a, b\nc")
    store.add_contact(name="Élodie Durand", linkedin="https://www.linkedin.com/in/elodie")
    return store


def test_export_vcard_version_4_with_the_flag(capsysbinary, data_file: Path) -> None:
    seed(data_file)
    assert cli.main(["export", "vcard"]) == 0
    assert [card.version.value for card in read_cards(capsysbinary.readouterr().out)] == ["3.0"] * 3
    assert cli.main(["export", "vcard", "--vcard-version", "4"]) == 0
    assert [card.version.value for card in read_cards(capsysbinary.readouterr().out)] == ["4.0"] * 3


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's (inode, mtime in ns): a rewrite changes one of them."""
    return {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in folder.iterdir()}


def test_export_vdir_rewrites_only_what_changed(capsys, tmp_path: Path, data_file: Path) -> None:
    store = seed(data_file)
    folder = tmp_path / "contacts"
    foreign = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Someone Else\r\nEND:VCARD\r\n"
    folder.mkdir()
    (folder / "someone-else.vcf").write_bytes(foreign)
    (folder / "notes.txt").write_text("not a card")

    assert cli.main(["export", "vdir", str(folder)]) == 0
    assert capsys.readouterr().out == (f"vdir {folder}: 3 cards written, 0 unchanged, 0 removed\n")
    ours = sorted(path for path in folder.glob("*.vcf") if path.name != "someone-else.vcf")
    assert len(ours) == 3
    for path in ours:
        (card,) = read_cards(path.read_bytes())
        assert path.name == card.uid.value.removeprefix("urn:uuid:") + ".vcf"
    before = snapshot(folder)

    assert cli.main(["export", "vdir", str(folder)]) == 0
    assert capsys.readouterr().out.endswith("0 cards written, 3 unchanged, 0 removed\n")
    assert snapshot(folder) == before

    ken = next(c for c in store.contacts() if c.name == "Ken Nakamura")
    store.delete_contact(ken.id)
    maya = next(c for c in store.contacts() if c.name == "Maya Okafor")
    store.update_contact(maya.id, role="Director")
    assert cli.main(["export", "vdir", str(folder)]) == 0
    assert capsys.readouterr().out.endswith("1 cards written, 1 unchanged, 1 removed\n")
    after = snapshot(folder)
    assert len(after) == len(before) - 1
    changed = {name for name in after if after[name] != before[name]}
    assert len(changed) == 1
    (maya_file,) = changed
    assert read_cards((folder / maya_file).read_bytes())[0].title.value == "Director"
    assert (folder / "someone-else.vcf").read_bytes() == foreign
    assert (folder / "notes.txt").read_text() == "not a card"


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["export", "vdir"], "vdir needs the folder"),
        (["export", "vcard", "somewhere"], "only vdir takes a folder"),
        (["export", "vdir", "x", "-o", "y"], "-o does not go with it"),
        (["export", "csv", "--vcard-version", "4"], "--vcard-version goes with"),
    ],
)
def test_export_options_that_do_not_fit(
    capsys, data_file: Path, argv: list[str], problem: str
) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("infocoach: ") and problem in err[0]


def test_export_vdir_into_a_file_is_a_clear_error(capsys, tmp_path: Path, data_file: Path) -> None:
    seed(data_file)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cli.main(["export", "vdir", str(blocker)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"cannot write {blocker}" in err[0]


@pytest.mark.parametrize("version", ["3", "4"])
def test_khard_lists_every_contact_of_the_vdir(
    capsys, tmp_path: Path, data_file: Path, version: str
) -> None:
    seed(data_file)
    folder = tmp_path / "contacts"
    assert cli.main(["export", "vdir", str(folder), "--vcard-version", version]) == 0
    config = tmp_path / "khard.conf"
    config.write_text(f"[addressbooks]\n[[infocoach]]\npath = {folder}\n")
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    shown = subprocess.run(
        [sys.executable, "-m", "khard", "-c", str(config), "list", "--parsable"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    names = sorted(line.split("\t")[1] for line in shown.stdout.splitlines())
    assert names == ["Ken Nakamura", "Maya Okafor", "Élodie Durand"]
