"""Cleaning of user text on its way into the store, and on its way out to a terminal."""

from __future__ import annotations

import functools
import locale
import re
import unicodedata

# C0 controls except tab and newline, DEL, and the C1 block: these can start terminal escape
# sequences (ESC, CSI, OSC), so no stored string may carry one. Lone surrogates (from a JSON
# `\ud800` escape or undecodable bytes) are no text at all: they cannot even be saved as UTF-8.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# What a terminal must not receive: every control character but tab and newline (a carriage
# return would let text overwrite what was printed before it on the line).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """`value` exactly as given, less control characters; CR LF and lone CR become LF."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(value: str) -> str:
    """A one-line field: cleaned, newlines folded to spaces, ends trimmed."""
    return clean_text(value).replace("\n", " ").replace("\t", " ").strip()


def has_lone_surrogate(value: str) -> bool:
    """Whether `value` holds a lone surrogate: a character no UTF-8 file or terminal takes."""
    return _SURROGATE.search(value) is not None


def for_terminal(value: str) -> str:
    """`value` safe to print: no control character but tab and newline (so no escape sequence;
    CR LF becomes LF), and each lone surrogate shown as U+FFFD (so printing cannot fail)."""
    return _SURROGATE.sub("\ufffd", _UNPRINTABLE.sub("", value.replace("\r\n", "\n")))


def char_width(char: str) -> int:
    """The terminal cells `char` takes: two for a wide (CJK) one, none for a combining mark."""
    if unicodedata.combining(char) or char in "\u200b\u200d":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def display_width(text: str) -> int:
    """The terminal cells `text` takes on one line (see `char_width`)."""
    return len(text) if text.isascii() else sum(map(char_width, text))


def cut_to_width(text: str, width: int) -> str:
    """The start of `text` that fits in `width` cells (a wide character never split)."""
    used = 0
    for index, char in enumerate(text):
        used += char_width(char)
        if used > width:
            return text[:index]
    return text


def fold(text: str) -> str:
    """`text` for comparing and sorting: case and accents ignored, spacing made single.
    Every lookup or filter of a name goes through it, so "chloe" finds Chloé and
    "jose alvarez" finds José Álvarez."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


def reading_order(name: str) -> tuple[str, str, str]:
    """A sort key that orders names the way people read them: case and accents ignored
    (Élodie between Eli and Emma, not after Zoë), then by the collation of the locale the
    program set (when it set one), then the name itself, so equal-looking names keep one order."""
    if name.isascii():  # most names: nothing to decompose
        plain = name.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return plain, _collated(name), name


def _collated(name: str) -> str:
    """`name` in the set locale's collation order; empty under the C locale, where code-point
    order (already in the key) is all it would give."""
    if not _collation_set():
        return ""
    try:
        return locale.strxfrm(name)
    except (OSError, ValueError):  # a locale that cannot collate this text
        return ""


@functools.cache
def _collation_set() -> bool:
    """Whether the program set a collation locale (`cli.main` does, from the environment,
    before anything is sorted): asked once, since asking takes longer than the sort key."""
    return locale.getlocale(locale.LC_COLLATE) != (None, None)


def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 interview", "2 interviews"; `many` for an irregular plural ("people")."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def file_slug(text: str) -> str:
    """Lower-case letters and digits joined by '-', for a file name; never empty."""
    slug = re.sub(r"[^\w]+", "-", text.casefold(), flags=re.UNICODE).strip("-_")
    return slug[:60].strip("-_") or "contact"


# -- numbers in words ---------------------------------------------------------------------

_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty")
_ORDINALS = (
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth",
)  # fmt: skip


def number_words(number: int) -> str:
    """1 to 59 in words ('twenty', 'forty-five'); other numbers as digits."""
    if not 0 < number < 60:
        return str(number)
    if number < 20:
        return _UNITS[number]
    tens, units = divmod(number, 10)
    return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")


def ordinal_words(number: int) -> str:
    """'third', 'tenth'; past ten, '11th'."""
    if 0 < number < len(_ORDINALS):
        return _ORDINALS[number]
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
