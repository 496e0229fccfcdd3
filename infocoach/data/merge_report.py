"""What a merge of two copies of the data did, in words for her, and when that is too much to
do without asking."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from infocoach.data.changes import NOUNS
from infocoach.data.schema import COMPANIES, CONTACTS, RECORD_TABLES
from infocoach.data.storage import Tables

# The tables whose records the report names (a few of each, then a count)
NAMED = (CONTACTS, COMPANIES)
NAMES_SHOWN = 3


@dataclass
class MergeReport:
    """What a merge took from the other copy, table by table; `source` names that copy."""

    source: str = ""
    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)  # took theirs
    deleted: Counter[str] = field(default_factory=Counter)
    notes_kept: Counter[str] = field(default_factory=Counter)  # free text of both kept
    # (table, "added" / "changed" / "deleted") -> the names of the contacts and companies
    names: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def count(self, table: str, verb: str, document: Mapping[str, Any], was: str = "") -> None:
        """One record of `table` added, changed or deleted (`was`: its name before)."""
        getattr(self, verb)[table] += 1
        if table in NAMED:
            name = str(document.get("name", ""))
            shown = f"{was}, now {name}" if was and was != name else name
            self.names.setdefault((table, verb), []).append(shown)

    def _named(self, table: str, verb: str) -> str:
        """ " (Ann, Bo, Cy and 2 more)": whom a count is of."""
        found = self.names.get((table, verb), [])
        if not found:
            return ""
        shown = ", ".join(found[:NAMES_SHOWN])
        more = len(found) - NAMES_SHOWN
        return f" ({shown} and {more} more)" if more > 0 else f" ({shown})"

    def summary(self, *, would: bool = False) -> str:
        """One line for the user, e.g. "Merged changes from another machine (Syncthing
        conflict copy of 2026-12-02 10:15): 2 contacts added, 1 changed, 1 deleted; notes from
        both kept on 1 contact." `would`: what a merge would do ("Would merge changes...")."""
        parts = []
        for table in RECORD_TABLES:
            counts = [
                (count, verb)
                for count, verb in (
                    (self.added[table], "added"),
                    (self.changed[table], "changed"),
                    (self.deleted[table], "deleted"),
                )
                if count
            ]
            if counts:
                first, *rest = counts
                words = [f"{counted(first[0], table)} {first[1]}{self._named(table, first[1])}"]
                words += [f"{count} {verb}{self._named(table, verb)}" for count, verb in rest]
                parts.append(", ".join(words))
        kept = [counted(self.notes_kept[t], t) for t in RECORD_TABLES if self.notes_kept[t]]
        text = "; ".join(parts) or "nothing new"
        if kept:
            text += f"; notes from both kept on {', '.join(kept)}"
        where = f" ({self.source})" if self.source else ""
        verb = "Would merge" if would else "Merged"
        return f"{verb} changes from another machine{where}: {text}."


# A merge that deletes or changes more than this many contacts (or companies), or more than
# one in LARGE_SHARE of them, is not made by itself: she looks first. One record is never
# "a handful", however few she has: an edit of one of her first contacts syncs by itself.
LARGE_COUNT = 3
LARGE_SHARE = 5


def large_change(report: MergeReport, ours: Tables) -> str:
    """What a merge would do that is too much to do without asking, in words ("" when it is
    not: see LARGE_COUNT)."""
    for table in (CONTACTS, COMPANIES):
        deleted, changed = report.deleted[table], report.changed[table]
        held = len(ours.get(table, {}))
        touched = deleted + changed
        if touched > LARGE_COUNT or (touched > 1 and touched * LARGE_SHARE > held):
            verbs = [(verb, count) for verb, count in (("delete", deleted), ("change", changed))]
            what = " and ".join(f"{verb} {count}" for verb, count in verbs if count)
            return f"it would {what} of the {counted(held, table)} here"
    return ""


def counted(count: int, table: str) -> str:
    """How many records of `table`, in words: "3 contacts", "1 company"."""
    one, many = NOUNS.get(table, ("record", "records"))
    return f"{count} {one if count == 1 else many}"
