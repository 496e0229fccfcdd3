"""How you found someone, kept as the end of the sentence "I found your name ...".

"through Maya Okafor", "on the PyData meetup speaker list", "in my LinkedIn connections": each
reads right after "I found your name" in a script. `as_found_phrase` turns what she types (and
what older versions stored: "LinkedIn (connected on 26 Jan 2015)", "Referral", "Alumni
evening", "Referred by Ann Lee") into that form, on every way in; what it cannot read is kept
as typed, and a draft asks her for the words instead. Pure.
"""

from __future__ import annotations

import re

LINKEDIN = "in my LinkedIn connections"
# Words that already start a phrase which completes "I found your name ...".
LEADS = frozenset({
    "through", "thru", "via", "on", "in", "at", "from", "by", "with", "when", "while",
    "after", "during", "among", "under", "for", "thanks",
})  # fmt: skip
_LINKEDIN = re.compile(r"^\s*linked\s*in\b", re.IGNORECASE)
_REFERRED = re.compile(
    r"^\s*(?:referred|introduced|suggested|recommended)(?:\s+(?:by|through|from))?\s*:?\s*",
    re.IGNORECASE,
)
_REFERRAL = re.compile(r"^\s*(?:a\s+)?(?:referral|introduction|intro)\s*$", re.IGNORECASE)
_REFERRAL_FROM = re.compile(
    r"^\s*(?:a\s+)?(?:referral|introduction|intro)\s+(?:from|by|through|via)\s+", re.IGNORECASE
)
# Where people gather (you were there: "at the ...") and where names are listed ("on the ...").
_EVENTS = frozenset({
    "meetup", "meet-up", "conference", "event", "evening", "talk", "fair", "workshop",
    "webinar", "dinner", "party", "night", "summit", "lecture", "reunion", "seminar",
    "hackathon", "panel", "breakfast", "lunch", "class", "course", "session", "expo",
})  # fmt: skip
_LISTS = frozenset({
    "list", "directory", "website", "site", "page", "newsletter", "forum", "group", "slack",
    "discord", "database", "network", "board", "blog", "podcast", "register", "roster",
    "twitter", "mastodon", "github", "article", "paper", "magazine", "programme", "program",
})  # fmt: skip
_INSIDE = frozenset(
    {
        "directory",
        "database",
        "newsletter",
        "register",
        "roster",
        "magazine",
        "programme",
        "program",
        "network",
        "group",
    }
)
_MET = re.compile(
    r"^\s*(?:we\s+)?(?:met|found\s+(?:you|them)|came\s+across\s+(?:you|them))\s+", re.IGNORECASE
)
_PERSON = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3}$")
# Words that start a "who": "my cousin", "a friend from school".
_WHOS = frozenset({"my", "a", "an", "our", "the"})
_WORDS_ONLY = re.compile(r"^[^\W\d_][\w\s'’.-]*$")  # words, no signs: "[/" is kept as typed
_NOT_NAMES = frozenset({"alumni", "university", "college", "school", "company", "work", "church"})


def _first_word(text: str) -> str:
    return text.split()[0].casefold().strip(",.:;") if text.split() else ""


def _looks_like_a_person(text: str) -> bool:
    words = text.split()
    return (
        bool(_PERSON.match(text))
        and 2 <= len(words) <= 4
        and all(word[0].isupper() for word in words)
        and not {word.casefold() for word in words} & (_EVENTS | _LISTS | _NOT_NAMES)
    )


def as_found_phrase(text: str) -> str:
    """`text` as an ending for "I found your name ..."; unknown text is kept, made to read."""
    text = " ".join(text.split())
    if not text:
        return ""
    if _LINKEDIN.match(text):
        return LINKEDIN
    met = _MET.match(text)
    if met and text[met.end() :].strip():
        text = text[met.end() :].strip()
    first = _first_word(text)
    if first in LEADS:
        return first + text[len(text.split()[0]) :] if text[0].isupper() else text
    referred = _REFERRED.match(text) or _REFERRAL_FROM.match(text)
    if referred and text[referred.end() :].strip():
        return f"through {text[referred.end() :].strip()}"
    if _REFERRAL.match(text):
        return "through a referral"
    words = [word.casefold().strip(",.:;") for word in text.split()]
    lowered = text[0].lower() + text[1:] if not _looks_like_a_person(text) else text
    article = "" if first in ("the", "a", "an", "my", "our") else "the "
    if words[-1] in _EVENTS or (words and set(words) & _EVENTS and len(words) <= 4):
        return f"at {article}{_keep_names(lowered, text)}"
    if words[-1] in _INSIDE:
        return f"in {article}{_keep_names(lowered, text)}"
    if len(words) == 1 and words[0] in _LISTS and text[0].isupper():
        return f"on {text}"  # "on Twitter", "on GitHub": a place with a name of its own
    if words[-1] in _LISTS or words[-1] == "alumni":
        return f"on {article}{_keep_names(lowered, text)}"
    who = first in _WHOS or (len(words) == 1 and text[0].isupper())
    if _looks_like_a_person(text) or (who and _WORDS_ONLY.match(text)):
        return f"through {text}"  # "through Maya Okafor", "through my cousin", "through Maya"
    return text  # kept as typed: a draft asks her for the words instead (`reads_as_found`)


def reads_as_found(text: str) -> bool:
    """Whether `text` completes "I found your name ..." as it is."""
    return _first_word(text) in LEADS


def _keep_names(lowered: str, original: str) -> str:
    """The first letter lowered only when the first word is an ordinary word ("Alumni")."""
    first = original.split()[0]
    if (first.isupper() and len(first) > 1) or any(ch.isupper() for ch in first[1:]):
        return original  # "PyData", "IEEE": a name, keep its capitals
    return lowered
