"""Cleaning of user text on its way into the store."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 block: these can start terminal escape
# sequences (ESC, CSI, OSC), so no stored string may carry one.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """`value` exactly as given, less control characters; CR LF and lone CR become LF."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(value: str) -> str:
    """A one-line field: cleaned, newlines folded to spaces, ends trimmed."""
    return clean_text(value).replace("\n", " ").replace("\t", " ").strip()
