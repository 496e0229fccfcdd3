"""What to call a person: their given and family name, and how a careful writer greets them.

A greeting is never a title alone ("Hello Dr.,") nor a family name taken for a given one
("Hello Nguyễn,"). What an import knows is used first: LinkedIn's First Name and Last Name
columns, a vCard's N. A name typed as one string is read by `nameparser`, which knows titles
and suffixes; on top of it this module knows compound given names ("José María") and the
family-name-first order of Vietnamese names. A title a person is addressed by ("Dr.", "Prof.",
"Ms.") makes the greeting formal: "Dr. Nwosu". What she types as "Greet as" beats all of it.
Pure.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Titles a person is greeted by, with the family name ("Dr. Nwosu", "Prof. Dr. Becker").
# Others ("Sir", "Sister", "Rev") name a form of address of their own: the given name is safer.
_GREETING_TITLES = frozenset({"dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "mx", "miss"})
# Given names of two words that are one name: "José María Álvarez" is José María.
_COMPOUND_GIVEN = frozenset({
    ("jose", "maria"), ("maria", "jose"), ("juan", "carlos"), ("juan", "pablo"),
    ("jose", "luis"), ("jose", "antonio"), ("jose", "manuel"), ("jose", "carlos"),
    ("juan", "jose"), ("juan", "manuel"), ("luis", "miguel"), ("miguel", "angel"),
    ("maria", "luisa"), ("maria", "teresa"), ("maria", "elena"), ("maria", "isabel"),
    ("maria", "fernanda"), ("maria", "eduarda"), ("maria", "clara"), ("ana", "maria"),
    ("ana", "paula"), ("ana", "clara"), ("ana", "luiza"), ("ana", "sofia"),
    ("joao", "pedro"), ("joao", "paulo"), ("luiz", "carlos"), ("carlos", "eduardo"),
    ("marco", "antonio"), ("anna", "maria"), ("gian", "luca"), ("gian", "carlo"),
    ("pier", "paolo"), ("anne", "marie"), ("mary", "ann"), ("mary", "anne"),
    ("mary", "jane"), ("mary", "kate"), ("jean", "pierre"), ("jean", "paul"),
    ("jean", "luc"), ("jean", "marc"), ("marie", "claire"), ("marie", "france"),
})  # fmt: skip
# The commonest Vietnamese family names, which such a name puts first ("Nguyễn Văn An": An).
_VIETNAMESE_FAMILY = frozenset(
    """nguyen tran le pham hoang huynh phan vu vo dang bui do ho
    ngo duong ly dinh trinh truong""".split()
)


@dataclass(frozen=True)
class PersonName:
    """A name read into its parts: "Dr. Amara Nwosu, PhD" is Dr., Amara, Nwosu, PhD."""

    title: str = ""
    given: str = ""
    family: str = ""
    suffix: str = ""


def _plain(word: str) -> str:
    """A word folded for comparing: no case, accents or dots."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().strip(".,"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=4096)
def parse_name(full: str) -> PersonName:
    """`full`, a name typed as one string, read into title, given, family and suffix."""
    from nameparser import HumanName  # 0.1 s to import: only when a name is first read

    parsed = HumanName(" ".join(full.split()))
    words = " ".join(part for part in (parsed.first, parsed.middle, parsed.last) if part).split()
    title, suffix = parsed.title, parsed.suffix
    if len(words) >= 3 and _plain(words[0]) in _VIETNAMESE_FAMILY:
        return PersonName(title, words[-1], words[0], suffix)
    if len(words) >= 3 and (_plain(words[0]), _plain(words[1])) in _COMPOUND_GIVEN:
        return PersonName(title, " ".join(words[:2]), " ".join(words[2:]), suffix)
    return PersonName(title, parsed.first, parsed.last, suffix)


@lru_cache(maxsize=1)
def _titles_and_suffixes() -> tuple[frozenset[str], frozenset[str]]:
    from nameparser.config import CONSTANTS

    suffixes = frozenset(CONSTANTS.suffix_acronyms) | frozenset(CONSTANTS.suffix_not_acronyms)
    return frozenset(CONSTANTS.titles), suffixes


def split_columns(given: str, family: str) -> tuple[str, str, str]:
    """(title, given, family) of a first- and a last-name column: "Dr. Amara" and "Mensah,
    PhD" give "Dr.", "Amara" and "Mensah"."""
    titles, suffixes = _titles_and_suffixes()
    given_words = given.split()
    title_words = []
    while len(given_words) > 1 and _plain(given_words[0]) in titles:
        title_words.append(given_words.pop(0))
    family_words = family.replace(",", " ").split()
    while len(family_words) > 1 and _plain(family_words[-1]) in suffixes:
        family_words.pop()
    return " ".join(title_words), " ".join(given_words), " ".join(family_words)


def _in_name(part: str, name: str) -> bool:
    return bool(part) and part.casefold() in name.casefold()


@lru_cache(maxsize=4096)
def greeting_name(name: str, given: str = "", family: str = "", greet_as: str = "") -> str:
    """What to call the person named `name` after "Hello": `greet_as` when she typed one;
    else title and family name when they have a title one is greeted by ("Dr. Nwosu"); else
    the given name. `given` and `family` (from an import) are used while `name` holds them:
    a name she has since retyped is read afresh."""
    if greet_as.strip():
        return " ".join(greet_as.split())
    parsed = parse_name(name)
    title = parsed.title
    if _in_name(given, name) and (not family or _in_name(family, name)):
        own_title, given, family = split_columns(given, family)
        title = title or own_title
    else:
        given, family = parsed.given, parsed.family
    family = family or parsed.family
    if title and family and all(_plain(word) in _GREETING_TITLES for word in title.split()):
        return f"{title} {family}"
    return given or parsed.given or " ".join(name.split())
