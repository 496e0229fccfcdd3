"""Content files past sane limits: nesting too deep for the parsers, files too large to read,
and user content parsed more than once. Each is one line (a warning for a user file, whose
shipped file is used instead), never a traceback, and `infocoach doctor` exits non-zero."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from infocoach.cli.common import EXIT_PROBLEM
from infocoach.guidance import loader
from infocoach.guidance.loader import (
    MAX_FILE_SIZE,
    MB,
    GuidanceError,
    check_all,
    load_guidance,
    read_content_file,
    shipped_content_dir,
)
from infocoach.guidance.records import Guidance
from infocoach.guidance.safe_yaml import MAX_DEPTH, MAX_REPEATED, FastLoader, YamlProblem

QUESTIONS = (
    "categories:\n"
    "  - id: mine\n"
    "    title: Mine\n"
    "    questions:\n"
    "      - id: mine-one\n"
    "        text: Which book should I read?\n"
    "        tiara: Resources\n"
)


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "shipped"
    shutil.copytree(shipped_content_dir(), folder)
    return folder


def doctor() -> subprocess.CompletedProcess[str]:
    """`python -m infocoach doctor` in a fresh interpreter, with the test's folders."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "infocoach", "doctor"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def lines_about(output: str, path: Path) -> list[str]:
    return [line for line in output.splitlines() if str(path) in line]


# -- nesting ------------------------------------------------------------------------------

DEEP = "[" * 50_000  # the file: unclosed, far past any parser's recursion


def test_doctor_reports_a_deeply_nested_user_file_in_one_line(user_content: Path) -> None:
    path = user_content / "questions.yaml"
    path.write_text(DEEP, encoding="utf-8")
    result = doctor()
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert result.returncode == EXIT_PROBLEM, result.stderr
    assert lines_about(result.stdout, path) == [
        f"{path}:1: too deeply nested (more than {MAX_DEPTH} levels)"
        " (using the shipped questions.yaml)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        DEEP,
        "[" * 50_000 + "]" * 50_000,  # closed: libyaml refuses it, the slow parser runs
        "[" * 900 + "]" * 900,  # under libyaml's own limit: its constructors used to overflow
        "- " * 50_000 + "x\n",  # block style
        "a:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(1_200)),  # indented, 0.7 MB
    ],
    ids=["issue", "closed", "900", "block", "indented"],
)
def test_a_deeply_nested_user_file_is_skipped_with_one_warning(
    shipped: Guidance, user_content: Path, text: str
) -> None:
    path = user_content / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    merged = load_guidance()  # the app's path: it starts with the shipped questions
    assert len(merged.warnings) == 1
    assert merged.warnings[0].startswith(f"{path}:")
    assert "too deeply nested" in merged.warnings[0]
    assert "\n" not in merged.warnings[0]
    assert merged.questions == shipped.questions
    assert check_all() == list(merged.warnings)


@pytest.mark.parametrize("loader_class", [loader._FastLineLoader, loader._LineLoader])
@pytest.mark.parametrize(
    "text",
    [
        "[" * 150 + "]" * 150,
        "[" * 900 + "]" * 900,
        DEEP,
        "- " * 50_000 + "x",
        "{a: " * 900 + "}" * 900,
    ],
    ids=["150", "900", "issue", "block", "mappings"],
)
def test_both_parsers_stop_deep_nesting_without_recursion_error(
    loader_class: type, text: str
) -> None:
    """libyaml's C loader (tried first) and the pure-Python one (for precise errors)."""
    try:
        yaml.load(text, Loader=loader_class)
    except YamlProblem as problem:
        assert str(problem) == f"too deeply nested (more than {MAX_DEPTH} levels)"
    except yaml.YAMLError as error:  # libyaml's own limit of 1000 levels
        assert loader_class is loader._FastLineLoader
        assert "maximum nesting depth" in str(error)
    else:
        pytest.fail("parsed a file nested far past the limit")


@pytest.mark.parametrize("loader_class", [loader._FastLineLoader, loader._LineLoader])
def test_the_nesting_limit_is_the_same_in_both_parsers(loader_class: type) -> None:
    at_limit = "[" * MAX_DEPTH + "x" + "]" * MAX_DEPTH
    value = yaml.load(at_limit, Loader=loader_class)
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == ["x"]
    assert yaml.load("- " * (MAX_DEPTH - 1) + "{a: b}", Loader=loader_class) is not None
    for past in ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "- " * MAX_DEPTH + "{a: b}"):
        with pytest.raises(YamlProblem, match="too deeply nested"):
            yaml.load(past, Loader=loader_class)


def test_deep_nesting_gives_the_line_where_it_goes_too_deep(tmp_path: Path) -> None:
    for depth in (150, 5_000):  # found by the constructors; by the slow parser
        path = tmp_path / "questions.yaml"
        path.write_text(
            "categories:\n  - id: x\n    title: " + "[" * depth + "\n", encoding="utf-8"
        )
        with pytest.raises(GuidanceError) as caught:
            read_content_file(path)
        assert caught.value.problems == [
            f"{path}:3: too deeply nested (more than {MAX_DEPTH} levels)"
        ]


