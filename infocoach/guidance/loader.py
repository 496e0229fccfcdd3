"""Guidance content from YAML: the five steps, the question bank, scripts and guide cards.

Loaded with a safe loader that remembers the line of every key and item, so each problem is
reported as `path:line: what is wrong`. A file over MAX_FILE_SIZE is refused unread; one
nested too deep or with aliases that repeat too much is refused too (see `safe_yaml`), each in
one line. Knows nothing of Textual or Rich.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from infocoach.core.models import EVENTS, MEETING_KINDS
from infocoach.data import locations
from infocoach.data.bounded import MB, FileTooLarge, read_at_most, size_in_words
from infocoach.guidance import safe_yaml
from infocoach.guidance.errors import GuidanceError
from infocoach.guidance.records import (
    CONTACT_SCOPE,
    PHASES,
    PLACEHOLDERS,
    SCOPES,
    SCRIPT_KINDS,
    SEARCH_SCOPE,
    STEP_IDS,
    TIARA,
    ChecklistItem,
    Drill,
    Guidance,
    GuideCard,
    Question,
    QuestionCategory,
    Script,
    Step,
    condition_names,
    without_conditions,
)
from infocoach.guidance.safe_yaml import FastLoader, PreciseLoader, YamlProblem

MIN_QUESTIONS = 60
STEP_KEYS = ("id", "number", "title", "summary", "scope", "items")
ITEM_KEYS = ("id", "text", "why", "done_by")
CATEGORY_KEYS = ("id", "title", "questions")
QUESTION_KEYS = ("id", "text", "tiara")
SCRIPT_KEYS = ("id", "title", "kind", "when", "text", "cold_text")
CARD_KEYS = ("id", "phase", "title", "do", "dont", "kinds")
DRILL_KEYS = ("id", "title", "situation", "answer", "tip")
MIN_DRILLS = 12
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CONTENT_FILES = ("steps.yaml", "questions.yaml", "scripts.yaml", "guide.yaml", "drills.yaml")
MAX_FILE_SIZE = 1 * MB  # the shipped files are about 10 KB each


def shipped_content_dir() -> Path:
    """The YAML content: inside the wheel, or the repository's `content/` in a checkout."""
    package = Path(__file__).parent.parent
    packaged = package / "content"
    if packaged.is_dir():
        return packaged
    return package.parent / "content"


# -- line-aware YAML ---------------------------------------------------------------------


class LineDict(dict[Any, Any]):
    line: int = 0
    lines: dict[Any, int]


class LineList(list[Any]):
    line: int = 0
    lines: list[int]


class _LineLoader(PreciseLoader):
    """The pure-Python safe loader, with the line-aware constructors: for the place and
    reason of what libyaml refused."""


class _FastLineLoader(FastLoader):
    """libyaml's parser with the same safe, line-aware constructors: tried first."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise YamlProblem(line, "a key must be plain text")
        if key in result:
            raise YamlProblem(line, f"duplicate key {key!r} (first at line {result.lines[key]})")
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList([loader.construct_object(child, deep=True) for child in node.value])
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def _too_large(path: Path, size: int) -> GuidanceError:
    shown, limit = size_in_words(size, MAX_FILE_SIZE), f"{MAX_FILE_SIZE // MB} MB"
    return GuidanceError(
        [f"{path}: {shown} is too large for a content file (the limit is {limit})"]
    )


def _read_limited(path: Path) -> bytes:
    """The file's bytes, refusing one over MAX_FILE_SIZE before reading it whole."""
    try:
        return read_at_most(path, MAX_FILE_SIZE)
    except FileTooLarge as error:
        raise _too_large(path, error.size) from None
    except OSError as error:
        raise GuidanceError([f"{path}:1: cannot read: {error.strerror or error}"]) from None


