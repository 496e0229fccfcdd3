"""The guidance records: steps, questions, scripts, guide cards, drills, and the whole set."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field

from infocoach.core import calls

TIARA = calls.TIARA
STEP_IDS = ("network", "prepare", "set", "conduct", "follow-up")
TIARA = ("Trends", "Insights", "Advice", "Resources", "Assignments")
# The bank's category of questions asked first, before the TIARA ones.
SMALL_TALK_CATEGORY = "small-talk"
# "spoken": said in the meeting itself (its opening, its close)
SCRIPT_KINDS = ("phone", "voicemail", "email", "note", "spoken")
PHASES = ("before", "during", "after")
# A step is worked once for the whole search (its ticks are shared by every contact) or with
# each contact (the default).
SEARCH_SCOPE, CONTACT_SCOPE = "search", "contact"
SCOPES = (CONTACT_SCOPE, SEARCH_SCOPE)
PLACEHOLDERS = (
    "name", "first_name", "company", "role", "industry", "how_met", "referrer", "minutes",
    "my_name", "my_phone", "my_purpose", "my_background", "times", "callback",
    "area", "field", "when_we_spoke", "names_gained", "referrer_first_name", "call_window",
    "meeting_day", "meeting_time", "how_we_talk",
)  # fmt: skip
# What a placeholder with no value shows, in square brackets: the one marker style for what
# only you can write in (a name the app does not know, the times that suit you).
BLANKS = {
    "name": "their name", "first_name": "their first name", "company": "their organisation",
    "role": "their role", "industry": "the field", "how_met": "where you found their name",
    "referrer": "who suggested them", "minutes": "15", "my_name": "your name",
    "my_phone": "your phone number", "my_purpose": "what you hope to learn",
    "my_background": "a few words about you", "times": "two or three times that suit you",
    "callback": "when you will call back", "area": "their area of work", "field": "the field",
    "when_we_spoke": "when you spoke", "names_gained": "the names they gave you",
    "referrer_first_name": "who suggested them", "call_window": "hours that suit you both",
    "meeting_day": "the day you meet", "meeting_time": "the time you meet",
    "how_we_talk": "by phone, by video or in person",
}  # fmt: skip
# `{if name}…{else}…{end}`: words kept only when the app knows `name` (or only when it does
# not), so a sentence about names they gave you is left out when they gave none.
CONDITION = re.compile(r"\{if (\w+)\}(.*?)(?:\{else\}(.*?))?\{end\}", re.DOTALL)
_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    why: str
    step_id: str
    done_by: str = ""  # the event (core.models.EVENTS) whose logging ticks it: "" for none


@dataclass(frozen=True)
class Step:
    id: str
    number: int
    title: str
    summary: str
    items: tuple[ChecklistItem, ...]
    scope: str = CONTACT_SCOPE

    @property
    def per_contact(self) -> bool:
        """Whether each contact has its own ticks of this step (else one set for the search)."""
        return self.scope != SEARCH_SCOPE


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    tiara: str
    category: str


@dataclass(frozen=True)
class QuestionCategory:
    id: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Script:
    id: str
    title: str
    kind: str
    when: str
    text: str
    cold_text: str = ""  # the version for someone nobody referred you to

    def text_for(self, values: Mapping[str, str]) -> str:
        """The referred version when `values` name a referrer, else the cold one (if any)."""
        if self.cold_text and not values.get("referrer", "").strip():
            return self.cold_text
        return self.text

    def fill(self, values: Mapping[str, str]) -> str:
        """The right version with placeholders replaced; a missing value shows as `[what]`."""
        return fill_text(self.text_for(values), values)


def fill_text(text: str, values: Mapping[str, str]) -> str:
    """`text` with `{placeholders}` replaced; one with no value shows as `[what to write]`;
    `{if name}…{else}…{end}` keeps the words for whether `name` has a value."""
    return string.Formatter().vformat(chosen_words(text, values), (), _Blanks(values))


def chosen_words(text: str, values: Mapping[str, str]) -> str:
    """`text` with each `{if name}…{else}…{end}` replaced by the words for whether `name` has
    a value in `values` (a paragraph left empty goes with its blank line)."""

    def chosen(match: re.Match[str]) -> str:
        known = bool(values.get(match.group(1), "").strip())
        return match.group(2) if known else match.group(3) or ""

    return _EXTRA_BLANK_LINES.sub("\n\n", CONDITION.sub(chosen, text))


def condition_names(text: str) -> list[str]:
    """The placeholders `{if name}` asks about in `text`."""
    return [match.group(1) for match in CONDITION.finditer(text)]


def without_conditions(text: str) -> str:
    """`text` with every `{if name}`, `{else}` and `{end}` marker taken out, for checking
    the placeholders between them."""
    return CONDITION.sub(lambda m: m.group(2) + (m.group(3) or ""), text)


class _Blanks(dict[str, str]):
    def __init__(self, values: Mapping[str, str]) -> None:
        super().__init__({key: value for key, value in values.items() if value})

    def __missing__(self, key: str) -> str:
        return f"[{BLANKS.get(key, key.replace('_', ' '))}]"


@dataclass(frozen=True)
class GuideCard:
    id: str
    phase: str
    title: str
    do: tuple[str, ...]
    dont: tuple[str, ...]
    kinds: tuple[str, ...] = ()  # the meeting kinds it is for (MEETING_KINDS); () for every kind


@dataclass(frozen=True)
class Drill:
    """A moment that scares people on a first call, and a calm way to answer it."""

    id: str
    title: str
    situation: str  # what the other person says (or what happens)
    answer: str  # a suggested answer, with `{placeholders}` as in the scripts
    tip: str = ""

    def fill(self, values: Mapping[str, str]) -> str:
        """The suggested answer with your details (and the contact's, if any) filled in."""
        return fill_text(self.answer, values)


@dataclass(frozen=True)
class Guidance:
    steps: tuple[Step, ...]
    categories: tuple[QuestionCategory, ...]
    scripts: tuple[Script, ...]
    cards: tuple[GuideCard, ...]
    warnings: tuple[str, ...] = ()
    drills: tuple[Drill, ...] = ()
    _items: dict[str, ChecklistItem] = field(default_factory=dict, repr=False, compare=False)
    _questions: dict[str, Question] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._items.update({item.id: item for step in self.steps for item in step.items})
        self._questions.update(
            {q.id: q for category in self.categories for q in category.questions}
        )

    def item(self, item_id: str) -> ChecklistItem | None:
        return self._items.get(item_id)

    def search_item_ids(self) -> frozenset[str]:
        """The items ticked once for the whole search, not per contact."""
        return frozenset(i.id for s in self.steps if not s.per_contact for i in s.items)

    def done_by(self) -> dict[str, tuple[str, ...]]:
        """Event -> the per-contact items logging it ticks (see `Store.log_event`)."""
        found: dict[str, tuple[str, ...]] = {}
        for step in self.steps:
            if step.per_contact:
                for item in step.items:
                    if item.done_by:
                        found[item.done_by] = (*found.get(item.done_by, ()), item.id)
        return found

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    def script(self, script_id: str) -> Script | None:
        return next((s for s in self.scripts if s.id == script_id), None)

    @property
    def questions(self) -> list[Question]:
        return list(self._questions.values())

    def question_kinds(self) -> dict[str, str]:
        """Question id -> its place in the running order: small talk, or its TIARA word."""
        return {
            q.id: calls.SMALL_TALK if q.category == SMALL_TALK_CATEGORY else q.tiara
            for q in self._questions.values()
        }

    def cards_for(self, phase: str, kind: str | None = None) -> list[GuideCard]:
        """The cards of `phase`; with `kind`, only those for that kind of meeting."""
        return [
            card
            for card in self.cards
            if card.phase == phase and (kind is None or not card.kinds or kind in card.kinds)
        ]
