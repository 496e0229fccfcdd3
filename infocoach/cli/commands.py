"""The subcommands of `infocoach`: one module each, each with `register(commands, parents)`."""

from __future__ import annotations

import argparse
from importlib import import_module

MODULES = (
    "contacts",
    "company",
    "targets",
    "doctor",
    "import_export",
    "log",
    "history",
    "agenda",
    "brief",
    "stats",
    "draft",
    "check",
    "pace",
    "recordings",
    "serve",
)


def register_all(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    for name in MODULES:
        import_module(f"infocoach.cli.{name}").register(commands, parents)