def parse_yaml(path: Path) -> Any:
    """Parse one file; raises GuidanceError with `path:line: problem`. A valid file is parsed
    once, by libyaml; only a file libyaml refuses is parsed again, slowly, for the place."""
    raw = _read_limited(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise GuidanceError([f"{path}:{line}: not valid UTF-8 (byte {error.start})"]) from None
    try:
        return safe_yaml.load(text, _FastLineLoader, _LineLoader)
    except YamlProblem as problem:
        raise GuidanceError([f"{path}:{problem.line}: {problem}"]) from None


# -- validation --------------------------------------------------------------------------


class _Checker:
    """Collects `path:line: problem` strings while reading one parsed file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.path}:{line}: {message}")

    def mapping(self, value: Any, line: int, what: str) -> LineDict | None:
        if isinstance(value, LineDict):
            return value
        self.problem(line, f"{what} must be a mapping of keys to values")
        return None

    def items(
        self, parent: LineDict, key: str, what: str, allowed: Iterable[str] | None = None
    ) -> list[tuple[int, LineDict]]:
        """The mappings listed under `parent[key]`, each with its line; with `allowed`, a
        key outside it is reported (a typo such as `wyh:` would otherwise be lost quietly)."""
        value = parent.get(key)
        line = parent.lines.get(key, parent.line)
        if not isinstance(value, LineList):
            self.problem(line, f"{what}: '{key}' must be a list")
            return []
        found = []
        for item, item_line in zip(value, value.lines, strict=True):
            mapping = self.mapping(item, item_line, f"each entry of '{key}'")
            if mapping is not None:
                if allowed is not None:
                    self.known_keys(mapping, allowed)
                found.append((item_line, mapping))
        return found

    def text(self, parent: LineDict, key: str, *, required: bool = True) -> str:
        value = parent.get(key)
        line = parent.lines.get(key, parent.line)
        if value is None:
            if required:
                self.problem(parent.line, f"missing required key '{key}'")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(line, f"'{key}' must be non-empty text")
            return ""
        return value.strip()

    def choice(self, parent: LineDict, key: str, allowed: Iterable[str]) -> str:
        value = self.text(parent, key)
        if value and value not in allowed:
            line = parent.lines.get(key, parent.line)
            self.problem(line, f"'{key}' is {value!r}, expected one of {', '.join(allowed)}")
        return value

    def choices(self, parent: LineDict, key: str, allowed: Iterable[str]) -> tuple[str, ...]:
        """An optional list of values from `allowed` (none given: an empty tuple)."""
        if key not in parent:
            return ()
        values = self.texts(parent, key)
        wrong = [value for value in values if value not in allowed]
        if wrong:
            line = parent.lines.get(key, parent.line)
            self.problem(line, f"'{key}' has {wrong[0]!r}, expected {', '.join(allowed)}")
        return values

    def texts(self, parent: LineDict, key: str) -> tuple[str, ...]:
        value = parent.get(key)
        line = parent.lines.get(key, parent.line)
        if value is None:
            self.problem(parent.line, f"missing required key '{key}'")
            return ()
        if not isinstance(value, LineList) or not all(
            isinstance(v, str) and v.strip() for v in value
        ):
            self.problem(line, f"'{key}' must be a list of non-empty texts")
            return ()
        return tuple(v.strip() for v in value)

    def unique_id(self, parent: LineDict, seen: dict[str, int], prefix: str = "") -> str:
        identifier = self.text(parent, "id")
        line = parent.lines.get("id", parent.line)
        if not identifier:
            return ""
        if not ID_PATTERN.match(identifier):
            self.problem(line, f"id {identifier!r} must be lower-case words joined by '-'")
        elif prefix and not identifier.startswith(prefix + "-"):
            self.problem(line, f"id {identifier!r} must start with '{prefix}-'")
        if identifier in seen:
            self.problem(line, f"duplicate id {identifier!r} (first at line {seen[identifier]})")
        seen[identifier] = line
        return identifier

    def known_keys(self, mapping: LineDict, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key in mapping:
            if key not in allowed:
                expected = ", ".join(allowed)
                self.problem(mapping.lines[key], f"unknown key {key!r} (expected: {expected})")

    def top(self, document: Any, key: str) -> LineDict | None:
        root = self.mapping(document, 1, "the file")
        if root is None:
            return None
        if key not in root:
            self.problem(root.line, f"missing required key '{key}'")
            return None
        self.known_keys(root, (key,))
        return root


def _read_steps(check: _Checker, document: Any) -> list[Step]:
    root = check.top(document, "steps")
    if root is None:
        return []
    steps: list[Step] = []
    seen_steps: dict[str, int] = {}
    seen_items: dict[str, int] = {}
    for line, raw in check.items(root, "steps", "steps.yaml", STEP_KEYS):
        step_id = check.unique_id(raw, seen_steps)
        number = raw.get("number")
        if not isinstance(number, int) or isinstance(number, bool):
            check.problem(raw.lines.get("number", line), "'number' must be a whole number")
            number = 0  # reported above; the load fails on it
        scope = check.choice(raw, "scope", SCOPES) if "scope" in raw else CONTACT_SCOPE
        items = []
        for _, item in check.items(raw, "items", f"step {step_id!r}", ITEM_KEYS):
            done_by = check.choice(item, "done_by", EVENTS) if "done_by" in item else ""
            if done_by and scope == SEARCH_SCOPE:
                check.problem(
                    item.lines.get("done_by", item.line),
                    f"'done_by' ticks an item of one contact: step {step_id!r} is for the "
                    "whole search",
                )
            items.append(
                ChecklistItem(
                    check.unique_id(item, seen_items, step_id),
                    check.text(item, "text"),
                    check.text(item, "why"),
                    step_id,
                    done_by,
                )
            )
        title, summary = check.text(raw, "title"), check.text(raw, "summary")
        steps.append(Step(step_id, number, title, summary, tuple(items), scope))
    return steps


def _read_questions(check: _Checker, document: Any) -> list[QuestionCategory]:
    root = check.top(document, "categories")
    if root is None:
        return []
    categories: list[QuestionCategory] = []
    seen_categories: dict[str, int] = {}
    seen_questions: dict[str, int] = {}
    for _, raw in check.items(root, "categories", "questions.yaml", CATEGORY_KEYS):
        category_id = check.unique_id(raw, seen_categories)
        questions = [
            Question(
                check.unique_id(item, seen_questions, category_id),
                check.text(item, "text"),
                check.choice(item, "tiara", TIARA),
                category_id,
            )
            for _, item in check.items(raw, "questions", f"category {category_id!r}", QUESTION_KEYS)
        ]
        categories.append(QuestionCategory(category_id, check.text(raw, "title"), tuple(questions)))
    return categories


def _read_scripts(check: _Checker, document: Any) -> list[Script]:
    root = check.top(document, "scripts")
    if root is None:
        return []
    scripts: list[Script] = []
    seen: dict[str, int] = {}
    for _, raw in check.items(root, "scripts", "scripts.yaml", SCRIPT_KEYS):
        script = Script(
            check.unique_id(raw, seen),
            check.text(raw, "title"),
            check.choice(raw, "kind", SCRIPT_KINDS),
            check.text(raw, "when"),
            check.text(raw, "text"),
            check.text(raw, "cold_text", required=False),
        )
        for key in ("text", "cold_text"):
            _check_placeholders(check, raw, key, f"script {script.id!r}")
        scripts.append(script)
    return scripts


def _check_placeholders(check: _Checker, raw: LineDict, key: str, what: str) -> None:
    """Report a broken or unknown `{placeholder}` in `raw[key]`, at its line."""
    text = raw.get(key)
    if not isinstance(text, str):
        return
    line = raw.lines.get(key, raw.line)
    for name in condition_names(text):
        if name not in PLACEHOLDERS:
            check.problem(line, f"unknown placeholder {{if {name}}} in {what}")
    try:
        text = without_conditions(text)
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name]
    except ValueError as error:
        check.problem(line, f"'{key}' has a broken placeholder: {error}")
        return
    for name in names:
        if name not in PLACEHOLDERS:
            check.problem(line, f"unknown placeholder {{{name}}} in {what}")


def _read_guide(check: _Checker, document: Any) -> list[GuideCard]:
    root = check.top(document, "cards")
    if root is None:
        return []
    seen: dict[str, int] = {}
    return [
        GuideCard(
            check.unique_id(raw, seen),
            check.choice(raw, "phase", PHASES),
            check.text(raw, "title"),
            check.texts(raw, "do"),
            check.texts(raw, "dont"),
            check.choices(raw, "kinds", MEETING_KINDS),
        )
        for _, raw in check.items(root, "cards", "guide.yaml", CARD_KEYS)
    ]


def _read_drills(check: _Checker, document: Any) -> list[Drill]:
    root = check.top(document, "drills")
    if root is None:
        return []
    seen: dict[str, int] = {}
    drills = []
    for _, raw in check.items(root, "drills", "drills.yaml", DRILL_KEYS):
        drill = Drill(
            check.unique_id(raw, seen),
            check.text(raw, "title"),
            check.text(raw, "situation"),
            check.text(raw, "answer"),
            check.text(raw, "tip", required=False),
        )
        _check_placeholders(check, raw, "answer", f"drill {drill.id!r}")
        drills.append(drill)
    return drills


_READERS: dict[str, Callable[[_Checker, Any], list[Any]]] = {
    "steps.yaml": _read_steps,
    "questions.yaml": _read_questions,
    "scripts.yaml": _read_scripts,
    "guide.yaml": _read_guide,
    "drills.yaml": _read_drills,
}


def read_content_file(path: Path) -> list[Any]:
    """The records of one content file; raises GuidanceError listing every problem."""
    document = parse_yaml(path)
    check = _Checker(path)
    records = _READERS[path.name](check, document)
    if check.problems:
        raise GuidanceError(check.problems)
    return records


def _check_shipped(path: Path, name: str, records: list[Any]) -> list[str]:
    """Rules the shipped set must meet as a whole (user files may add to it freely)."""
    if name == "steps.yaml" and tuple(step.id for step in records) != STEP_IDS:
        return [f"{path}:1: the steps must be exactly {', '.join(STEP_IDS)}, in that order"]
    if name == "steps.yaml" and [s.id for s in records if not s.per_contact] != [STEP_IDS[0]]:
        # the data file keeps the ticks of the first step for the whole search (schema 3)
        return [f"{path}:1: only the step {STEP_IDS[0]!r} is for the whole search (scope: search)"]
    if name == "questions.yaml":
        total = sum(len(category.questions) for category in records)
        if total < MIN_QUESTIONS:
            return [f"{path}:1: the bank holds {total} questions; at least {MIN_QUESTIONS} needed"]
    if name == "drills.yaml" and len(records) < MIN_DRILLS:
        return [f"{path}:1: there are {len(records)} drills; at least {MIN_DRILLS} needed"]
    return []


def _merge(shipped: list[Any], extra: list[Any]) -> list[Any]:
    """Records of `extra` replace shipped ones with the same id; steps and categories merge
    their lists of items and questions the same way; new ids are appended."""
    merged = {record.id: record for record in shipped}
    for record in extra:
        base = merged.get(record.id)
        if isinstance(record, Step) and base is not None:
            items = tuple(_merge(list(base.items), list(record.items)))
            # the shipped number and scope stay: the data file keeps ticks by them
            record = Step(record.id, base.number, record.title, record.summary, items, base.scope)
        elif isinstance(record, QuestionCategory) and base is not None:
            questions = tuple(_merge(list(base.questions), list(record.questions)))
            record = QuestionCategory(record.id, record.title, questions)
        merged[record.id] = record
    return list(merged.values())


def load_guidance(shipped_dir: Path | None = None, user_dir: Path | None = None) -> Guidance:
    """Shipped content merged with the user's. A broken shipped file raises GuidanceError; a
    broken user file is skipped and reported in `Guidance.warnings`."""
    shipped_dir = shipped_dir or shipped_content_dir()
    user_dir = user_dir if user_dir is not None else locations.user_content_dir()
    problems: list[str] = []
    warnings: list[str] = []
    parts: dict[str, list[Any]] = {}
    for name in CONTENT_FILES:
        path = shipped_dir / name
        try:
            records = read_content_file(path)
            problems.extend(_check_shipped(path, name, records))
        except GuidanceError as error:
            problems.extend(error.problems)
            continue
        user_path = user_dir / name
        if user_path.is_file():
            try:
                records = _merge(records, read_content_file(user_path))
            except GuidanceError as error:
                warnings.extend(f"{p} (using the shipped {name})" for p in error.problems)
        parts[name] = records
    if problems:
        raise GuidanceError(problems + warnings)
    return Guidance(
        steps=tuple(parts["steps.yaml"]),
        categories=tuple(parts["questions.yaml"]),
        scripts=tuple(parts["scripts.yaml"]),
        cards=tuple(parts["guide.yaml"]),
        warnings=tuple(warnings),
        drills=tuple(parts["drills.yaml"]),
    )


def check_all(shipped_dir: Path | None = None, user_dir: Path | None = None) -> list[str]:
    """Every problem in the shipped and user content files, for `infocoach doctor`."""
    try:
        return list(load_guidance(shipped_dir, user_dir).warnings)
    except GuidanceError as error:
        return error.problems
