"""Who referred whom: the chain up to the first contact, the tree down, and names gained.

Each interview should bring two new names. The one count of names gained, used by every screen,
command and draft: a name counts once (case and accents ignored) whether it was written down
at the end of a call (`referrals`) or added as a contact referred by that person. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from infocoach.core.models import Contact, Interview
from infocoach.core.text import fold, reading_order

GOAL = 2  # names to ask for at the end of every interview


@dataclass(frozen=True)
class ReferralNode:
    contact: Contact
    children: tuple[ReferralNode, ...] = ()


@dataclass(frozen=True)
class NamesGained:
    """The names one contact gave you: from interview notes and as referred contacts."""

    contact_id: int
    names: tuple[str, ...] = ()
    goal: int = GOAL
    referred_ids: tuple[int, ...] = field(default=(), compare=False)

    @property
    def count(self) -> int:
        return len(self.names)

    @property
    def met(self) -> bool:
        return self.count >= self.goal

    def label(self) -> str:
        """'1 of 2 names', '3 names (goal 2 met)'."""
        if self.met:
            return f"{self.count} names (goal {self.goal} met)"
        return f"{self.count} of {self.goal} names"


def referrer_chain(contact_id: int, contacts: Mapping[int, Contact]) -> list[Contact]:
    """Who referred this contact, who referred them, and so on: nearest first.

    Stops at a missing contact or at a loop (A referred B, B referred A).
    """
    chain: list[Contact] = []
    seen = {contact_id}
    current = contacts.get(contact_id)
    while current is not None and current.referred_by is not None:
        if current.referred_by in seen:
            break
        seen.add(current.referred_by)
        current = contacts.get(current.referred_by)
        if current is not None:
            chain.append(current)
    return chain


def referred_by_index(contacts: Iterable[Contact]) -> dict[int, list[Contact]]:
    """Referrer id -> the contacts they referred, by name."""
    index: dict[int, list[Contact]] = {}
    for contact in contacts:
        if contact.referred_by is not None:
            index.setdefault(contact.referred_by, []).append(contact)
    for referred in index.values():
        referred.sort(key=lambda c: (reading_order(c.name), c.id))
    return index


def referred_tree(
    contact_id: int,
    contacts: Mapping[int, Contact],
    index: Mapping[int, Sequence[Contact]] | None = None,
) -> ReferralNode | None:
    """The contact and everyone they referred, and whom those referred, without loops."""
    if contact_id not in contacts:
        return None
    index = index if index is not None else referred_by_index(contacts.values())

    def grow(contact: Contact, seen: frozenset[int]) -> ReferralNode:
        children = tuple(
            grow(child, seen | {child.id})
            for child in index.get(contact.id, ())
            if child.id not in seen
        )
        return ReferralNode(contact, children)

    return grow(contacts[contact_id], frozenset({contact_id}))


def family_root(contact_id: int, contacts: Mapping[int, Contact]) -> int:
    """The first contact of the chain this one belongs to (itself when nobody referred it)."""
    chain = referrer_chain(contact_id, contacts)
    return chain[-1].id if chain else contact_id


def _gained(
    contact_id: int,
    interviews: Iterable[Interview],
    referred: Iterable[Contact],
    goal: int,
) -> NamesGained:
    names: dict[str, str] = {}
    for interview in interviews:
        for name in interview.referrals:
            if name.strip():
                names.setdefault(fold(name), " ".join(name.split()))
    referred = sorted(referred, key=lambda c: (reading_order(c.name), c.id))
    for contact in referred:
        names.setdefault(fold(contact.name), contact.name)
    return NamesGained(contact_id, tuple(names.values()), goal, tuple(c.id for c in referred))


def names_gained(
    contact_id: int,
    contacts: Iterable[Contact],
    interviews: Iterable[Interview],
    goal: int = GOAL,
) -> NamesGained:
    """The names this contact gave: interview `referrals` plus contacts they referred.

    A name written in the notes and later added as a contact counts once.
    """
    return _gained(
        contact_id,
        [i for i in interviews if i.contact_id == contact_id],
        [c for c in contacts if c.referred_by == contact_id],
        goal,
    )


def gains_per_interview(
    contacts: Iterable[Contact],
    interviews: Iterable[Interview],
    interviewed_ids: Iterable[int] = (),
    goal: int = GOAL,
) -> list[tuple[Contact, NamesGained]]:
    """For each interviewed contact (by name), the names they gave against the goal.

    Interviewed: a record in `interviews`, or an id in `interviewed_ids` (from the event log).
    """
    contacts = list(contacts)
    by_contact: dict[int, list[Interview]] = {}
    for interview in interviews:
        by_contact.setdefault(interview.contact_id, []).append(interview)
    index = referred_by_index(contacts)
    wanted = set(interviewed_ids) | set(by_contact)
    return [
        (
            contact,
            _gained(contact.id, by_contact.get(contact.id, ()), index.get(contact.id, ()), goal),
        )
        for contact in sorted(contacts, key=lambda c: (reading_order(c.name), c.id))
        if contact.id in wanted
    ]
