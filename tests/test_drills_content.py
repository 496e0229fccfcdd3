"""The role-play drills: shipped set, validation with `path:line`, and user additions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infocoach.guidance.loader import (
    CONTENT_FILES,
    MIN_DRILLS,
    GuidanceError,
    check_all,
    load_guidance,
    read_content_file,
    shipped_content_dir,
)
from infocoach.guidance.records import Drill

SHIPPED = shipped_content_dir() / "drills.yaml"
# What the issue asks the drills to cover, each as a word or phrase one situation must contain.
REQUIRED_SITUATIONS = {
    "gatekeeper": "what is this regarding",
    "voicemail": "voicemail",
    "five minutes": "five minutes",
    "resume": "resume",
    "not hiring": "not hiring",
    "next week": "next week",
    "cold answer": "who gave you",
    "hostile answer": "how dare you",
    "your situation": "situation",
}
JOB_ASKING = re.compile(r"\b(any openings|are you hiring|apply for (?:a|the) job|give me a job)\b")


@pytest.fixture(scope="module")
def drills() -> tuple[Drill, ...]:
    return load_guidance().drills


def test_drills_are_a_content_file() -> None:
    assert "drills.yaml" in CONTENT_FILES and SHIPPED.is_file()
    assert check_all() == []


def test_at_least_twelve_complete_drills(drills: tuple[Drill, ...]) -> None:
    assert MIN_DRILLS == 12 and len(drills) >= MIN_DRILLS
    assert len({drill.id for drill in drills}) == len(drills)
    for drill in drills:
        assert drill.title and drill.situation and drill.answer
        filled = drill.fill({"my_name": "Ana Lima"})  # your details, as the scripts do
        assert "{" not in filled and "<" not in filled, drill.id


@pytest.mark.parametrize("topic", sorted(REQUIRED_SITUATIONS))
def test_the_frightening_moments_are_covered(drills: tuple[Drill, ...], topic: str) -> None:
    needle = REQUIRED_SITUATIONS[topic]
    assert any(needle in (d.title + " " + d.situation).casefold() for d in drills), topic


def test_suggested_answers_never_ask_for_a_job(drills: tuple[Drill, ...]) -> None:
    for drill in drills:
        assert not JOB_ASKING.search(drill.answer.casefold()), drill.id


def test_the_spirit_of_the_seeds_is_in_the_answers(drills: tuple[Drill, ...]) -> None:
    answers = " ".join(drill.answer + " " + drill.tip for drill in drills).casefold()
    for phrase in ("thank", "two names", "not asking about a job", "15 minutes"):
        assert phrase in answers, phrase


def _problems(path: Path) -> list[str]:
    with pytest.raises(GuidanceError) as caught:
        read_content_file(path)
    return caught.value.problems


def test_problems_are_reported_with_path_and_line(tmp_path: Path) -> None:
    path = tmp_path / "drills.yaml"
    path.write_text(
        "drills:\n"
        "  - id: fine-one\n"  # line 2
        "    title: Fine\n"
        "    situation: They say hello\n"
        "    answer: Hello\n"
        "  - id: Bad Id\n"  # line 6
        "    title: Missing answer\n"
        "    situation: ''\n"  # line 8
        "    tipp: a typo\n"  # line 9
        "  - id: fine-one\n"  # line 10
        "    title: Again\n"
        "    situation: x\n"
        "    answer: y\n",
        encoding="utf-8",
    )
    problems = _problems(path)
    assert f"{path}:6: id 'Bad Id' must be lower-case words joined by '-'" in problems
    assert f"{path}:6: missing required key 'answer'" in problems
    assert f"{path}:8: 'situation' must be non-empty text" in problems
    assert any(p.startswith(f"{path}:9: unknown key 'tipp'") for p in problems)
    assert f"{path}:10: duplicate id 'fine-one' (first at line 2)" in problems
    assert all(p.startswith(f"{path}:") for p in problems)


def test_a_tip_is_optional_but_not_empty(tmp_path: Path) -> None:
    path = tmp_path / "drills.yaml"
    path.write_text(
        "drills:\n  - id: a\n    title: T\n    situation: S\n    answer: A\n    tip: ''\n",
        encoding="utf-8",
    )
    assert _problems(path) == [f"{path}:6: 'tip' must be non-empty text"]
    path.write_text("drills:\n  - id: a\n    title: T\n    situation: S\n    answer: A\n")
    assert read_content_file(path) == [Drill("a", "T", "S", "A", "")]


def test_too_few_shipped_drills_is_an_error(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    for name in CONTENT_FILES:
        (shipped / name).write_bytes((shipped_content_dir() / name).read_bytes())
    (shipped / "drills.yaml").write_text(
        "drills:\n  - id: only\n    title: T\n    situation: S\n    answer: A\n"
    )
    with pytest.raises(GuidanceError) as caught:
        load_guidance(shipped, tmp_path / "no-user-content")
    path = shipped / "drills.yaml"
    assert f"{path}:1: there are 1 drills; at least {MIN_DRILLS} needed" in caught.value.problems


def test_user_drills_add_and_replace_by_id(isolated_dirs: dict[str, Path]) -> None:
    folder = isolated_dirs["config"] / "content"
    folder.mkdir(parents=True)
    (folder / "drills.yaml").write_text(
        "drills:\n"
        "  - id: voicemail\n    title: My voicemail\n    situation: Beep.\n    answer: Hi!\n"
        "  - id: my-own\n    title: Mine\n    situation: They laugh.\n    answer: Laugh too.\n",
        encoding="utf-8",
    )
    shipped = load_guidance(user_dir=Path("/nonexistent")).drills
    merged = load_guidance().drills
    assert len(merged) == len(shipped) + 1
    by_id = {drill.id: drill for drill in merged}
    assert by_id["voicemail"].title == "My voicemail" and by_id["my-own"].answer == "Laugh too."


def test_a_broken_user_drill_file_is_skipped_with_a_warning(
    isolated_dirs: dict[str, Path],
) -> None:
    folder = isolated_dirs["config"] / "content"
    folder.mkdir(parents=True)
    (folder / "drills.yaml").write_text("drills:\n  - id: x\n    title: [unclosed\n")
    content = load_guidance()
    assert len(content.drills) >= MIN_DRILLS
    assert content.warnings and all("drills.yaml" in warning for warning in content.warnings)
