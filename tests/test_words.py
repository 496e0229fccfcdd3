"""How names, stages and counts read: names sorted as people read them, one set of stage
names, plurals."""

from __future__ import annotations

from infocoach.core.models import STAGE_LABELS, STAGES, stage_name
from infocoach.core.text import plural, reading_order
from infocoach.tui.screens.call import without_met


def test_accented_names_sort_among_their_letters() -> None:
    names = ["Zoë", "Élodie", "emma", "Eli", "Ödön", "Oscar", "Ñuño", "Nora"]
    assert sorted(names, key=reading_order) == [
        "Eli",
        "Élodie",
        "emma",
        "Nora",
        "Ñuño",
        "Ödön",
        "Oscar",
        "Zoë",
    ]


def test_names_that_read_alike_keep_one_order() -> None:
    assert sorted(["Éli", "eli", "Eli"], key=reading_order) == sorted(
        ["Eli", "eli", "Éli"], key=reading_order
    )


def test_the_cli_names_a_stage_as_the_app_does() -> None:
    assert stage_name("identified") == "to contact (identified)"
    assert stage_name("reached-out") == "reached-out"  # the same words, as commands take it
    for stage in STAGES:
        assert STAGE_LABELS[stage] in stage_name(stage).replace("-", " ")


def test_counts_read_as_words() -> None:
    assert plural(1, "interview") == "1 interview"
    assert plural(2, "interview") == "2 interviews"
    assert plural(2, "person", "people") == "2 people"


def test_how_you_met_is_not_met_twice() -> None:
    assert without_met("Met at a PyData meetup") == "at a PyData meetup"
    assert without_met("through Maya Okafor") == "through Maya Okafor"
    assert without_met("Meta hackathon") == "Meta hackathon"
