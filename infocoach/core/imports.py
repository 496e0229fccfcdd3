"""The rules of an import: a record read from a file, the rows rejected, the duplicate rule,
and the result reported. Pure: the importers read files, the store applies these."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

ROW_CONVENTION = "line numbers in the file, counting from 1, where each row starts"


@dataclass(frozen=True)
class Record:
    """One contact read from a file: `fields` as typed text, `row` its first line in the file."""

    row: int
    fields: dict[str, str]


@dataclass(frozen=True, order=True)
class Rejection:
    row: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.row}: {self.reason}"


@dataclass(frozen=True, order=True)
class Skipped:
    """A record left out as a duplicate of a stored or earlier contact, named in the report."""

    row: int
    name: str

    def __str__(self) -> str:
        return f"line {self.row}: {self.name}"


@dataclass(frozen=True)
class ImportResult:
    added: int
    duplicates: tuple[Skipped, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    hidden: int = 0  # LinkedIn rows of members who hide their profile: no name to import

    @property
    def skipped(self) -> int:
        return len(self.duplicates)

    def including(self, rejections: Iterable[Rejection], hidden: int = 0) -> ImportResult:
        """The same result with the parser's findings: more rejections (sorted by row) and
        the rows hidden by LinkedIn."""
        return replace(
            self,
            rejected=tuple(sorted((*self.rejected, *rejections))),
            hidden=self.hidden + hidden,
        )

    def summary(self) -> str:
        summary = (
            f"added {self.added}, skipped {self.skipped} (duplicates), "
            f"rejected {len(self.rejected)}"
        )
        if self.hidden:
            summary += f", {self.hidden} hidden by LinkedIn (members who hide their name)"
        return summary

    def report(self) -> list[str]:
        """The summary line, then one line per skipped duplicate and per rejected row."""
        lines = [self.summary()]
        for heading, entries in (
            ("skipped duplicates", self.duplicates),
            ("rejected rows", self.rejected),
        ):
            if entries:
                lines.append(f"{heading} ({ROW_CONVENTION}):")
                lines.extend(f"  {entry}" for entry in entries)
        return lines


# -- duplicates -------------------------------------------------------------------------------


def _url_key(url: str) -> str:
    key = url.strip().casefold()
    for prefix in ("https://", "http://", "www."):
        key = key.removeprefix(prefix)
    return key.rstrip("/")


class Duplicates:
    """The duplicate rule of imports: the same LinkedIn URL; else, when either has no URL,
    the same name and company (ignoring case and repeated spaces)."""

    def __init__(self, known: Iterable[object] = ()) -> None:
        self._urls: set[str] = set()
        self._names: dict[tuple[str, str], set[str]] = {}
        for contact in known:
            self.add(
                {
                    "name": getattr(contact, "name", ""),
                    "company": getattr(contact, "company", ""),
                    "linkedin": getattr(contact, "linkedin", ""),
                }
            )

    def add(self, fields: dict[str, object]) -> bool:
        """Remember a contact's fields; False (and nothing remembered) for a duplicate."""
        url = _url_key(str(fields.get("linkedin") or ""))
        key = (
            " ".join(str(fields.get("name") or "").casefold().split()),
            " ".join(str(fields.get("company") or "").casefold().split()),
        )
        urls = self._names.get(key)
        if url and url in self._urls:
            return False
        if urls is not None and (not url or "" in urls):
            return False
        if url:
            self._urls.add(url)
        self._names.setdefault(key, set()).add(url)
        return True
