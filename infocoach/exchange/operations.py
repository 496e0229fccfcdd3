"""Import, export and restore as whole operations, shared by the CLI and the screens.

Gathers what `importers` and `exporters` need from the store, the content and the settings.
Knows nothing of Textual or Rich.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from infocoach.core import wording
from infocoach.core.agenda import (
    CONDUCT_STEP,
    AgendaItem,
    agenda_items,
    meeting_datetime,
    planned_meeting,
    prepare_item_ids,
)
from infocoach.core.calls import CallPlan, plan_call
from infocoach.core.companies import TargetsImported, checked_targets
from infocoach.core.imports import ROW_CONVENTION, ImportResult
from infocoach.core.models import Contact
from infocoach.core.opener import SHORT_LINE, opener_of
from infocoach.data.files import (
    FolderNotSynced,
    OwnFolder,
    atomic_write_bytes,
    ensure_private_folder,
    real_path,
    write_own_file,
)
from infocoach.data.storage import DataFileError, FolderLock, decode_tables, encode_tables
from infocoach.exchange import exporters, importers
from infocoach.exchange.importers import ImportFileError

if TYPE_CHECKING:
    from infocoach.data.repositories import Store
    from infocoach.data.settings import Settings
    from infocoach.guidance.records import Guidance

IMPORT_KINDS = importers.KINDS
EXPORT_FORMATS = ("csv", "vcard", "ics", "markdown", "json")
SUFFIXES = {"csv": ".csv", "vcard": ".vcf", "ics": ".ics", "markdown": ".md", "json": ".json"}
OPENER_TITLE = "the first minute"
BEFORE_RESTORE = "before-restore"

__all__ = ["EXPORT_FORMATS", "IMPORT_KINDS", "ImportFileError", "TransferError"]


class TransferError(Exception):
    """An export or restore that cannot be done; the message is one line for the user."""


# -- import -----------------------------------------------------------------------------------


def import_file(
    store: Store,
    kind: str,
    path: Path,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import `path` as `kind` in one save; ImportFileError (nothing written) when the file is
    not such a file."""
    parsed = importers.read(kind, path)
    return store.import_contacts(parsed.records, progress).including(
        parsed.rejections, parsed.hidden
    )


def import_targets(store: Store, path: Path) -> TargetsImported:
    """Import the LAMP list in the CSV file `path` in one save: all its rows, or (when any row
    is bad) none, ImportFileError listing every bad row."""
    parsed = importers.parse_targets(importers.read_file(importers.TARGETS, path))
    checked, rejected = checked_targets(parsed.records)
    if rejected:
        rows = "\n".join(f"  {rejection}" for rejection in rejected)
        many = "row" if len(rejected) == 1 else "rows"
        raise ImportFileError(
            f"nothing imported: {len(rejected)} {many} rejected ({ROW_CONVENTION}):\n{rows}"
        )
    return replace(store.import_targets(checked), separator=parsed.separator)


# -- export -----------------------------------------------------------------------------------


def question_texts(store: Store, content: Guidance, contact: Contact) -> tuple[str, ...]:
    """The texts of the contact's chosen questions, from the bank or the user's own, in the
    running order (small talk, then TIARA: see `calls.running_order`)."""
    return tuple(text for _, text in call_plan(store, content, contact, "").questions)


def call_plan(
    store: Store, content: Guidance, contact: Contact, purpose: str, referrer: str = ""
) -> CallPlan:
    """The call with `contact`: its questions (the bank's and her own) in running order."""
    texts = {question.id: question.text for question in store.own_questions()}
    texts.update((question.id, question.text) for question in content.questions)
    return plan_call(contact, referrer, texts, purpose, content.question_kinds())


def opener_paragraphs(plan: CallPlan) -> str:
    """The first minute as the brief writes it: her lines, then the two other branches."""
    opener = opener_of(plan)
    paragraphs = [*opener.lines, f"(Not a good time) {opener.reschedule}"]
    if opener.keep:
        kept = " ".join(f"{number}. {text}" for number, text in enumerate(opener.keep, 1))
        paragraphs.append(f"(Only ten minutes) {SHORT_LINE} {kept}")
    return "\n\n".join(paragraphs)


