"""Referral chain up, tree down, names gained per interview against the goal of two."""

from __future__ import annotations

from infocoach.core.models import Contact, Interview
from infocoach.core.referrals import (
    GOAL,
    family_root,
    gains_per_interview,
    names_gained,
    referred_by_index,
    referred_tree,
    referrer_chain,
)

MAYA = Contact(1, "Maya")
DANIEL = Contact(2, "Daniel", referred_by=1)
PRIYA = Contact(3, "Priya", referred_by=2)
AISHA = Contact(4, "Aisha", referred_by=2)
LONE = Contact(5, "Lone")
GHOST_CHILD = Contact(6, "Orphan", referred_by=99)  # the referrer was deleted
PEOPLE = {c.id: c for c in (MAYA, DANIEL, PRIYA, AISHA, LONE, GHOST_CHILD)}


def names(node) -> list:
    return [node.contact.name, [names(child) for child in node.children]]


def test_referrer_chain_nearest_first() -> None:
    assert [c.name for c in referrer_chain(3, PEOPLE)] == ["Daniel", "Maya"]
    assert referrer_chain(1, PEOPLE) == []
    assert referrer_chain(6, PEOPLE) == []  # a missing referrer ends the chain
    assert referrer_chain(42, PEOPLE) == []


def test_referrer_chain_survives_a_loop() -> None:
    loop = {1: Contact(1, "A", referred_by=2), 2: Contact(2, "B", referred_by=1)}
    assert [c.name for c in referrer_chain(1, loop)] == ["B"]
    assert family_root(1, loop) == 2


def test_referred_tree_down() -> None:
    tree = referred_tree(1, PEOPLE)
    assert names(tree) == ["Maya", [["Daniel", [["Aisha", []], ["Priya", []]]]]]
    assert names(referred_tree(5, PEOPLE)) == ["Lone", []]
    assert referred_tree(42, PEOPLE) is None


def test_referred_tree_without_loops() -> None:
    loop = {1: Contact(1, "A", referred_by=2), 2: Contact(2, "B", referred_by=1)}
    assert names(referred_tree(1, loop)) == ["A", [["B", []]]]


def test_family_root_and_index() -> None:
    assert family_root(4, PEOPLE) == 1
    assert family_root(5, PEOPLE) == 5
    index = referred_by_index(PEOPLE.values())
    assert [c.name for c in index[2]] == ["Aisha", "Priya"]


def test_names_gained_counts_interview_names_and_referred_contacts_once() -> None:
    interviews = [
        Interview(
            0,
            2,
            "2026-11-01",
            referrals=(
                "Priya",
                "  Sam   Lee ",
            ),
        ),
        Interview(
            0,
            2,
            "2026-11-01",
            referrals=(
                "priya",
                "",
            ),
        ),
        Interview(0, 1, "2026-11-01", referrals=("Someone",)),
    ]
    gained = names_gained(2, PEOPLE.values(), interviews)
    assert gained.names == ("Priya", "Sam Lee", "Aisha")
    assert (gained.count, gained.goal, gained.met) == (3, GOAL, True)
    assert set(gained.referred_ids) == {3, 4}
    assert gained.label() == "3 names (goal 2 met)"
    one = names_gained(1, PEOPLE.values(), interviews)
    assert (one.names, one.met) == (("Someone", "Daniel"), True)
    assert one.label() == "2 names (goal 2 met)"
    none = names_gained(5, PEOPLE.values(), interviews)
    assert (none.count, none.met, none.label()) == (0, False, "0 of 2 names")


def test_gains_per_interview() -> None:
    interviews = [Interview(0, 5, "2026-11-01", referrals=("X",))]
    rows = gains_per_interview(PEOPLE.values(), interviews, interviewed_ids=[2])
    assert [(c.name, g.count, g.met) for c, g in rows] == [("Daniel", 2, True), ("Lone", 1, False)]
