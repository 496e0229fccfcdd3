"""The one door to the data: the CLI and the screens call this, never TinyDB.

Knows nothing of Textual or Rich. Each change is applied to the tables in memory at once and
kept as a *pending change* until it is on disk. Saving (`flush`) takes the data file's lock; if
another process saved meanwhile, it reads their file and applies the pending changes again on
top of it, then writes the file once. So a change shows at once, two processes never lose each
other's changes, and a file that cannot be read is never written over.

By default every change is saved before its method returns (the command line). The app calls
`save_in_background`: a writer thread then saves, in order, and reports each outcome.

`Store` is made of parts, each in its own module, each leaning only on those below it:
- `unit_of_work`: memory, the pending changes (`changes`), the file's lock, the writer;
- `writes`: the record-level writes every change goes through (stamped for a merge);
- `undo`, and `copies` (the sync tool's conflict copies merged on open and `refresh`);
- one repository per aggregate: `log` (events, interviews, rehearsals), `companies`,
  `contacts` (which read the log and name a company), `drafts`, `lists` (the search's
  checklist and her own questions);
- `workflows`: the changes that span them (end a call, log and tick, import, delete a contact
  with its log, merge two companies).
"""

from __future__ import annotations

from infocoach.data.copies import CopySetAside
from infocoach.data.storage import DataFileError, DataWriteError
from infocoach.data.undo import Undo
from infocoach.data.workflows import Logged, Workflows

__all__ = ["CopySetAside", "DataFileError", "DataWriteError", "Logged", "Store", "Undo"]


class Store(Workflows):
    """The data of her search, in the data file at `path` (see `ConflictCopies.__init__`)."""
