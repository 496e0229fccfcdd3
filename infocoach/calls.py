"""What call mode needs to know, and what ending a call earns. Knows nothing of Textual.

`plan_call` gathers everything shown during a call into one plain record; `finish_call` logs
the interview, ticks the Conduct items the call honestly earned, and clears the draft notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from infocoach.content import Content
from infocoach.models import Contact
from infocoach.settings import Settings
from infocoach.store import Store
from infocoach.text import clean_line

TWO_NAMES_ITEM = "conduct-ask-two-names"
ON_TIME_ITEM = "conduct-stop-on-time"
NAMES_GOAL = 2
_NAME_SEPARATORS = re.compile(r"[,;\n]")


@dataclass(frozen=True)
class CallPlan:
    contact_id: int
    name: str
    company: str
    role: str
    how_met: str
    referrer: str
    purpose: str
    minutes: int
    questions: tuple[tuple[str, str], ...]  # (question id, text), in the chosen order


def plan_call(contact: Contact, store: Store, content: Content, settings: Settings) -> CallPlan:
    referrer = ""
    if contact.referred_by is not None:
        try:
            referrer = store.get_contact(contact.referred_by).name
        except KeyError:
            referrer = ""
    own = {question.id: question.text for question in store.own_questions()}
    questions = []
    for question_id in contact.questions:
        found = content.question(question_id)
        text = found.text if found else own.get(question_id, "")
        if text:
            questions.append((question_id, text))
    return CallPlan(
        contact.id, contact.name, contact.company, contact.role, contact.how_met, referrer,
        settings.my_purpose, contact.agreed_minutes, tuple(questions),
    )  # fmt: skip


def parse_names(text: str) -> list[str]:
    """Names typed as 'Ann Lee, Bo Chen': trimmed, blanks and repeats (any case) left out."""
    names: dict[str, str] = {}
    for part in _NAME_SEPARATORS.split(text):
        name = clean_line(part)
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


def minutes_of(elapsed_seconds: float) -> int:
    """The call's length in whole minutes, as logged (at least one)."""
    return max(1, round(elapsed_seconds / 60))


def earned_items(referrals: Sequence[str], minutes: int, agreed_minutes: int) -> list[str]:
    """The Conduct items the call itself shows were done, and no others.

    Two names or more: you asked for names. Within the agreed minutes: you stopped on time.
    The rest (no job asked for, a strong close...) only the user can say, in the checklist.
    """
    earned = []
    if len(referrals) >= NAMES_GOAL:
        earned.append(TWO_NAMES_ITEM)
    if minutes <= agreed_minutes:
        earned.append(ON_TIME_ITEM)
    return earned


def finish_call(
    store: Store,
    plan: CallPlan,
    *,
    minutes: int,
    notes: str,
    asked: Iterable[str],
    referrals: Sequence[str],
    add_referrals: bool = False,
) -> list[str]:
    """Log the interview in one save; returns the Conduct items it ticked.

    With `add_referrals`, each name not yet a contact is added, referred by this contact.
    """
    ticked = set(asked)
    asked = [question_id for question_id, _ in plan.questions if question_id in ticked]
    earned = earned_items(referrals, minutes, plan.minutes)
    with store.transaction():
        store.add_interview(
            plan.contact_id, minutes=minutes, notes=notes, questions_asked=asked,
            referrals=referrals,
        )  # fmt: skip
        store.log_event(plan.contact_id, "interviewed")
        checklist = store.get_contact(plan.contact_id).checklist
        for item_id in earned:
            if item_id not in checklist:
                store.set_checked(plan.contact_id, item_id, True)
        if add_referrals:
            known = {contact.name.casefold() for contact in store.contacts()}
            for name in referrals:
                if name.casefold() not in known:
                    store.add_contact(
                        name=name, referred_by=plan.contact_id, how_met=f"Referred by {plan.name}"
                    )
        store.clear_call_draft(plan.contact_id)
    return earned
