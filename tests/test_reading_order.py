"""Names sort as people read them: case and accents aside."""

from __future__ import annotations

from infocoach.core.text import reading_order


def test_accented_names_sort_among_their_letters() -> None:
    names = ["Zoë", "Élodie", "emma", "Eli", "Ödön", "Oscar", "Ñuño", "Nora"]
    assert sorted(names, key=reading_order) == [
        "Eli", "Élodie", "emma", "Nora", "Ñuño", "Ödön", "Oscar", "Zoë",
    ]  # fmt: skip


def test_names_that_read_alike_keep_one_order() -> None:
    assert sorted(["Éli", "eli", "Eli"], key=reading_order) == sorted(
        ["Eli", "eli", "Éli"], key=reading_order
    )
