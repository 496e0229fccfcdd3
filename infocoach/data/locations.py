"""Where infocoach keeps its files: one place, with the environment overrides."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "infocoach"
DATA_FILE_NAME = "infocoach.json"
DATA_DIR_ENV = "INFOCOACH_DATA_DIR"
CONFIG_DIR_ENV = "INFOCOACH_CONFIG_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the data file: `override`, else the env var, else the platform's."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    chosen = os.environ.get(CONFIG_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_file(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / DATA_FILE_NAME


def user_content_dir() -> Path:
    """Where users drop YAML files that add to or override the shipped content."""
    return config_dir() / "content"
