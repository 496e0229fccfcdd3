"""The shipped content, its validation (every problem as `path:line: message`) and the
merging of the user's own content files."""

from __future__ import annotations

import shutil
import string
from pathlib import Path

import pytest

from infocoach.guidance.loader import (
    CONTENT_FILES,
    MIN_QUESTIONS,
    GuidanceError,
    check_all,
    load_guidance,
    read_content_file,
    shipped_content_dir,
)
from infocoach.guidance.records import (
    BLANKS,
    PLACEHOLDERS,
    STEP_IDS,
    TIARA,
    Guidance,
    Script,
    chosen_words,
    condition_names,
    without_conditions,
)

SAMPLE = {name: f"«{name}»" for name in PLACEHOLDERS}


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(GuidanceError) as caught:
        read_content_file(path)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


# -- the shipped content ------------------------------------------------------------------


def test_every_shipped_file_is_there() -> None:
    folder = shipped_content_dir()
    assert sorted(p.name for p in folder.glob("*.yaml")) == sorted(CONTENT_FILES)


def test_shipped_content_loads_without_warnings(shipped: Guidance) -> None:
    assert shipped.warnings == ()
    assert check_all() == []
    assert shipped.scripts and shipped.cards and shipped.categories


def test_five_steps_in_order(shipped: Guidance) -> None:
    assert [step.id for step in shipped.steps] == list(STEP_IDS)
    assert STEP_IDS == ("network", "prepare", "set", "conduct", "follow-up")
    assert [step.number for step in shipped.steps] == [1, 2, 3, 4, 5]
    for step in shipped.steps:
        assert step.title and step.summary and step.items
        for item in step.items:
            assert item.id.startswith(step.id + "-")
            assert item.step_id == step.id
            assert shipped.item(item.id) is item


def test_question_bank_is_large_and_tagged(shipped: Guidance) -> None:
    questions = shipped.questions
    assert len(questions) >= MIN_QUESTIONS >= 60
    assert len({q.id for q in questions}) == len(questions)
    assert all(q.tiara in TIARA for q in questions)
    assert {q.tiara for q in questions} == set(TIARA)
    for category in shipped.categories:
        for question in category.questions:
            assert question.category == category.id
            assert question.id.startswith(category.id + "-")
            assert shipped.question(question.id) == question


def test_every_script_fills_from_a_sample_mapping(shipped: Guidance) -> None:
    used: set[str] = set()
    for script in shipped.scripts:
        every = {n for _, n, _, _ in string.Formatter().parse(without_conditions(script.text)) if n}
        assert every <= set(PLACEHOLDERS), script.id
        assert set(condition_names(script.text)) <= set(PLACEHOLDERS), script.id
        kept = chosen_words(script.text, SAMPLE)  # every value known: the `{if}` words
        names = {name for _, name, _, _ in string.Formatter().parse(kept) if name}
        used |= names
        filled = script.fill(SAMPLE)
        for name in names:
            assert f"«{name}»" in filled
        assert "{" not in filled and "}" not in filled, script.id
        assert not any(f"[{blank}]" in filled for blank in BLANKS.values()), script.id
        assert shipped.script(script.id) is script
    assert {"first_name", "my_name", "company"} <= used


def test_a_missing_placeholder_shows_in_square_brackets() -> None:
    script = Script("s", "S", "email", "any time", "Dear {first_name}, {company} and {role}.")
    filled = script.fill({"company": "ACME", "role": ""})
    assert filled == "Dear [their first name], ACME and [their role]."
    # A value is never formatted again, so braces in it come out as typed.
    filled = script.fill({"first_name": "{company}", "company": "x"})
    assert filled == "Dear {company}, x and [their role]."


def test_the_cold_version_is_used_when_nobody_referred_you() -> None:
    script = Script("s", "S", "email", "any time", "{referrer} sent me.", "I found you {how_met}.")
    assert script.fill({"referrer": "Maya", "how_met": "at a meetup"}) == "Maya sent me."
    assert script.fill({"referrer": "", "how_met": "at a meetup"}) == "I found you at a meetup."
    assert Script("s", "S", "email", "any time", "{referrer} sent me.").fill({}) == (
        "[who suggested them] sent me."
    )


# -- validation: every problem names its file and line ------------------------------------

