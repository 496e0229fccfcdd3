"""The company form: a target company's name, scores and research notes (the LAMP list)."""

from __future__ import annotations

from infocoach.core.companies import company_fields
from infocoach.core.models import Company, InvalidInput
from infocoach.tui.dialogs.record_form import Field, RecordForm

YES_NO = {"yes": True, "y": True, "no": False, "n": False, "": False}

COMPANY_FIELDS: tuple[Field, ...] = (
    ("name", "Company", "As you call it; Inc., GmbH and the like are ignored when matching"),
    ("motivation", "Motivation", "0 to 3: how much you want to work there"),
    ("posting", "Posting", "0 to 3: relevant openings posted there"),
    ("shared_background", "Shared background", "yes or no: a school, employer or group you share"),
    ("website", "Website", ""),
    ("industry", "Industry", ""),
)


def company_initial(company: Company) -> dict[str, str]:
    """The company as the form's typed text."""
    initial = {name: str(getattr(company, name)) for name, _, _ in COMPANY_FIELDS}
    initial["shared_background"] = "yes" if company.shared_background else "no"
    initial["notes"] = company.notes
    return initial


def company_values(typed: dict[str, str]) -> dict[str, object]:
    """The form's text as the store's values; InvalidInput names every bad field, a yes/no
    that is neither among them."""
    values: dict[str, object] = dict(typed)
    problems: dict[str, str] = {}
    answer = typed.get("shared_background", "").strip().casefold()
    if answer in YES_NO:
        values["shared_background"] = YES_NO[answer]
    else:
        problems["shared_background"] = f"{answer!r}: answer yes or no"
        del values["shared_background"]
    try:
        company_fields(values)
    except InvalidInput as error:
        problems.update(error.problems)
    if problems:
        raise InvalidInput(problems)
    return values


class CompanyForm(RecordForm[Company]):
    FIELDS = COMPANY_FIELDS
    NOTES_LABEL = "Research notes"
