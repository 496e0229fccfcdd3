"""Open-ended input: property tests of the store and the content loader, CLI limits."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infocoach.cli import main as cli
from infocoach.core.text import clean_line, clean_text
from infocoach.data.repositories import Store
from infocoach.guidance.loader import GuidanceError, load_guidance, read_content_file

FIELD_TEXT = st.text(max_size=60)
SAFE = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SAFE
@given(
    name=FIELD_TEXT.filter(lambda t: clean_line(t)), company=FIELD_TEXT, notes=st.text(max_size=200)
)
def test_store_round_trip_keeps_text_exactly_less_control_characters(
    tmp_path_factory: pytest.TempPathFactory, name: str, company: str, notes: str
) -> None:
    path = tmp_path_factory.mktemp("round") / "infocoach.json"
    store = Store(path, clock=lambda: datetime(2026, 11, 20, 9, 30))
    added = store.add_contact(name=name, company=company, notes=notes)
    again = Store(path).get_contact(added.id)
    assert again.name == clean_line(name)
    assert again.company == clean_line(company)
    assert again.notes == clean_text(notes).strip()
    assert again == added


YAML_CHARS = st.sampled_from([*"abc:-[]{}\"' \n\t#!&*|>%@`,?", "- id: x\n", "steps:\n"])


@SAFE
@given(text=st.lists(YAML_CHARS, max_size=80).map("".join))
def test_content_loader_never_fails_with_anything_but_a_content_error(
    tmp_path: Path, text: str
) -> None:
    for name in ("steps.yaml", "questions.yaml", "scripts.yaml", "guide.yaml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        try:
            read_content_file(path)
        except GuidanceError as error:
            assert all(problem.startswith(f"{path}:") for problem in error.problems)


@SAFE
@given(text=st.text(max_size=120))
def test_a_broken_user_file_never_stops_the_app(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    user = tmp_path_factory.mktemp("user")
    (user / "questions.yaml").write_text(text, encoding="utf-8")
    content = load_guidance(user_dir=user)
    assert len(content.questions) >= 60


LIMITS = {
    "minutes-zero": (["--minutes", "0"], "--minutes"),
    "minutes-241": (["--minutes", "241"], "--minutes"),
    "minutes-huge": (["--minutes", "9" * 40], "--minutes"),
    "minutes-negative": (["--minutes", "-5"], "--minutes"),
    "minutes-fraction": (["--minutes", "15.5"], "--minutes"),
    "feb-30": (["--meeting", "2026-02-30 10:00"], "--meeting"),
    "hour-24": (["--meeting", "2026-03-01 24:00"], "--meeting"),
    "year-10000": (["--meeting", "10000-01-01 10:00"], "--meeting"),
    "date-only-text": (["--meeting", "2026-03-01 noon"], "--meeting"),
    "blank-name": (["--company", "X"], "NAME"),
}


@pytest.mark.parametrize("extra, where", LIMITS.values(), ids=LIMITS.keys())
def test_cli_values_past_their_limits(
    extra: list[str], where: str, data_file: Path, capsys
) -> None:
    name = "   " if where == "NAME" else "Ada"
    assert cli.main(["add", name, *extra]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"infocoach: {where}:")
    assert not data_file.exists()


def test_cli_values_at_their_limits(data_file: Path, capsys) -> None:
    assert cli.main(["add", "A" * 3000, "--minutes", "1", "--meeting", "9999-12-31 23:59"]) == 0
    assert cli.main(["add", "B", "--minutes", "240", "--meeting", "0001-01-01 00:00"]) == 0
    contacts = {c.name[:1]: c for c in Store(data_file).contacts()}
    assert contacts["A"].minutes == 1 and len(contacts["A"].name) == 3000
    assert contacts["B"].minutes == 240 and contacts["B"].meeting == "0001-01-01 00:00"


def test_importing_20000_target_companies_takes_seconds_not_hours(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each row used to rewrite the companies and index them again: 16,000 rows took 279 s."""
    cli.main(["company", "add", "Company 7 Widgets", "--notes", "Kept"])
    rows = "".join(f"Company {n} Widgets,{n % 4},{n // 4 % 4},,Tools\n" for n in range(20_000))
    sheet = tmp_path / "lamp.csv"
    sheet.write_text("Company,Motivation,Posting,Website,Industry\n" + rows, encoding="utf-8")
    capsys.readouterr()
    started = time.monotonic()
    assert cli.main(["import", "targets", str(sheet)]) == 0
    assert time.monotonic() - started < 60  # quadratic: minutes; linear: about a second
    assert capsys.readouterr().out == "added 19999, updated 1 companies\n"
    store = Store(data_file)
    assert len(store.companies()) == 20_000
    kept = store.find_company("company 7 widgets")
    assert (kept.notes, kept.motivation, kept.posting, kept.industry) == ("Kept", 3, 1, "Tools")
    last = store.find_company("Company 19999 Widgets")
    assert (last.motivation, last.posting) == (3, 3)