def _referrer(names: dict[int, str], contact: Contact) -> str:
    return names.get(contact.referred_by, "") if contact.referred_by is not None else ""


def brief(store: Store, content: Guidance, settings: Settings, contact: Contact) -> exporters.Brief:
    """What an interview brief on `contact` says, for `exporters.markdown_brief` or
    `exporters.plain_brief`."""
    names = {c.id: c.name for c in store.contacts()}
    referrer = _referrer(names, contact)
    plan = call_plan(store, content, contact, settings.my_purpose)
    search = store.search_checklist()  # the steps for the whole search: the same for everyone
    ids = [step.id for step in content.steps]
    talk_step = ids.index(CONDUCT_STEP) if CONDUCT_STEP in ids else len(ids)
    steps = tuple(
        exporters.ChecklistStep(
            step.number,
            step.title,
            tuple(
                (item.text, (contact.checklist if step.per_contact else search).get(item.id))
                for item in step.items
            ),
            whole_search=not step.per_contact,
            before_talk=index < talk_step,
        )
        for index, step in enumerate(content.steps)
    )
    events = store.events_by_contact().get(contact.id, ())
    meeting = meeting_datetime(contact)
    held = meeting is not None and planned_meeting(contact, events) is None
    return exporters.Brief(
        contact=contact,
        referrer=referrer,
        purpose=settings.my_purpose,
        opener_title=OPENER_TITLE,
        opener=opener_paragraphs(plan),
        questions=tuple(text for _, text in plan.questions),
        steps=steps,
        held_on=max(e.day for e in events if e.kind == "interviewed") if held else None,
    )


def export(
    store: Store,
    fmt: str,
    *,
    content: Guidance | None = None,
    settings: Settings | None = None,
    contact: Contact | None = None,
    now: datetime | None = None,
    vcard_version: str = "3.0",
) -> bytes:
    """The bytes of an export in `fmt` (one of EXPORT_FORMATS).

    `markdown` needs the `contact` to brief on; `ics` and `markdown` load the content and
    settings unless given; `vcard` is written as `vcard_version` (3.0 or 4.0).
    """
    now = now or datetime.now()
    if fmt == "json":
        return store.export_bytes()
    contacts = store.contacts()
    names = {c.id: c.name for c in contacts}
    if fmt == "csv":
        return exporters.contacts_csv(contacts, names)
    if fmt == "vcard":
        return exporters.vcard(contacts, vcard_version)
    if content is None:
        from infocoach.guidance.loader import load_guidance

        content = load_guidance()
    if fmt == "ics":
        meetings = [
            exporters.Meeting(c, _referrer(names, c), question_texts(store, content, c))
            for c in contacts
            if c.meeting
        ]
        uuids = {contact.id: exporters.contact_uuid(contact) for contact in contacts}
        return exporters.calendar(meetings, _agenda(store, content, now), now, uuids)
    if fmt == "markdown":
        if contact is None:
            raise TransferError("a Markdown brief is about one contact: name it with --contact")
        if settings is None:
            from infocoach.data.settings import load_settings

            settings = load_settings()
        return exporters.markdown_brief(brief(store, content, settings, contact))
    raise TransferError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")


def _agenda(store: Store, content: Guidance, now: datetime) -> list[AgendaItem]:
    return agenda_items(store, now.date(), prepare_items=prepare_item_ids(content))


def write_export(path: Path, payload: bytes) -> None:
    """Write an export atomically (a crash leaves the old file or the new one), never through
    a symbolic link at `path` (refused: it may be someone else's, planted in a shared folder)."""
    try:
        write_own_file(path, payload)
    except OSError as error:
        raise TransferError(f"cannot write {path}: {error.strerror or error}") from None


@dataclass(frozen=True)
class VdirWritten:
    written: int  # new or changed cards
    unchanged: int
    removed: int  # cards of contacts no longer in the data


