"""The store and its crash-safe storage: round trips, refusal of damaged files, atomic saves,
migrations, transactions, undo and the cleaning of text on its way in."""

from __future__ import annotations

import json
import os
import stat
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infocoach.cli import main as cli
from infocoach.core.models import InvalidInput
from infocoach.core.text import clean_line, clean_text
from infocoach.data import storage
from infocoach.data.files import STALE_TEMP_SECONDS
from infocoach.data.migrations import SCHEMA_VERSION
from infocoach.data.repositories import Store
from infocoach.data.storage import DataFileError, DataWriteError
from tests.disk_faults import WRITE_FAULTS, disk_full

FIXED_NOW = datetime(2026, 11, 20, 9, 30)  # the clock of the `store` fixture
CONTROL_CHARS = {chr(c) for c in range(0x20) if chr(c) not in "\t\n"} | {
    chr(c) for c in range(0x7F, 0xA0)
}


def raw_tables(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def data_files(folder: Path) -> list[str]:
    """The folder's files, less the lock file every writer shares (backups live in a folder)."""
    return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.endswith(".lock"))


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def reopen(path: Path) -> Store:
    return Store(path, clock=lambda: FIXED_NOW)


# -- round trip ---------------------------------------------------------------------------


def test_round_trip_add_update_get_and_list(store: Store, data_file: Path) -> None:
    ada = store.add_contact(
        name="  Ada Lovelace ",
        company="Analytical Engines",
        role="Engineer",
        tags="math, engines, math",
        meeting="2026-12-01T14:00",
        minutes="30",
        notes="line one\r\nline two\rline three",
    )
    bob = store.add_contact(name="bob", company="Byte & Co")
    assert data_file.is_file()
    assert ada.id != bob.id
    assert ada.name == "Ada Lovelace"
    assert ada.tags == ("math", "engines")
    assert ada.meeting == "2026-12-01 14:00"
    assert ada.minutes == 30
    assert ada.notes == "line one\nline two\nline three"
    assert ada.created == ada.updated == "2026-11-20T09:30:00"

    updated = store.update_contact(ada.id, stage="scheduled", role="Lead engineer")
    assert updated.stage == "scheduled"
    assert updated.role == "Lead engineer"
    assert updated.company == "Analytical Engines"  # untouched fields stay
    assert store.get_contact(ada.id) == updated

    # Sorted by name ignoring case: "Ada Lovelace" before "bob".
    assert [c.name for c in store.contacts()] == ["Ada Lovelace", "bob"]
    assert store.contact_count() == 2

    again = reopen(data_file)
    assert again.contacts() == store.contacts()
    assert again.get_contact(ada.id) == updated
    assert raw_tables(data_file)["contacts"][str(ada.id)]["stage"] == "scheduled"


def test_get_unknown_contact_raises_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.get_contact(42)


def test_invalid_contact_names_every_bad_field_and_saves_nothing(
    store: Store, data_file: Path
) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.add_contact(name="\x1b ", meeting="tomorrow", minutes="0", stage="dreaming")
    assert set(caught.value.problems) == {"name", "meeting", "minutes", "stage"}
    assert not data_file.exists()
    assert store.contacts() == []


def test_referred_by_resolves_names_and_ids(store: Store) -> None:
    ada = store.add_contact(name="Ada")
    bob = store.add_contact(name="Bob", referred_by="ada")
    cy = store.add_contact(name="Cy", referred_by=ada.id)
    assert bob.referred_by == ada.id
    assert cy.referred_by == ada.id
    with pytest.raises(InvalidInput) as caught:
        store.add_contact(name="Dee", referred_by="Nobody")
    assert "referred_by" in caught.value.problems
    with pytest.raises(InvalidInput):
        store.add_contact(name="Dee", referred_by=999)
    with pytest.raises(InvalidInput) as caught:
        store.update_contact(ada.id, referred_by=ada.id)
    assert "themselves" in caught.value.problems["referred_by"]
    assert [c.name for c in store.contacts()] == ["Ada", "Bob", "Cy"]


# -- atomic writes and permissions --------------------------------------------------------


def test_atomic_writes_leave_no_temp_file(store: Store, data_file: Path) -> None:
    for name in ("Ada", "Bob", "Cy"):
        contact = store.add_contact(name=name)
        store.update_contact(contact.id, notes="hello")
    assert data_files(data_file.parent) == [data_file.name]


