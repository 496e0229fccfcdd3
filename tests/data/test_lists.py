"""The settings-like tables (`data.lists`): the checklist of the whole search and her own
questions; read back, taken back, and applied again after another process saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infocoach.core.models import InvalidInput
from infocoach.data.repositories import Store
from tests.data.elsewhere import while_another_saves


def test_search_steps_and_own_questions_read_back_from_the_file(data_file: Path) -> None:
    store = Store(data_file)
    assert store.set_search_checked("list-targets", True) == {
        "list-targets": store.today().isoformat()
    }
    store.toggle_search_checked("write-pitch")
    store.toggle_search_checked("write-pitch")
    question = store.add_own_question("  What surprised you?  ", "opening")
    with pytest.raises(InvalidInput, match="empty"):
        store.add_own_question("   ")

    again = Store(data_file)
    assert list(again.search_checklist()) == ["list-targets"]
    assert again.own_questions() == [question]
    assert (question.text, question.category) == ("What surprised you?", "opening")


def test_undo_takes_a_step_and_a_question_back(store: Store) -> None:
    store.set_search_checked("list-targets", True)
    _, unticked = store.undoable(
        "unticked", lambda: store.set_search_checked("list-targets", False)
    )
    _, asked = store.undoable("asked", lambda: store.add_own_question("Why?"))
    store.undo(unticked)
    store.undo(asked)
    again = Store(store.path)
    assert list(again.search_checklist()) == ["list-targets"]
    assert again.own_questions() == []


def test_steps_and_questions_apply_again_on_top_of_another_process(data_file: Path) -> None:
    mine = Store(data_file)
    mine.set_search_checked("write-pitch", True)

    def here() -> None:
        mine.set_search_checked("list-targets", True)
        mine.set_search_checked("write-pitch", False)
        mine.add_own_question("Mine?")

    def there(other: Store) -> None:
        other.set_search_checked("find-alumni", True)
        other.add_own_question("Theirs?")  # takes the id of the question asked here

    while_another_saves(mine, here, there)
    for store in (mine, Store(data_file)):
        assert set(store.search_checklist()) == {"list-targets", "find-alumni"}
        assert sorted(q.text for q in store.own_questions()) == ["Mine?", "Theirs?"]
        assert len({q.id for q in store.own_questions()}) == 2


def test_a_step_ticked_in_both_processes_is_ticked_once(data_file: Path) -> None:
    mine = Store(data_file)
    while_another_saves(
        mine,
        lambda: mine.set_search_checked("list-targets", True),
        lambda other: other.set_search_checked("list-targets", True),
    )
    [step] = json.loads(data_file.read_text(encoding="utf-8"))["search_checklist"].values()
    assert step["item"] == "list-targets"
    mine.set_search_checked("list-targets", False)
    assert Store(data_file).search_checklist() == {}