STEPS_HEAD = "steps:\n  - id: network\n    number: 1\n    title: Network\n    summary: S\n"
QUESTIONS_HEAD = "categories:\n  - id: role\n    title: Role\n    questions:\n"
BROKEN = {
    "yaml-syntax": (
        "steps.yaml",
        "steps:\n  - id: network\n    title: Network\n   summary: bad indent\n",
        4,
        "expected",
    ),
    "unclosed-quote": (
        "steps.yaml",
        'steps:\n  - id: network\n    title: "Network\n    summary: S\n',
        3,
        "quoted scalar",
    ),
    "tab-indent": ("steps.yaml", "steps:\n  - id: network\n\ttitle: Network\n", 3, "'\\t'"),
    "duplicate-key": (
        "steps.yaml",
        STEPS_HEAD + "    title: Again\n    items: []\n",
        6,
        "duplicate key 'title' (first at line 4)",
    ),
    "missing-key": (
        "questions.yaml",
        QUESTIONS_HEAD
        + "      - id: role-a\n        text: A?\n        tiara: Trends\n"
        + "      - id: role-b\n        text: B?\n",
        8,
        "missing required key 'tiara'",
    ),
    "wrong-type-number": (
        "steps.yaml",
        "steps:\n  - id: network\n    number: one\n    title: N\n    summary: S\n    items: []\n",
        3,
        "'number' must be a whole number",
    ),
    "wrong-type-text": (
        "steps.yaml",
        STEPS_HEAD + "    items:\n      - id: network-a\n        text: [a, b]\n        why: W\n",
        8,
        "'text' must be non-empty text",
    ),
    "wrong-type-list": (
        "steps.yaml",
        STEPS_HEAD + "    items: none\n",
        6,
        "'items' must be a list",
    ),
    "wrong-type-guide-list": (
        "guide.yaml",
        "cards:\n  - id: c\n    phase: before\n    title: T\n    do: [fine]\n    dont: nope\n",
        6,
        "'dont' must be a list",
    ),
    "duplicate-id": (
        "scripts.yaml",
        "scripts:\n"
        + "  - id: call\n    title: A\n    kind: phone\n    when: W\n    text: Hi\n"
        + "  - id: call\n    title: B\n    kind: email\n    when: W\n    text: Hi\n",
        7,
        "duplicate id 'call' (first at line 2)",
    ),
    "bad-id-prefix": (
        "questions.yaml",
        QUESTIONS_HEAD + "      - id: roles-a\n        text: A?\n        tiara: Trends\n",
        5,
        "must start with 'role-'",
    ),
    "bad-id-characters": (
        "guide.yaml",
        "cards:\n  - id: Before_Call\n    phase: before\n    title: T\n    do: [a]\n"
        "    dont: [b]\n",
        2,
        "lower-case words",
    ),
    "unknown-tiara": (
        "questions.yaml",
        QUESTIONS_HEAD
        + "      - id: role-a\n        text: A?\n        tiara: Trends\n"
        + "      - id: role-b\n        text: B?\n        tiara: Tips\n",
        10,
        "'tiara' is 'Tips', expected one of Trends",
    ),
    "unknown-phase": (
        "guide.yaml",
        "cards:\n  - id: c\n    phase: someday\n    title: T\n    do: [a]\n    dont: [b]\n",
        3,
        "'phase' is 'someday'",
    ),
    "unknown-placeholder": (
        "scripts.yaml",
        "scripts:\n  - id: call\n    title: A\n    kind: phone\n    when: W\n"
        + "    text: Hello {frist_name}, I am {my_name}\n",
        6,
        "unknown placeholder {frist_name}",
    ),
    "attribute-placeholder": (
        "scripts.yaml",
        "scripts:\n  - id: call\n    title: A\n    kind: phone\n    when: W\n"
        + "    text: Hello {name.__class__}\n",
        6,
        "unknown placeholder",
    ),
    "broken-placeholder": (
        "scripts.yaml",
        "scripts:\n  - id: call\n    title: A\n    kind: phone\n    when: W\n    text: Hi {name\n",
        6,
        "broken placeholder",
    ),
    "unknown-item-key": (
        "steps.yaml",
        STEPS_HEAD + "    items:\n      - id: network-a\n        text: T\n        why: W\n"
        "        wyh: W2\n",
        10,
        "unknown key 'wyh' (expected: id, text, why, done_by)",
    ),
    "unknown-top-key": (
        "guide.yaml",
        "cards: []\nextra: 1\n",
        2,
        "unknown key 'extra'",
    ),
    "unknown-scope": (
        "steps.yaml",
        STEPS_HEAD + "    scope: everyone\n    items: []\n",
        6,
        "'scope' is 'everyone', expected one of contact, search",
    ),
    "unknown-done-by": (
        "steps.yaml",
        STEPS_HEAD + "    items:\n      - id: network-a\n        text: T\n        why: W\n"
        "        done_by: thanks\n",
        10,
        "'done_by' is 'thanks', expected one of reached-out",
    ),
    "done-by-on-a-search-step": (
        "steps.yaml",
        STEPS_HEAD + "    scope: search\n    items:\n      - id: network-a\n        text: T\n"
        "        why: W\n        done_by: thanked\n",
        11,
        "'done_by' ticks an item of one contact",
    ),
    "not-a-mapping": ("steps.yaml", "- network\n- prepare\n", 1, "must be a mapping"),
    "missing-top-key": ("scripts.yaml", "# nothing\nscript:\n  - id: x\n", 2, "'scripts'"),
    "empty-file": ("guide.yaml", "", 1, "must be a mapping"),
}


