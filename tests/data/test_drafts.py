"""The drafts repository (`data.drafts`): the notes of a call in progress and the messages kept
from the editor; read back, taken back, and applied again after another process saved."""

from __future__ import annotations

from pathlib import Path

from infocoach.data.repositories import Store
from tests.data.elsewhere import while_another_saves


def test_drafts_read_back_from_the_file_and_replace_the_last(data_file: Path) -> None:
    store = Store(data_file)
    ada = store.add_contact(name="Ada")
    store.save_call_draft(ada.id, "half a thought", ["q1", "q1", "q2"], "2026-12-02T10:00:00")
    store.save_call_draft(ada.id, "the whole thought", ["q2"])
    store.keep_message_draft(ada.id, "thank-you", "Thanks, Ada")
    store.keep_message_draft(ada.id, "follow-up", "Any news?")
    store.keep_message_draft(ada.id, "follow-up", None)

    again = Store(data_file)
    draft = again.call_draft(ada.id)
    assert draft is not None
    assert (draft.text, draft.asked) == ("the whole thought", ("q2",))
    assert draft.started == "2026-12-02T10:00:00"  # kept from the first save
    assert again.message_drafts(ada.id) == {"thank-you": "Thanks, Ada"}
    again.clear_call_draft(ada.id)
    assert Store(data_file).call_draft(ada.id) is None


def test_undo_takes_a_draft_back(store: Store) -> None:
    ada = store.add_contact(name="Ada")
    store.save_call_draft(ada.id, "first")
    _, saved = store.undoable("saved", lambda: store.save_call_draft(ada.id, "second"))
    _, kept = store.undoable("kept", lambda: store.keep_message_draft(ada.id, "thanks", "Hi"))
    store.undo(saved)
    store.undo(kept)
    again = Store(store.path)
    draft = again.call_draft(ada.id)
    assert draft is not None and draft.text == "first"
    assert again.message_drafts(ada.id) == {}


def test_a_draft_applies_again_on_top_of_another_process(data_file: Path) -> None:
    mine = Store(data_file)
    ada = mine.add_contact(name="Ada")
    mine.save_call_draft(ada.id, "first", ["q1"])

    def here() -> None:
        mine.save_call_draft(ada.id, "typed here", ["q1", "q2"])
        mine.keep_message_draft(ada.id, "thanks", "Thanks from here")

    def there(other: Store) -> None:
        other.keep_message_draft(ada.id, "follow-up", "Any news?")

    while_another_saves(mine, here, there)
    for store in (mine, Store(data_file)):
        draft = store.call_draft(ada.id)
        assert draft is not None and (draft.text, draft.asked) == ("typed here", ("q1", "q2"))
        assert store.message_drafts(ada.id) == {
            "thanks": "Thanks from here",
            "follow-up": "Any news?",
        }
