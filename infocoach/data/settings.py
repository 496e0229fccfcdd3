"""Your own settings (theme, name, purpose, where you were), in `<config dir>/settings.json`."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from infocoach.core.agenda import CALLS_PER_DAY
from infocoach.core.models import known_time_zone
from infocoach.core.pacing import DEFAULT_PACE, clamp_pace
from infocoach.core.text import clean_line
from infocoach.data import locations
from infocoach.data.files import atomic_write_bytes, ensure_private_folder

SETTINGS_FILE_NAME = "settings.json"
DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
MAX_CALLS_PER_DAY = 12


class SettingsError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    theme: str = DARK_THEME
    my_name: str = ""
    my_role: str = ""
    my_phone: str = ""
    my_purpose: str = ""
    my_background: str = ""
    my_time_zone: str = ""  # an IANA name ("Europe/London"); "": the computer's own
    pace_wpm: int = DEFAULT_PACE  # the rehearsal teleprompter's target pace
    call_bell: bool = True  # ring the terminal bell at each cue in call mode
    speak_cues: bool = False  # say each cue aloud too (with espeak-ng, where installed)
    calm_motion: bool = False  # no animation or blinking; the teleprompter moves by lines
    keep_recordings: bool = False  # keep each rehearsal listened to as a WAV file
    calls_per_day: int = CALLS_PER_DAY  # more on one day is pointed out (form, add, agenda)
    # Where you were: the selected contact (0: none) and the contact filter, shown again at start
    last_contact: int = 0
    contact_filter: str = ""

    def placeholders(self) -> dict[str, str]:
        """Values for the `{my_*}` placeholders of the scripts (the time zone: the computer's
        own unless she named one)."""
        values = {name: value for name, value in asdict(self).items() if name.startswith("my_")}
        values["my_time_zone"] = self.my_time_zone or local_time_zone()
        return values


def local_time_zone() -> str:
    """The computer's time zone as an IANA name (from $TZ or /etc/localtime); "" if unknown."""
    named = os.environ.get("TZ", "").removeprefix(":")
    if named and known_time_zone(named):
        return named
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return ""
    _, found, zone = target.partition("/zoneinfo/")
    return zone if found and known_time_zone(zone) else ""


def settings_path() -> Path:
    return locations.config_dir() / SETTINGS_FILE_NAME


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, defaults when there are none; SettingsError when unreadable."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SettingsError(f"cannot read {path}: {error}; it was left untouched") from None
    if not isinstance(raw, dict):
        raise SettingsError(f"cannot read {path}: expected an object; it was left untouched")
    defaults = Settings()
    values: dict[str, Any] = {}
    for name in (f.name for f in fields(Settings)):
        value, default = raw.get(name), getattr(defaults, name)
        if isinstance(default, bool):  # before int: a bool is an int too
            if isinstance(value, bool):
                values[name] = value
        elif isinstance(default, int):
            if isinstance(value, int) and not isinstance(value, bool):
                values[name] = value
        elif isinstance(value, str):
            values[name] = clean_line(value)
    if "pace_wpm" in values:
        values["pace_wpm"] = clamp_pace(values["pace_wpm"])
    if "calls_per_day" in values:
        values["calls_per_day"] = min(MAX_CALLS_PER_DAY, max(1, values["calls_per_day"]))
    return replace(defaults, **values)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    ensure_private_folder(path.parent)
    payload = json.dumps(asdict(settings), ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(path, payload.encode("utf-8"))