@pytest.mark.parametrize("name, text, line, message", BROKEN.values(), ids=BROKEN.keys())
def test_each_problem_gives_path_and_the_right_line(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, name, text)
    problems = problems_of(path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:{line}: "), problems
    assert message in problems[0]


def test_invalid_utf8_gives_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "steps.yaml", STEPS_HEAD.encode() + b"    items:\n      - id: caf\xe9\n")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:7: ")
    assert "UTF-8" in problem


def test_a_nul_character_gives_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "steps.yaml", STEPS_HEAD + "    items: []\n    note: a\x00b\n")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:7: ")


def test_all_problems_of_a_file_are_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "questions.yaml",
        QUESTIONS_HEAD
        + "      - id: role-a\n        text: A?\n        tiara: Tips\n"
        + "      - id: role-a\n        text: ''\n        tiara: Trends\n",
    )
    problems = problems_of(path)
    assert [p.split(": ")[0] for p in problems] == [f"{path}:7", f"{path}:8", f"{path}:9"]


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object:infocoach.guidance.loader.Script {}",
        "!!python/object/apply:os.system ['touch MARKER']",
        "!!python/name:os.system",
    ],
)
def test_python_tags_are_rejected(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    item = tag.replace("MARKER", str(marker))
    path = write(tmp_path, "steps.yaml", STEPS_HEAD + "    items:\n      - " + item + "\n")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:7: ")
    assert "python/" in problem
    assert not marker.exists()


# -- user content and broken shipped content ----------------------------------------------


def test_user_questions_add_and_replace(shipped: Guidance, user_content: Path) -> None:
    original = shipped.question("role-typical-week")
    assert original is not None
    write(
        user_content,
        "questions.yaml",
        "categories:\n"
        "  - id: role\n"
        "    title: My role questions\n"
        "    questions:\n"
        "      - id: role-typical-week\n"
        "        text: What does a normal Tuesday look like?\n"
        "        tiara: Assignments\n"
        "      - id: role-my-extra\n"
        "        text: What do you wish you had known in your first year?\n"
        "        tiara: Advice\n"
        "  - id: mine\n"
        "    title: Mine\n"
        "    questions:\n"
        "      - id: mine-one\n"
        "        text: Which book should I read?\n"
        "        tiara: Resources\n",
    )
    merged = load_guidance()
    assert merged.warnings == ()
    replaced = merged.question("role-typical-week")
    assert replaced is not None and replaced.text == "What does a normal Tuesday look like?"
    assert replaced.tiara == "Assignments"
    assert merged.question("role-my-extra").category == "role"
    assert merged.question("mine-one").tiara == "Resources"
    assert len(merged.questions) == len(shipped.questions) + 2
    role = next(c for c in merged.categories if c.id == "role")
    shipped_role = next(c for c in shipped.categories if c.id == "role")
    assert [q.id for q in role.questions] == [q.id for q in shipped_role.questions] + [
        "role-my-extra"
    ]
    assert merged.categories[-1].id == "mine"
    # The other files are the shipped ones.
    assert merged.steps == shipped.steps and merged.scripts == shipped.scripts


def test_broken_user_file_warns_and_shipped_content_is_used(
    shipped: Guidance, user_content: Path
) -> None:
    path = write(
        user_content,
        "questions.yaml",
        QUESTIONS_HEAD
        + "      - id: role-a\n        text: A?\n        tiara: Trends\n"
        + "      - id: role-b\n        text: B?\n        tiara: Tips\n",
    )
    merged = load_guidance()
    assert len(merged.warnings) == 1
    assert merged.warnings[0].startswith(f"{path}:10: ")
    assert "using the shipped questions.yaml" in merged.warnings[0]
    assert merged.questions == shipped.questions
    assert merged.question("role-a") is None
    assert check_all() == list(merged.warnings)


def test_user_file_with_a_syntax_error_warns(shipped: Guidance, user_content: Path) -> None:
    path = write(user_content, "scripts.yaml", "scripts:\n  - id: x\n   title: y\n")
    merged = load_guidance()
    assert [w.split(": ")[0] for w in merged.warnings] == [f"{path}:3"]
    assert merged.scripts == shipped.scripts


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "shipped"
    shutil.copytree(shipped_content_dir(), folder)
    return folder


def test_broken_shipped_file_raises(shipped_copy: Path) -> None:
    path = write(shipped_copy, "guide.yaml", "cards:\n  - id: c\n    phase: never\n")
    with pytest.raises(GuidanceError) as caught:
        load_guidance(shipped_copy)
    assert caught.value.problems
    assert all(p.startswith(f"{path}:") for p in caught.value.problems)
    assert any(p.startswith(f"{path}:3: ") and "'phase'" in p for p in caught.value.problems)
    assert check_all(shipped_copy) == caught.value.problems


def test_missing_shipped_file_raises(shipped_copy: Path) -> None:
    (shipped_copy / "scripts.yaml").unlink()
    with pytest.raises(GuidanceError) as caught:
        load_guidance(shipped_copy)
    assert caught.value.problems[0].startswith(f"{shipped_copy / 'scripts.yaml'}:1: cannot read")


def test_the_network_step_is_for_the_whole_search(shipped: Guidance) -> None:
    assert [step.per_contact for step in shipped.steps] == [False, True, True, True, True]
    assert shipped.search_item_ids() == {item.id for item in shipped.steps[0].items}


def test_logging_an_event_ticks_the_item_it_completes(shipped: Guidance) -> None:
    done_by = shipped.done_by()
    assert done_by["thanked"] == ("follow-up-thank-you",)
    assert done_by["reached-out"] == ("set-write-note",)
    assert done_by["scheduled"] == ("set-offer-times",)
    assert "replied" not in done_by


def test_a_user_step_keeps_the_shipped_scope(shipped: Guidance, user_content: Path) -> None:
    (user_content / "steps.yaml").write_text(
        "steps:\n  - id: network\n    number: 9\n    title: Net\n    summary: S\n    items:\n"
        "      - id: network-extra\n        text: T\n        why: W\n",
        encoding="utf-8",
    )
    merged = load_guidance(user_dir=user_content)
    assert not merged.steps[0].per_contact
    assert "network-extra" in merged.search_item_ids()


def test_shipped_steps_must_be_the_five(shipped_copy: Path) -> None:
    path = shipped_copy / "steps.yaml"
    text = path.read_text(encoding="utf-8").replace("- id: set\n", "- id: settle\n")
    text = text.replace("id: set-", "id: settle-")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GuidanceError) as caught:
        load_guidance(shipped_copy)
    assert caught.value.problems == [
        f"{path}:1: the steps must be exactly network, prepare, set, conduct, follow-up, "
        "in that order"
    ]


def test_only_the_shipped_network_step_is_for_the_whole_search(shipped_copy: Path) -> None:
    path = shipped_copy / "steps.yaml"
    text = path.read_text(encoding="utf-8").replace("    scope: search\n", "")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GuidanceError) as caught:
        load_guidance(shipped_copy)
    assert caught.value.problems == [
        f"{path}:1: only the step 'network' is for the whole search (scope: search)"
    ]


def test_shipped_bank_needs_enough_questions(shipped_copy: Path) -> None:
    path = write(
        shipped_copy,
        "questions.yaml",
        QUESTIONS_HEAD + "      - id: role-a\n        text: A?\n        tiara: Trends\n",
    )
    with pytest.raises(GuidanceError) as caught:
        load_guidance(shipped_copy)
    assert caught.value.problems == [
        f"{path}:1: the bank holds 1 questions; at least {MIN_QUESTIONS} needed"
    ]