def write_vdir(store: Store, folder: Path, vcard_version: str = "3.0") -> VdirWritten:
    """Mirror the contacts into `folder` as a vdir, one `.vcf` per contact named by its UID.

    Only a file whose content changed is written (atomically), so a sync tool sees just the
    real changes; a `.vcf` infocoach wrote (by its PRODID) for a contact no longer in the data
    is removed. Anything else in the folder is never touched, and nothing is written through
    a symbolic link: a linked folder, or a link where a card goes, is refused before any card
    is written, and a link is never read as a card (see `OwnFolder`).
    """
    files = exporters.vdir_files(store.contacts(), vcard_version)
    written = unchanged = removed = 0
    try:
        with OwnFolder(folder) as cards:
            for name in files:
                cards.refuse_link(name)
            for name, payload in files.items():
                if cards.read(name) == payload:
                    unchanged += 1
                    continue
                cards.write(name, payload)
                written += 1
            for name in cards.names():
                others = not name.endswith(exporters.VCARD_SUFFIX) or name.startswith(".")
                if name in files or others:
                    continue
                card = cards.read(name)  # None for a link: never ours, left with its target
                if card is not None and exporters.is_ours(card):
                    cards.remove(name)
                    removed += 1
    except OSError as error:
        raise TransferError(f"cannot write {error.filename or folder}: {error.strerror}") from None
    return VdirWritten(written, unchanged, removed)


# -- restore ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    contacts: int
    kept: Path | None  # the copy of the data file as it was before, if there was one
    unconfirmed: str = ""  # why the disk did not confirm the restore (it landed all the same)


def check_backup(source: Path, now: datetime) -> bytes:
    """The backup at `source` validated (shape, schema) and encoded at this schema version;
    TransferError when it is not a usable backup."""
    from infocoach.data.schema import validate_tables

    try:
        raw = source.read_bytes()
    except IsADirectoryError:
        raise TransferError(f"{source}: is a folder, not a backup file") from None
    except OSError as error:
        raise TransferError(f"{source}: {error.strerror or error}") from None
    try:
        tables = decode_tables(source, raw)
        tables, _ = validate_tables(source, tables, now.date(), raw)
    except DataFileError as error:
        raise TransferError(f"{source}: not a usable backup: {error.problem}") from None
    except (TypeError, ValueError, AttributeError, KeyError) as error:  # a broken old schema
        raise TransferError(f"{source}: not a usable backup: {error}") from None
    return encode_tables(tables)


def restore(data_file: Path, source: Path, now: datetime | None = None) -> Restored:
    """Replace the data file with the backup at `source`, after validating it and keeping a
    copy of the current file in the backups folder. A bad backup, a read-only data file or
    folder, or a link to nothing changes nothing (and leaves no copy behind)."""
    import json

    from infocoach.data.backups import copy_to_backups

    now = now or datetime.now()
    payload = check_backup(source, now)
    if data_file.is_symlink() and not data_file.exists():
        raise TransferError(
            f"cannot replace {data_file}: it is a link to {real_path(data_file)}, "
            "which does not exist"
        )
    ensure_private_folder(data_file.parent)
    kept, unconfirmed = None, ""
    with FolderLock(data_file):  # no other infocoach saves in between
        _check_replaceable(data_file)
        try:
            if data_file.exists():
                kept = copy_to_backups(data_file, BEFORE_RESTORE, now)
            try:
                atomic_write_bytes(data_file, payload)
            except FolderNotSynced as error:  # restored all the same: the copy is needed
                unconfirmed = wording.unconfirmed(data_file, error.strerror or str(error))
        except OSError as error:
            if kept is not None:  # nothing changed: not even a new copy
                kept.unlink(missing_ok=True)
                with suppress(OSError):
                    kept.parent.rmdir()  # only if it is empty now
            raise TransferError(
                f"cannot replace {data_file}: {error.strerror or error}; it is unchanged"
            ) from None
    contacts = len(json.loads(payload).get("contacts", {}))
    return Restored(contacts, kept, unconfirmed)


def _check_replaceable(data_file: Path) -> None:
    """TransferError when every other command would refuse to write the data file: a rename
    replaces a read-only file without complaint, so ask first. A file with no write
    permission for anyone is read-only even to root, who `os.access` lets write anything."""
    if data_file.exists() and (
        not os.access(data_file, os.W_OK) or not data_file.stat().st_mode & 0o222
    ):
        raise TransferError(f"cannot replace {data_file}: the file is read-only")
    folder = real_path(data_file).parent
    if not os.access(folder, os.W_OK):
        raise TransferError(f"cannot replace {data_file}: the folder {folder} is read-only")
