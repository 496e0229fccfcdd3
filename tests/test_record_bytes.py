"""A save encodes only what changed: the records' bytes are kept from one save to the next, in
blocks (`storage.RecordBytes`), and the file written is byte for byte what encoding it whole
gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infocoach.data import storage
from infocoach.data.repositories import Store
from infocoach.data.storage import RecordBytes, encode_tables

texts = st.text(max_size=12)
values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
records = st.dictionaries(texts, values, max_size=4)
tables_strategy = st.dictionaries(
    texts, st.dictionaries(st.integers(1, 50).map(str), records, max_size=5), max_size=4
)


@settings(max_examples=150, deadline=None)
@given(tables_strategy, st.data())
def test_kept_bytes_give_the_whole_encoding_through_any_changes(
    tables: dict[str, dict[str, dict[str, Any]]], data: st.DataObject
) -> None:
    """Records replaced, moved to another id, added and dropped between saves: each save
    is exactly what encoding the tables whole gives."""
    kept = RecordBytes()
    kept.BLOCK = 2  # several blocks in a table of a few records
    assert kept.encode(tables) == orjson.dumps(tables)
    for _ in range(3):
        changed = {name: dict(table) for name, table in tables.items()}
        for table in changed.values():
            for doc_id in list(table):
                choice = data.draw(st.sampled_from(["keep", "replace", "move", "drop"]))
                if choice == "replace":
                    table[doc_id] = data.draw(records)
                elif choice == "move":  # the same record object, under another doc id
                    table[str(int(doc_id) + 100)] = table.pop(doc_id)
                elif choice == "drop":
                    del table[doc_id]
        changed[data.draw(texts)] = {"1": data.draw(records)}
        assert kept.encode(changed) == orjson.dumps(changed)
        tables = changed


def test_the_same_record_under_two_ids_is_encoded_under_each() -> None:
    record = {"name": "Ada"}
    kept = RecordBytes()
    tables = {"contacts": {"1": record, "2": record}}
    assert kept.encode(tables) == orjson.dumps(tables)
    assert kept.encode(tables) == orjson.dumps(tables)


def test_a_save_after_one_edit_encodes_the_block_of_that_record_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(RecordBytes, "BLOCK", 4)
    store = Store(tmp_path / "data.json")
    ids = [store.add_contact(name=f"Contact {n}").id for n in range(20)]
    writer = store.save_in_background(lambda state: None)
    try:
        store.update_contact(ids[3], notes="first save: every record")
        assert store.wait_until_saved()
        encoded: list[object] = []
        real = orjson.dumps

        def counting(value: object, *args: Any, **kwargs: Any) -> bytes:
            encoded.append(value)
            return real(value, *args, **kwargs)

        monkeypatch.setattr(storage.orjson, "dumps", counting)
        store.update_contact(ids[5], notes="then only this one")
        assert store.wait_until_saved()
    finally:
        writer.stop()
    blocks = [value for value in encoded if isinstance(value, dict)]
    assert [list(block) for block in blocks] == [[str(n) for n in ids[4:8]]]  # 5's block alone
    assert blocks[0][str(ids[5])]["notes"] == "then only this one"
    on_disk = json.loads((tmp_path / "data.json").read_bytes())
    assert on_disk["contacts"][str(ids[5])]["notes"] == "then only this one"
    assert on_disk["contacts"][str(ids[3])]["notes"] == "first save: every record"
    assert Store(tmp_path / "data.json").contact_count() == 20


def test_a_number_orjson_cannot_hold_is_saved_the_standard_way() -> None:
    tables = {"meta": {"1": {"big": 2**70}}, "contacts": {"1": {"name": "Ada"}}}
    expected = json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode()
    assert encode_tables(tables, RecordBytes()) == expected


def test_with_the_writer_the_file_holds_what_memory_holds_after_every_kind_of_change(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The app's saves (blocks kept between them) write what encoding memory whole gives:
    no change of any kind leaves a block's old bytes in the file."""
    monkeypatch.setattr(RecordBytes, "BLOCK", 2)
    path = tmp_path / "data.json"
    store = Store(path)
    writer = store.save_in_background(lambda state: None)
    ada = store.add_contact(name="Ada", company="Engines", tags="one, two")
    bob = store.add_contact(name="Bob", referred_by="Ada", company="Looms")
    cy = store.add_contact(name="Cy")
    changes = [
        lambda: store.update_contact(ada.id, notes="first"),
        lambda: store.set_checked(bob.id, "network-start-list", True),
        lambda: store.choose_question(cy.id, "role-typical-day"),
        lambda: store.log_event(ada.id, "reached-out"),
        lambda: store.add_interview(bob.id, minutes=20, notes="kind", referrals=["Alan"]),
        lambda: store.add_rehearsal("elevator-pitch", 31.5, 140.0, ada.id),
        lambda: store.save_call_draft(cy.id, "half a thought", ["q1"]),
        lambda: store.keep_message_draft(bob.id, "thank-you", "Thank you, Bob."),
        lambda: store.add_own_question("Why?"),
        lambda: store.merge_companies(ada.company_id, bob.company_id),
        lambda: store.undo(store.undoable("x", lambda: store.delete_contact(ada.id))[1]),
        lambda: store.delete_contact(cy.id),
        lambda: store.update_contact(bob.id, notes="line one\nline two"),
    ]
    try:
        for change in changes:
            change()
            assert store.wait_until_saved()
            assert path.read_bytes() == store.export_bytes()
    finally:
        writer.stop()
    assert Store(path).get_contact(bob.id).notes == "line one\nline two"
