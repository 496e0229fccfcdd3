"""The subcommands of `infocoach`: one module each, each with `register(commands)`.

A module imports the store, the content loader and the exchange formats inside its handlers,
so `infocoach --help`, a mistyped command and opening the app do not wait for what only
another command uses (tests/test_cli_transfer.py checks the exporters are not loaded).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
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

Handler = Callable[[argparse.Namespace], int]
CONTACT_HELP = "the contact: NAME (any case) or #ID"


@dataclass(frozen=True)
class Commands:
    """Where a module adds its subcommands: each takes the options every command shares
    (`parents`: --data-dir) and runs its `handler`."""

    subparsers: argparse._SubParsersAction[argparse.ArgumentParser]
    parents: list[argparse.ArgumentParser]

    def add(
        self, name: str, handler: Handler, *, help: str, description: str, **defaults: object
    ) -> argparse.ArgumentParser:
        """The subcommand `name`; `defaults` are set on its arguments besides the handler."""
        parser = self.subparsers.add_parser(
            name, parents=self.parents, help=help, description=description
        )
        parser.set_defaults(handler=handler, **defaults)
        return parser

    def group(
        self, name: str, *, help: str, description: str, title: str, metavar: str, what: str
    ) -> Commands:
        """A subcommand with subcommands of its own (`company add`, `import linkedin`)."""
        parser = self.subparsers.add_parser(name, help=help, description=description)
        inner = parser.add_subparsers(title=title, metavar=metavar, required=True, help=what)
        return Commands(inner, self.parents)


def add_contact_argument(
    parser: argparse.ArgumentParser, dest: str = "name", metavar: str = "NAME"
) -> None:
    """The positional argument that names one contact."""
    parser.add_argument(dest, metavar=metavar, help=CONTACT_HELP)


def register_all(commands: Commands) -> None:
    for name in MODULES:
        import_module(f"infocoach.cli.{name}").register(commands)