def test_new_file_is_0600_and_new_folder_0700(data_file: Path) -> None:
    assert not data_file.parent.exists()
    store = reopen(data_file)
    store.add_contact(name="Ada")
    assert stat.S_IMODE(data_file.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(data_file.stat().st_mode) == 0o600


@pytest.mark.parametrize("prefix", [".~", "."], ids=["today's names", "older versions' names"])
def test_opening_removes_stale_temp_files_but_keeps_fresh_ones(
    data_file: Path, prefix: str
) -> None:
    folder = data_file.parent
    folder.mkdir(parents=True)
    stale = folder / f"{prefix}{data_file.name}.dead1234.tmp"
    fresh = folder / f"{prefix}{data_file.name}.busy5678.tmp"
    unrelated = folder / f"{prefix}someone-else.json.old.tmp"
    for path in (stale, fresh, unrelated):
        path.write_bytes(b"{}")
    long_ago = time.time() - (STALE_TEMP_SECONDS + 60)
    os.utime(stale, (long_ago, long_ago))
    os.utime(unrelated, (long_ago, long_ago))

    reopen(data_file)

    assert not stale.exists()
    assert fresh.exists()
    assert unrelated.exists()


# -- damaged files ------------------------------------------------------------------------

VALID = b'{"meta":{"1":{"schema_version":1}},"contacts":{"1":{"name":"Ada"}}}'
DAMAGED = {
    "empty": (b"", "empty"),
    "truncated": (VALID[:40], "truncated"),
    "nul-filled": (b"\x00" * 4096, "no data"),
    "not-json": (b"name,company\nAda,Engines\n", "not valid JSON"),
    "trailing-garbage": (VALID + b"\ngarbage", "not valid JSON at line 2"),
    "invalid-utf8": (b'{"contacts":{"1":{"name":"Ad\xff"}}}', "UTF-8"),
    "top-level-list": (b'[{"name":"Ada"}]', "found a list"),
    "table-is-list": (b'{"contacts":[{"name":"Ada"}]}', "table 'contacts' is a list"),
    "record-not-object": (b'{"contacts":{"1":"Ada"}}', "record '1'"),
    "record-id-not-number": (b'{"contacts":{"ada":{"name":"Ada"}}}', "record 'ada'"),
    "newer-schema": (b'{"meta":{"1":{"schema_version":99}},"contacts":{}}', "newer infocoach"),
    "bad-schema-version": (b'{"meta":{"1":{"schema_version":"one"}}}', "schema version"),
    "contact-without-name": (
        b'{"meta":{"1":{"schema_version":1}},"contacts":{"1":{"company":"X"}}}',
        "contact 1 has no name",
    ),
    "tags-not-a-list": (
        b'{"meta":{"1":{"schema_version":1}},"contacts":{"1":{"name":"Ada","tags":5}}}',
        "'tags' of record 1",
    ),
    "minutes-as-bool": (
        b'{"meta":{"1":{"schema_version":1}},"contacts":{"1":{"name":"Ada","minutes":true}}}',
        "'minutes' of record 1",
    ),
    "event-date-not-text": (
        b'{"meta":{"1":{"schema_version":1}},"events":{"1":{"contact_id":1,"date":20261120}}}',
        "'date' of record 1 in table 'events'",
    ),
    "deeply-nested": (b"[" * 100_000, "not valid JSON"),
    "huge-number": (b'{"contacts":{"1":{"name":"Ada","minutes":' + b"9" * 5000 + b"}}}", "JSON"),
}


@pytest.mark.parametrize("content, problem", DAMAGED.values(), ids=DAMAGED.keys())
def test_damaged_file_is_refused_and_left_byte_for_byte(
    data_file: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str
) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(content)

    with pytest.raises(DataFileError) as caught:
        reopen(data_file)
    assert caught.value.path == data_file
    assert problem in caught.value.problem
    message = str(caught.value)
    assert str(data_file) in message and caught.value.problem in message
    assert "\n" not in message

    assert cli.main(["list"]) == 1
    assert cli.main(["add", "Zed", "--company", "Z"]) == 1
    assert cli.main(["list", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 3
    assert all(str(data_file) in line and problem in line for line in lines)

    assert data_file.read_bytes() == content
    assert data_files(data_file.parent) == [data_file.name]


def test_a_folder_where_the_file_should_be_is_refused(data_file: Path) -> None:
    data_file.mkdir(parents=True)
    with pytest.raises(DataFileError) as caught:
        reopen(data_file)
    assert caught.value.path == data_file
    assert caught.value.problem


# -- migrations ---------------------------------------------------------------------------


def test_v0_file_is_migrated_once(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True)
    v0 = {
        "_default": {
            "1": {"name": "Ada", "company": "Engines", "checked": ["network-start-list", "set-x"]},
            "2": {"name": "Bob"},
        }
    }
    data_file.write_text(json.dumps(v0), encoding="utf-8")

    store = reopen(data_file)

    ada = store.get_contact(1)
    assert ada.name == "Ada" and ada.company == "Engines"
    assert ada.checklist == {"set-x": "2026-11-20"}  # Network is ticked for the whole search
    assert store.search_checklist() == {"network-start-list": "2026-11-20"}
    assert store.get_contact(2).checklist == {}
    tables = raw_tables(data_file)
    assert "_default" not in tables
    assert set(tables["contacts"]) == {"1", "2"}
    assert "checked" not in tables["contacts"]["1"]
    assert tables["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 5

    migrated = data_file.read_bytes()
    later = Store(data_file, clock=lambda: datetime(2030, 1, 1))
    assert data_file.read_bytes() == migrated
    assert later.search_checklist()["network-start-list"] == "2026-11-20"


def test_new_file_records_the_schema_version(store: Store, data_file: Path) -> None:
    store.add_contact(name="Ada")
    assert raw_tables(data_file)["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}


def test_opening_a_current_file_does_not_rewrite_it(store: Store, data_file: Path) -> None:
    store.add_contact(name="Ada")
    before = data_file.read_bytes()
    mtime = data_file.stat().st_mtime_ns
    reopen(data_file).contacts()
    assert data_file.read_bytes() == before
    assert data_file.stat().st_mtime_ns == mtime


# -- write failures -----------------------------------------------------------------------


@pytest.mark.parametrize("fault", WRITE_FAULTS)
def test_failed_write_keeps_old_file_and_memory_matches_disk(
    small_disk: Path, fault: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing, said = WRITE_FAULTS[fault]
    data_file = small_disk / "data" / "infocoach.json"
    store = Store(data_file, clock=lambda: FIXED_NOW)
    ada = store.add_contact(name="Ada", company="Engines")
    before = data_file.read_bytes()

    with failing(data_file.parent):
        with pytest.raises(DataWriteError) as caught:
            store.add_contact(name="Lost")
        assert caught.value.path == data_file
        assert said in str(caught.value)
        with pytest.raises(DataWriteError):
            store.update_contact(ada.id, company="Changed")

    assert data_file.read_bytes() == before
    assert temp_files(data_file.parent) == []
    assert [c.name for c in store.contacts()] == ["Ada"]
    assert store.get_contact(ada.id).company == "Engines"

    store.add_contact(name="Bob")
    assert [c.name for c in reopen(data_file).contacts()] == ["Ada", "Bob"]


def test_failed_first_write_still_records_schema_version_later(small_disk: Path) -> None:
    data_file = small_disk / "data" / "infocoach.json"
    store = Store(data_file, clock=lambda: FIXED_NOW)
    with disk_full(small_disk), pytest.raises(DataWriteError):
        store.add_contact(name="Lost")
    assert not data_file.exists()
    assert store.contacts() == []

    store.add_contact(name="Ada")
    tables = raw_tables(data_file)
    assert tables["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert [c["name"] for c in tables["contacts"].values()] == ["Ada"]


# -- transactions -------------------------------------------------------------------------


def test_transaction_saves_all_changes_at_once(
    store: Store, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves: list[Path] = []
    real = storage.atomic_write_bytes

    def counting(path: Path, payload: bytes) -> None:
        saves.append(path)
        real(path, payload)

    monkeypatch.setattr(storage, "atomic_write_bytes", counting)

    def together() -> None:
        ada = store.add_contact(name="Ada")
        store.add_contact(name="Bob", referred_by=ada.id)
        store.log_event(ada.id, "reached-out")
        assert saves == []

    store.run_as_one(together)
    assert saves == [data_file]
    assert [c.name for c in reopen(data_file).contacts()] == ["Ada", "Bob"]


def test_transaction_is_all_or_nothing(store: Store, data_file: Path) -> None:
    ada = store.add_contact(name="Ada")
    before = data_file.read_bytes()

    def failing() -> None:
        store.add_contact(name="Bob")
        store.update_contact(ada.id, company="Changed")
        store.log_event(ada.id, "replied")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.run_as_one(failing)
    assert data_file.read_bytes() == before
    assert [c.name for c in store.contacts()] == ["Ada"]
    assert store.get_contact(ada.id).company == ""
    assert store.events() == []


def test_rolled_back_transaction_on_new_file_creates_nothing(store: Store, data_file: Path) -> None:
    def failing() -> None:
        store.add_contact(name="Bob")
        raise ValueError("boom")

    with pytest.raises(ValueError):
        store.run_as_one(failing)
    assert not data_file.exists()
    assert store.contacts() == []
    store.add_contact(name="Ada")
    assert raw_tables(data_file)["meta"]["1"]["schema_version"] == SCHEMA_VERSION


# -- delete and undo ----------------------------------------------------------------------


def test_delete_and_undo_restore_everything(store: Store, data_file: Path) -> None:
    ada = store.add_contact(name="Ada", company="Engines", tags="math")
    bob = store.add_contact(name="Bob", referred_by=ada.id)
    cy = store.add_contact(name="Cy", referred_by=ada.id)
    dee = store.add_contact(name="Dee")
    ada = store.toggle_checked(ada.id, "network-start-list")
    interview = store.add_interview(ada.id, minutes=20, notes="great", referrals=["Eve"])
    event = store.log_event(ada.id, "interviewed", day=date(2026, 11, 18))
    rehearsal = store.add_rehearsal("phone-direct", 40.0, 120.0, contact_id=ada.id)
    dee_event = store.log_event(dee.id, "replied")
    ada = store.get_contact(ada.id)  # its stage follows the event log
    assert ada.stage == "interviewed"

    _, deleted = store.undoable("deleted Ada", lambda: store.delete_contact(ada.id))

    assert [c.name for c in store.contacts()] == ["Bob", "Cy", "Dee"]
    assert store.get_contact(bob.id).referred_by is None
    assert store.get_contact(cy.id).referred_by is None
    assert store.interviews(ada.id) == [] and store.events(ada.id) == []
    assert store.rehearsals() == []
    assert [e.id for e in store.events()] == [dee_event]
    assert str(ada.id) not in raw_tables(data_file)["contacts"]

    store.undo(deleted)
    restored = store.get_contact(ada.id)

    assert restored == ada
    assert store.get_contact(ada.id) == ada
    assert store.get_contact(bob.id).referred_by == ada.id
    assert store.get_contact(cy.id).referred_by == ada.id
    assert [i.id for i in store.interviews(ada.id)] == [interview]
    assert store.interviews(ada.id)[0].notes == "great"
    assert [e.id for e in store.events(ada.id)] == [event]
    assert [r.id for r in store.rehearsals("phone-direct")] == [rehearsal]

    again = reopen(data_file)
    assert again.get_contact(ada.id) == ada
    assert again.get_contact(bob.id).referred_by == ada.id
    assert [e.id for e in again.events()] == [event, dee_event]


# -- cleaning of text ---------------------------------------------------------------------


def test_control_characters_are_stripped(store: Store, data_file: Path) -> None:
    contact = store.add_contact(
        name="Ada\x1b[31m Love\x9b2Jlace\x00\x7f",
        company="\x1b]0;pwned\x07Engines",
        notes="keep\ttab\nand newline\x1b[0m\x08",
        tags="a\x1b,b",
    )
    assert contact.name == "Ada[31m Love2Jlace"
    assert contact.company == "]0;pwnedEngines"
    assert contact.notes == "keep\ttab\nand newline[0m"
    assert contact.tags == ("a", "b")
    store.add_interview(contact.id, notes="x\x1b[2Jy", referrals=["Eve\x9b"])
    store.log_event(contact.id, "replied", note="n\x00o\x85te")
    store.add_own_question("Why\x1b[5m?", category="mi\x1bne")

    assert store.interviews()[0].notes == "x[2Jy"
    assert store.interviews()[0].referrals == ("Eve",)
    assert store.events()[0].note == "note"
    assert store.own_questions()[0].text == "Why[5m?"
    text = data_file.read_text(encoding="utf-8")
    assert not CONTROL_CHARS & set("".join(_all_strings(json.loads(text))))


def _all_strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _all_strings(item)


def test_markup_rtl_and_emoji_are_stored_exactly(store: Store, data_file: Path) -> None:
    values = {
        "name": "[b]x[/b]",
        "company": "a [/",
        "role": "مهندسة برمجيات",
        "notes": "[red]not red[/red] 🎉 👩‍💻 שלום\nsecond [link=x]line[/link]",
    }
    contact = store.add_contact(**values)
    for key, value in values.items():
        assert getattr(contact, key) == value
        assert getattr(reopen(data_file).get_contact(contact.id), key) == value


@settings(database=None)
@given(st.text())
def test_clean_text_never_leaves_a_control_character(value: str) -> None:
    cleaned = clean_text(value)
    assert not CONTROL_CHARS & set(cleaned)
    assert not CONTROL_CHARS & set(clean_line(value))
    assert "\n" not in clean_line(value)


@settings(database=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\t\n")))
def test_clean_text_leaves_printable_text_unchanged(value: str) -> None:
    assert clean_text(value) == value


# -- checklist, questions, events, rehearsals ---------------------------------------------


def test_toggle_checked_stores_the_clock_date(store: Store, data_file: Path) -> None:
    ada = store.add_contact(name="Ada")
    ticked = store.toggle_checked(ada.id, "prepare-research")
    assert ticked.checklist == {"prepare-research": "2026-11-20"}
    stored = raw_tables(data_file)["contacts"][str(ada.id)]
    assert stored["checklist"] == {"prepare-research": "2026-11-20"}
    assert stored["updated"] == "2026-11-20T09:30:00"
    assert store.toggle_checked(ada.id, "prepare-research").checklist == {}
    assert reopen(data_file).get_contact(ada.id).checklist == {}


def test_choose_drop_and_move_questions(store: Store, data_file: Path) -> None:
    ada = store.add_contact(name="Ada")
    for question in ("q1", "q2", "q3", "q1"):
        store.choose_question(ada.id, question)
    assert store.get_contact(ada.id).questions == ("q1", "q2", "q3")
    assert store.move_question(ada.id, "q3", -1).questions == ("q1", "q3", "q2")
    assert store.move_question(ada.id, "q2", -10).questions == ("q2", "q1", "q3")
    assert store.move_question(ada.id, "q2", 10).questions == ("q1", "q3", "q2")
    assert store.drop_question(ada.id, "q3").questions == ("q1", "q2")
    assert store.drop_question(ada.id, "absent").questions == ("q1", "q2")
    assert raw_tables(data_file)["contacts"][str(ada.id)]["questions"] == ["q1", "q2"]
    assert store.set_questions(ada.id, ["q2", "q2", "q9"]).questions == ("q2", "q9")
    assert reopen(data_file).get_contact(ada.id).questions == ("q2", "q9")


def test_own_questions(store: Store, data_file: Path) -> None:
    first = store.add_own_question("  What surprised you most?  ")
    second = store.add_own_question("Who else should I ask?", category="people")
    assert first.id == "own-1" and first.text == "What surprised you most?"
    assert first.category == "mine"
    assert second.id == "own-2" and second.category == "people"
    with pytest.raises(InvalidInput):
        store.add_own_question(" \x1b ")
    assert reopen(data_file).own_questions() == [first, second]
    assert set(raw_tables(data_file)["own_questions"]) == {"1", "2"}


def test_log_event_rejects_unknown_events(store: Store, data_file: Path) -> None:
    ada = store.add_contact(name="Ada")
    before = data_file.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        store.log_event(ada.id, "bribed")
    assert "event" in caught.value.problems
    assert data_file.read_bytes() == before
    with pytest.raises(KeyError):
        store.log_event(999, "replied")
    store.log_event(ada.id, "replied", day=date(2026, 11, 22))
    store.log_event(ada.id, "reached-out")
    assert [(e.event, e.date) for e in store.events(ada.id)] == [
        ("reached-out", "2026-11-20"),
        ("replied", "2026-11-22"),
    ]


def test_rehearsals_live_in_their_own_table(store: Store, data_file: Path) -> None:
    rehearsal = store.add_rehearsal("phone-direct", 42.26, 131.04)
    store.add_rehearsal("voicemail", 20, 150)
    tables = raw_tables(data_file)
    assert {k: v for k, v in tables["rehearsals"][str(rehearsal)].items() if k[0] != "_"} == {
        "date": "2026-11-20T09:30:00",
        "script_id": "phone-direct",
        "contact_id": None,
        "seconds": 42.3,
        "wpm": 131.0,
    }
    assert [r.script_id for r in store.rehearsals("voicemail")] == ["voicemail"]
    assert len(store.rehearsals()) == 2


def test_undo_after_the_old_id_was_taken_gets_a_new_id(store: Store, data_file: Path) -> None:
    referrer = store.add_contact(name="Ref")
    referred = store.add_contact(name="Kid")
    gone = store.add_contact(name="Gone", referred_by="Ref")  # the highest id
    store.update_contact(referred.id, referred_by=gone.id)
    store.log_event(gone.id, "reached-out")
    _, deleted = store.undoable("deleted Gone", lambda: store.delete_contact(gone.id))
    reopened = reopen(data_file)  # a fresh process computes ids from what is on disk
    newcomer = reopened.add_contact(name="Newcomer")
    reopened.undo(deleted)
    restored = reopened.find_contact("Gone")

    assert newcomer.id == gone.id  # the case being tested: the old id was reused
    assert restored.id not in (newcomer.id, referrer.id, referred.id)
    assert reopened.get_contact(newcomer.id).name == "Newcomer"
    assert reopened.get_contact(restored.id).name == "Gone"
    assert [e.contact_id for e in reopened.events()] == [restored.id]
    assert reopened.get_contact(referred.id).referred_by == restored.id


def test_after_every_kind_of_change_the_file_holds_what_memory_holds(
    store: Store, data_file: Path
) -> None:
    """The file is the standard JSON encoding (as `json.dumps` writes it) of the tables."""

    ada = store.add_contact(name="Ada", tags="one, two")
    bob = store.add_contact(name="Bob", referred_by="Ada")
    changes = [
        lambda: store.update_contact(ada.id, company="Engines"),
        lambda: store.set_checked(ada.id, "network-start-list", True),
        lambda: store.choose_question(bob.id, "role-typical-day"),
        lambda: store.log_event(ada.id, "reached-out"),
        lambda: store.add_own_question("Why?"),
        lambda: store.undo(store.undoable("x", lambda: store.delete_contact(ada.id))[1]),
        lambda: store.update_contact(bob.id, notes="line one\nline two"),
    ]
    for change in changes:
        change()
        on_disk = data_file.read_bytes()
        assert on_disk == store.export_bytes()
        assert (
            on_disk
            == json.dumps(json.loads(on_disk), ensure_ascii=False, separators=(",", ":")).encode()
        )
        assert json.loads(on_disk) == raw_tables(data_file)
    assert Store(data_file).get_contact(bob.id).notes == "line one\nline two"


# -- schema 2: "how you met" completes "I found your name ..." ---------------------------

HOW_MET_V1 = {
    "LinkedIn (connected on 26 Jan 2015)": "in my LinkedIn connections",
    "LinkedIn": "in my LinkedIn connections",
    "Referred by Maya Okafor": "through Maya Okafor",
    "Referral": "through a referral",
    "Referral from Sam Lee": "through Sam Lee",
    "alumni list": "on the alumni list",
    "Alumni directory": "in the alumni directory",
    "Alumni evening": "at the alumni evening",
    "PyData meetup": "at the PyData meetup",
    "Maya Okafor": "through Maya Okafor",
    "met at church": "at church",
    "my cousin": "through my cousin",
    "through Maya Okafor": "through Maya Okafor",
    "On the PyData meetup speaker list": "on the PyData meetup speaker list",
    "": "",
}


def test_migrating_to_v2_makes_how_met_complete_the_sentence(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True)
    contacts = {str(i): {"name": f"P{i}", "how_met": old} for i, old in enumerate(HOW_MET_V1, 1)}
    v1 = {"meta": {"1": {"schema_version": 1}}, "contacts": contacts}
    data_file.write_text(json.dumps(v1), encoding="utf-8")

    store = reopen(data_file)

    got = {old: store.get_contact(i).how_met for i, old in enumerate(HOW_MET_V1, 1)}
    assert got == HOW_MET_V1
    assert raw_tables(data_file)["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    for phrase in got.values():
        if phrase:
            sentence = f"I found your name {phrase}."
            assert "  " not in sentence and "name LinkedIn" not in sentence
            assert phrase.split()[0] in ("through", "on", "in", "at"), phrase


def test_the_v2_phrases_survive_a_second_migration_unchanged() -> None:
    from infocoach.core.how_met import as_found_phrase

    for phrase in HOW_MET_V1.values():
        assert as_found_phrase(phrase) == phrase
