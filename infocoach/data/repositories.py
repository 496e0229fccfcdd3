"""The one door to the data: the CLI and the screens call this, never TinyDB.

Knows nothing of Textual or Rich. Each change is applied to the tables in memory at once and
kept as a *pending change* until it is on disk. Saving (`flush`) takes the data file's lock; if
another process saved meanwhile, it reads their file and applies what the pending changes did
again on top of it (as values: see `replay`), then writes the file once. So a change shows at
once, two processes never lose each other's changes, and a file that cannot be read is never
written over.

By default every change is saved before its method returns (the command line). The app calls
`save_in_background`: a writer thread then saves, in order, and reports each outcome.

`Store` is one unit of work and one repository per aggregate, each in its own module, each
leaning only on those below it:
- `memory` (the tables in memory), `changes` (what a change did, as values), `writes` (the
  record-level writes every change goes through, stamped for a merge), `replay` (a pending
  change applied again on top of what another process saved), and `unit_of_work` (the pending
  changes, the file's lock, the writer);
- `undo`, and `copies` (the sync tool's conflict copies merged on open and `refresh`);
- the repositories: `log` (events, interviews, rehearsals), `companies`, `contacts` (which read
  the log and name a company, one way), `drafts`, `lists` (the settings-like tables: the
  search's checklist and her own questions);
- `workflows`: the changes that span them (end a call, log and tick, import, delete a contact
  with its log, merge two companies).

The repositories are mixin classes of `Store`, not objects it holds. The app and the command
line call one object (`store.add_contact`, `store.log_event`, some sixty methods); separate
repository objects would mean rewriting every caller (`store.contacts.add`) or a forwarding
twin of each method here. As mixins, each repository still keeps to its own module and
records, is tested on its own (tests/data/test_<repository>.py), and reaches the unit of work
only through `mutation` and the record-level writes; which one may read which is the order of
the class bases, checked by mypy.
"""

from __future__ import annotations

from infocoach.data.copies import CopySetAside
from infocoach.data.storage import DataFileError, DataWriteError
from infocoach.data.undo import Undo
from infocoach.data.workflows import Logged, Workflows

__all__ = ["CopySetAside", "DataFileError", "DataWriteError", "Logged", "Store", "Undo"]


class Store(Workflows):
    """The data of her search, in the data file at `path` (see `ConflictCopies.__init__`)."""