def test_a_deeply_nested_shipped_file_raises(shipped_copy: Path, tmp_path: Path) -> None:
    (shipped_copy / "guide.yaml").write_text(DEEP, encoding="utf-8")
    with pytest.raises(GuidanceError) as caught:
        load_guidance(shipped_copy, tmp_path / "no-user-content")
    assert caught.value.problems == [
        f"{shipped_copy / 'guide.yaml'}:1: too deeply nested (more than {MAX_DEPTH} levels)"
    ]


# -- aliases ------------------------------------------------------------------------------


def laughs(levels: int, key: str = "l") -> str:
    """A "billion laughs": each anchor a list of nine aliases of the one before (9**levels)."""
    lines = [f"{key}0: &{key}0 [{', '.join(['lol'] * 9)}]"]
    for level in range(1, levels):
        lines.append(f"{key}{level}: &{key}{level} [{', '.join([f'*{key}{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


MERGE_BOMB = "m0: &m0 {a: 1, b: 2, c: 3}\n" + "".join(
    f"m{n}: &m{n} {{<<: [{', '.join([f'*m{n - 1}'] * 9)}]}}\n" for n in range(1, 10)
)  # `<<` merges: flattening them copied every key, 9**9 times
ALIAS_PROBLEM = f"aliases repeat more than {MAX_REPEATED:,} values"


@pytest.mark.parametrize(
    "text",
    [laughs(9), QUESTIONS + laughs(9), MERGE_BOMB, "&a [*a]"],
    ids=["laughs", "after-content", "merge", "itself"],
)
def test_an_alias_bomb_in_a_user_file_is_skipped_with_one_warning_fast(
    shipped: Guidance, user_content: Path, text: str
) -> None:
    path = user_content / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    merged = load_guidance()
    assert time.monotonic() - started < 30  # minutes and gigabytes before
    assert len(merged.warnings) == 1 and "\n" not in merged.warnings[0]
    assert merged.warnings[0].startswith(f"{path}:")
    assert ALIAS_PROBLEM in merged.warnings[0] or "too deeply nested" in merged.warnings[0]
    assert merged.questions == shipped.questions


def test_doctor_reports_an_alias_bomb_in_one_line(user_content: Path) -> None:
    path = user_content / "scripts.yaml"
    path.write_text(laughs(9), encoding="utf-8")
    started = time.monotonic()
    result = doctor()
    assert time.monotonic() - started < 60
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert result.returncode == EXIT_PROBLEM, result.stderr
    assert lines_about(result.stdout, path) == [
        f"{path}:4: {ALIAS_PROBLEM} (the one past the limit repeats what starts here)"
        " (using the shipped scripts.yaml)"
    ]


def test_aliases_within_the_budget_are_read(user_content: Path) -> None:
    text = QUESTIONS.replace("tiara: Resources", "tiara: &tiara Resources") + (
        "      - id: mine-two\n        text: Whom else should I ask?\n        tiara: *tiara\n"
    )
    (user_content / "questions.yaml").write_text(text, encoding="utf-8")
    merged = load_guidance()
    assert merged.warnings == ()
    mine = merged.question("mine-two")
    assert mine is not None and mine.tiara == "Resources"
    assert yaml.load(laughs(4), Loader=FastLoader)["l3"][8][8][8] == ["lol"] * 9  # 7,380 values


@pytest.mark.parametrize("loader_class", [loader._FastLineLoader, loader._LineLoader])
def test_both_parsers_stop_a_bomb_at_its_line(loader_class: type) -> None:
    with pytest.raises(YamlProblem, match=ALIAS_PROBLEM) as caught:
        yaml.load(laughs(9), Loader=loader_class)
    assert caught.value.line == 4  # l3 (7,380 values) repeated the second time


def test_an_alias_bomb_in_a_shipped_file_raises(shipped_copy: Path, tmp_path: Path) -> None:
    (shipped_copy / "steps.yaml").write_text(MERGE_BOMB, encoding="utf-8")
    with pytest.raises(GuidanceError) as caught:
        load_guidance(shipped_copy, tmp_path / "no-user-content")
    assert len(caught.value.problems) == 1
    assert ALIAS_PROBLEM in caught.value.problems[0]


# -- size ---------------------------------------------------------------------------------


def padded(size: int) -> str:
    """A valid questions file of exactly `size` bytes (comment lines after the content)."""
    lines, rest = divmod(size - len(QUESTIONS), 100)
    text = QUESTIONS + ("#" * 99 + "\n") * lines + ("#" * (rest - 1) + "\n" if rest else "")
    assert len(text.encode("utf-8")) == size
    return text


def test_doctor_refuses_a_20_mb_user_file_in_one_line(user_content: Path) -> None:
    path = user_content / "questions.yaml"
    path.write_text(padded(20 * MB), encoding="utf-8")
    result = doctor()
    assert "Traceback" not in result.stderr
    assert result.returncode == EXIT_PROBLEM, result.stderr
    assert lines_about(result.stdout, path) == [
        f"{path}: 20.0 MB is too large for a content file (the limit is 1 MB)"
        " (using the shipped questions.yaml)"
    ]


def test_a_huge_user_file_is_refused_without_reading_it(
    shipped: Guidance, user_content: Path
) -> None:
    path = user_content / "questions.yaml"
    with path.open("wb") as file:  # sparse: reading it whole would take 4 GB of memory
        file.truncate(4096 * MB)
    merged = load_guidance()
    assert merged.warnings == (
        f"{path}: 4.0 GB is too large for a content file (the limit is 1 MB)"
        " (using the shipped questions.yaml)",
    )
    assert merged.questions == shipped.questions


def test_the_size_limit_is_exact(shipped: Guidance, user_content: Path) -> None:
    path = user_content / "questions.yaml"
    path.write_text(padded(MAX_FILE_SIZE), encoding="utf-8")
    merged = load_guidance()
    assert merged.warnings == ()
    assert merged.question("mine-one") is not None
    path.write_text(padded(MAX_FILE_SIZE + 1), encoding="utf-8")
    merged = load_guidance()
    assert merged.warnings == (
        f"{path}: {MAX_FILE_SIZE + 1:,} bytes is too large for a content file"
        " (the limit is 1 MB) (using the shipped questions.yaml)",
    )
    assert merged.questions == shipped.questions


def test_a_too_large_shipped_file_raises(shipped_copy: Path, tmp_path: Path) -> None:
    path = shipped_copy / "drills.yaml"
    with path.open("ab") as file:
        file.write(b"#" * (2 * MB))
    with pytest.raises(GuidanceError) as caught:
        load_guidance(shipped_copy, tmp_path / "no-user-content")
    assert caught.value.problems == [
        f"{path}: 2.0 MB is too large for a content file (the limit is 1 MB)"
    ]


# -- parsed once --------------------------------------------------------------------------


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every `yaml.load` call: the loader's name and the text parsed."""
    calls: list[tuple[str, str]] = []
    real_load = yaml.load

    def counting_load(stream: Any, Loader: Any) -> Any:
        calls.append((Loader.__name__, stream))
        return real_load(stream, Loader=Loader)

    monkeypatch.setattr(yaml, "load", counting_load)
    return calls


def parses_of(calls: list[tuple[str, str]], text: str) -> list[str]:
    return [name for name, parsed in calls if parsed == text]


def test_a_valid_user_file_is_parsed_exactly_once(
    user_content: Path, parses: list[tuple[str, str]]
) -> None:
    text = padded(200_000)
    (user_content / "questions.yaml").write_text(text, encoding="utf-8")
    merged = load_guidance()
    assert merged.warnings == ()
    assert merged.question("mine-one") is not None
    assert parses_of(parses, text) == ["_FastLineLoader"]
    # And the shipped files too: each once.
    assert len(parses) == len(loader.CONTENT_FILES) + 1


@pytest.mark.parametrize(
    "text",
    [
        QUESTIONS + "categories: []\n",  # a duplicate key: found with its line by libyaml
        QUESTIONS.replace("tiara: Resources", "tiara: Never"),  # a validation problem
        "[" * 150 + "]" * 150,  # too deep, found by the constructors
    ],
    ids=["duplicate-key", "invalid", "deep"],
)
def test_a_user_file_libyaml_reads_is_not_parsed_again_for_its_problem(
    user_content: Path, parses: list[tuple[str, str]], text: str
) -> None:
    (user_content / "questions.yaml").write_text(text, encoding="utf-8")
    merged = load_guidance()
    assert len(merged.warnings) == 1
    assert parses_of(parses, text) == ["_FastLineLoader"]


def test_only_a_file_libyaml_refuses_is_parsed_again(
    user_content: Path, parses: list[tuple[str, str]]
) -> None:
    text = QUESTIONS + "  - id: [unclosed\n"
    path = user_content / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    merged = load_guidance()
    assert len(merged.warnings) == 1 and merged.warnings[0].startswith(f"{path}:8: ")
    assert parses_of(parses, text) == ["_FastLineLoader", "_LineLoader"]


def test_a_too_large_file_is_never_parsed(
    user_content: Path, parses: list[tuple[str, str]]
) -> None:
    (user_content / "questions.yaml").write_text(padded(2 * MB), encoding="utf-8")
    assert len(load_guidance().warnings) == 1
    assert len(parses) == len(loader.CONTENT_FILES)  # the shipped files only


def test_every_yaml_the_app_reads_goes_through_the_limited_loaders() -> None:
    package = Path(loader.__file__).parent.parent
    readers = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if re.search(
            r"\byaml\.(safe_)?load\b|yaml\.C?(Safe|Full|Unsafe)?Loader\b", path.read_text()
        )
    ]
    assert readers == ["guidance/safe_yaml.py"]
