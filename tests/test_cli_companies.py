"""`infocoach company`, `infocoach targets` and `infocoach import targets` (#19): outputs, and
one-line errors with exit 2 that leave the data file as it was."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from infocoach.cli import main as cli
from infocoach.data.repositories import Store


def out_of(capsys: pytest.CaptureFixture[str], *args: str, status: int = 0) -> str:
    assert cli.main(list(args)) == status
    captured = capsys.readouterr()
    return captured.out if status == 0 else captured.err


def test_company_add_prints_the_id(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    assert (
        out_of(
            capsys,
            "company",
            "add",
            "Acme Inc.",
            "--motivation",
            "3",
            "--posting",
            "1",
            "--website",
            "https://acme.example",
            "--notes",
            "Hiring",
        )
        == "1\n"
    )
    company = Store(data_file).get_company(1)
    assert (company.name, company.motivation, company.posting) == ("Acme Inc.", 3, 1)
    assert (company.website, company.notes) == ("https://acme.example", "Hiring")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("ACME",), "NAME: 'ACME' is already on the list as 'Acme Inc.' (#1)"),
        (("Zeta", "--motivation", "4"), "--motivation: motivation 4 is out of range (0 to 3)"),
        (("Zeta", "--posting", "-1"), "--posting: posting -1 is out of range"),
        (("Zeta", "--posting", "lots"), "--posting: posting 'lots' is not a whole number"),
        (("  ",), "NAME: a company name is required"),
    ],
)
def test_company_add_refuses_with_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], data_file: Path, args: tuple[str, ...], needle: str
) -> None:
    out_of(capsys, "company", "add", "Acme Inc.")
    before = data_file.read_bytes()
    err = out_of(capsys, "company", "add", *args, status=2)
    assert err.strip().splitlines() == [f"infocoach: {err.strip().removeprefix('infocoach: ')}"]
    assert needle in err
    assert data_file.read_bytes() == before


def test_company_edit_and_merge(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    out_of(capsys, "company", "add", "Northwind Health", "--notes", "Portal team.")
    out_of(capsys, "add", "Ann Lee", "--company", "NW Health")
    out_of(
        capsys,
        "company",
        "edit",
        "northwind health",
        "--shared-background",
        "yes",
        "--motivation",
        "2",
    )
    assert "nothing to change" in out_of(capsys, "company", "edit", "#1", status=2)
    assert "no company is named 'Nowhere'" in out_of(
        capsys, "company", "edit", "Nowhere", "--posting", "1", status=2
    )
    assert out_of(capsys, "company", "merge", "#1", "NW Health") == (
        "#2 NW Health merged into #1 Northwind Health\n"
    )
    store = Store(data_file)
    (target,) = store.targets()
    assert target.company.shared_background and target.company.motivation == 2
    assert [c.name for c in target.contacts] == ["Ann Lee"]


def test_targets_json_in_lamp_order(capsys: pytest.CaptureFixture[str], data_file: Path) -> None:
    for args in (
        ("Quiet", "--motivation", "1"),
        ("Big", "--motivation", "3", "--posting", "0"),
        ("Busy", "--motivation", "3", "--posting", "2"),
    ):
        out_of(capsys, "company", "add", *args)
    out_of(capsys, "add", "Ann", "--company", "quiet")
    targets = json.loads(out_of(capsys, "targets", "--json"))
    assert [(t["rank"], t["name"]) for t in targets] == [(1, "Busy"), (2, "Big"), (3, "Quiet")]
    quiet = targets[2]
    assert {
        "id",
        "name",
        "website",
        "industry",
        "motivation",
        "posting",
        "advocacy",
        "contacts",
        "interviews",
        "told_me",
        "top_five",
        "rank",
    } <= set(quiet)
    assert quiet["advocacy"] is True and targets[0]["advocacy"] is False
    assert quiet["contacts"] == [{"id": 1, "name": "Ann"}]
    assert (quiet["interviews"], quiet["told_me"], quiet["top_five"]) == (0, 0, True)
    contacts = json.loads(out_of(capsys, "list", "--json"))
    assert contacts[0]["company_id"] == quiet["id"] and contacts[0]["contact_type"] == ""


def test_targets_plain_marks_the_top_five(
    capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    assert "No target companies yet" in out_of(capsys, "targets")
    for number in range(6):
        out_of(capsys, "company", "add", f"Company {number}", "--motivation", str(number % 4))
    lines = out_of(capsys, "targets").splitlines()
    assert lines[0].split() == ["RANK", "COMPANY", "M", "P", "A", "CONTACTS", "INTERVIEWS"]
    assert lines[1].split()[:4] == ["1", "*", "Company", "3"]
    assert lines[6].split()[:2] == ["6", "Company"]  # sixth: no mark


def test_import_targets(
    capsys: pytest.CaptureFixture[str], data_file: Path, tmp_path: Path
) -> None:
    out_of(capsys, "company", "add", "Acme Inc.", "--motivation", "1", "--notes", "Kept")
    sheet = tmp_path / "lamp.csv"
    sheet.write_bytes(
        "\ufeffcompany,MOTIVATION,Posting,Alumni,Website,Industry\r\n"
        "\r\n"
        "ACME,3,2,yes,https://acme.example,\r\n"
        "Zeta GmbH,2,,,,Robotics\r\n".encode()
    )
    assert out_of(capsys, "import", "targets", str(sheet)) == "added 1, updated 1 companies\n"
    store = Store(data_file)
    acme, zeta = store.find_company("acme"), store.find_company("zeta")
    assert (acme.name, acme.motivation, acme.posting, acme.notes) == ("Acme Inc.", 3, 2, "Kept")
    assert acme.website == "https://acme.example"
    assert (zeta.motivation, zeta.posting, zeta.industry) == (2, 0, "Robotics")


@pytest.mark.parametrize(
    ("separator", "said"),
    [(";", " (cells separated by semicolons)"), ("\t", " (cells separated by tabs)")],
)
def test_import_targets_reads_semicolon_and_tab_separated_sheets(
    capsys: pytest.CaptureFixture[str], data_file: Path, tmp_path: Path, separator: str, said: str
) -> None:
    """As a spreadsheet saves "CSV" where the comma is the decimal mark, or as tab-separated
    text: names holding commas and the separator itself come quoted."""
    sheet = tmp_path / "lamp.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=separator)
        writer.writerow(["Company", "Motivation", "Posting", "Industry"])
        writer.writerow(["Smith, Jones; Partners", "3", "1", "Law"])
        writer.writerow(["Brightwater Analytics Ltd", "2", "0", "Data, analytics"])
    assert (
        out_of(capsys, "import", "targets", str(sheet)) == f"added 2, updated 0 companies{said}\n"
    )
    store = Store(data_file)
    smith = store.find_company("Smith, Jones; Partners")
    assert (smith.motivation, smith.posting, smith.industry) == (3, 1, "Law")
    assert store.find_company("Brightwater Analytics").industry == "Data, analytics"


def test_import_targets_is_all_or_nothing(
    capsys: pytest.CaptureFixture[str], data_file: Path, tmp_path: Path
) -> None:
    out_of(capsys, "company", "add", "Acme")
    before = data_file.read_bytes()
    sheet = tmp_path / "lamp.csv"
    sheet.write_text(
        "Company,Motivation,Posting\n"
        "Good One,1,1\n"
        ",2,2\n"
        "Bad Score,4,0\n"
        "Worse,x,0\n"
        "good one inc,1,1\n",
        encoding="utf-8",
    )
    err = out_of(capsys, "import", "targets", str(sheet), status=2)
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"infocoach: {sheet}: nothing imported: 4 rows rejected")
    assert [line.split(":")[0].strip() for line in lines[1:]] == [
        "line 3",
        "line 4",
        "line 5",
        "line 6",
    ]
    assert "already on line 2" in lines[4]
    assert data_file.read_bytes() == before


def test_import_targets_needs_a_company_column(
    capsys: pytest.CaptureFixture[str], data_file: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "lamp.csv"
    sheet.write_text("Employer,Motivation\nAcme,1\n", encoding="utf-8")
    err = out_of(capsys, "import", "targets", str(sheet), status=2)
    assert "no Company column" in err and len(err.strip().splitlines()) == 1
