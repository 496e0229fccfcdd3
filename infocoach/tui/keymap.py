"""Her own keys: `keymap.yaml` in the config folder maps action ids to keys.

    # infocoach keymap: action id: keys (comma-separated for several)
    main.add: n
    app.undo: ctrl+z, u

The ids are those of the action table (`tui/actions.py`; the help screen lists the keys). An
unknown id, a key that is no key, or two actions of one screen on the same key is said in one
line at start, and those actions keep their default keys; the rest of the file applies. A
file that cannot be read (too large, no YAML, nested too deep, aliases that repeat too much:
see `guidance.safe_yaml`) is said in one line too, and every action keeps its default keys.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from infocoach.data import locations
from infocoach.data.bounded import FileTooLarge, read_at_most, size_in_words
from infocoach.guidance import safe_yaml
from infocoach.tui import textual_private
from infocoach.tui.actions import ACTIONS, Action

KEYMAP_FILE_NAME = "keymap.yaml"
MAX_KEYMAP_SIZE = 64 * 1024  # a line for every action is about 2 KB
MAX_PROBLEMS_SAID = 5
# A Textual key name: letters, digits and underscores, with modifiers joined by "+".
_KEY_NAME = re.compile(r"(?:(?:ctrl|shift|alt|super|meta|hyper)\+)*[a-z0-9_]+|[A-Z]")


@dataclass(frozen=True)
class Keymap:
    keys: dict[str, str]  # action id -> normalised keys, only the ones that apply
    problems: tuple[str, ...]  # each one line, naming the file


def keymap_path() -> Path:
    return locations.config_dir() / KEYMAP_FILE_NAME


def load_keymap(path: Path | None = None) -> Keymap:
    """Her keymap (empty when there is no file); a file that cannot be read is one problem."""
    path = path or keymap_path()
    try:
        raw = safe_yaml.load(read_at_most(path, MAX_KEYMAP_SIZE).decode("utf-8"))
    except FileNotFoundError:
        return Keymap({}, ())
    except FileTooLarge as error:
        size, limit = size_in_words(error.size, MAX_KEYMAP_SIZE), f"{MAX_KEYMAP_SIZE // 1024} KB"
        return Keymap(
            {},
            (
                f"{path}: {size} is too large for a keymap (the limit is {limit}); "
                "the default keys stay",
            ),
        )
    except safe_yaml.YamlProblem as problem:
        return Keymap({}, (f"{path}:{problem.line}: {problem}; the default keys stay",))
    except (OSError, UnicodeDecodeError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return Keymap({}, (f"{path}: cannot be read ({reason}); the default keys stay",))
    if raw is None:
        return Keymap({}, ())
    if not isinstance(raw, Mapping):
        return Keymap({}, (f"{path}: expected lines of `action id: keys`; the default keys stay",))
    return check_keymap(raw, path)


def check_keymap(raw: Mapping[object, object], path: Path) -> Keymap:
    by_id = {each.id: each for each in ACTIONS}
    wanted: dict[str, str] = {}
    problems: list[str] = []
    for action_id, keys in raw.items():
        if action_id not in by_id:
            problems.append(
                f"{path}: {_shown(action_id)} is no action id (the help screen lists them); ignored"
            )
            continue
        normalised = _normalised(keys)
        if normalised is None:
            problems.append(
                f"{path}: {action_id}: {_shown(keys)} is not a key (write e.g. n, "
                "ctrl+n or f5); the default stays"
            )
            continue
        wanted[str(action_id)] = normalised
    clashing = _clashes(wanted, by_id)
    for first, second, key in clashing:
        problems.append(
            f"{path}: {first} and {second} would both be on {key!r} in one screen; "
            "both keep their default keys"
        )
    for first, second, _ in clashing:
        wanted.pop(first, None)
        wanted.pop(second, None)
    if len(problems) > MAX_PROBLEMS_SAID:  # each is a note on the screen at start
        more = len(problems) - MAX_PROBLEMS_SAID + 1
        problems[MAX_PROBLEMS_SAID - 1 :] = [
            f"{path}: {more:,} more problems like these; the defaults stay"
        ]
    return Keymap(wanted, tuple(problems))


def _shown(value: object) -> str:
    """`value` as written, cut short: a problem is one line, whatever the file holds."""
    return reprlib.repr(value)


def _normalised(keys: object) -> str | None:
    """`keys` as Textual names them ("?" -> "question_mark"); None unless each is a key."""
    if isinstance(keys, int) and not isinstance(keys, bool):
        keys = str(keys)  # `main.add: 5` reads as a number
    if not isinstance(keys, str) or not keys.strip():
        return None
    names = []
    for key in (part.strip() for part in keys.split(",")):
        name = textual_private.character_to_key(key) if len(key) == 1 else key.lower()
        if not _KEY_NAME.fullmatch(name):
            return None
        names.append(name)
    return ",".join(names)


def _clashes(wanted: Mapping[str, str], by_id: Mapping[str, Action]) -> list[tuple[str, str, str]]:
    """(remapped id, other id, key) for each remapped action that would share a key with
    another action of its screen (an app action is in every screen)."""

    def keys_of(each: Action) -> set[str]:
        return set(wanted.get(each.id, each.keys).replace(" ", "").split(",")) - {""}

    found = []
    for action_id in wanted:
        mine = by_id[action_id]
        for other in ACTIONS:
            if other.id == action_id or not _same_screen(mine, other):
                continue
            shared = keys_of(mine) & keys_of(other)
            if shared and (other.id not in wanted or other.id > action_id):
                found.append((action_id, other.id, sorted(shared)[0]))
    return found


def _same_screen(one: Action, other: Action) -> bool:
    return one.screen == other.screen or "app" in (one.screen, other.screen)
