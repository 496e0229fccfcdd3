"""The values the scripts' `{placeholders}` are filled with: the contact's and the user's own.

One place for the timer pane, the message editor and anything else that fills a script. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping

from infocoach.core.models import Contact
from infocoach.core.records import Records


def placeholders(
    contact: Contact | None, mine: Mapping[str, str], referrer: str = ""
) -> dict[str, str]:
    """`mine` (the `{my_*}` values from the settings) plus the contact's fields."""
    values = dict(mine)
    if contact is None:
        return values
    values.update(
        name=contact.name, first_name=contact.first_name, company=contact.company,
        role=contact.role, industry=contact.industry, how_met=contact.how_met,
        referrer=referrer, minutes=str(contact.agreed_minutes),
    )  # fmt: skip
    return values


def referrer_of(store: Records, contact: Contact | None) -> Contact | None:
    """The contact who referred `contact`, if any (and still there)."""
    if contact is None or contact.referred_by is None:
        return None
    try:
        return store.get_contact(contact.referred_by)
    except KeyError:
        return None


def contact_values(
    store: Records, contact: Contact | None, mine: Mapping[str, str]
) -> dict[str, str]:
    """Everything a script needs for `contact`, looking the referrer up in `store`."""
    referrer = referrer_of(store, contact)
    return placeholders(contact, mine, referrer.name if referrer else "")
