"""The `infocoach` command: opens the app, or runs one command on the data file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from infocoach import __version__, locations
from infocoach.content import ContentError
from infocoach.models import InvalidInput
from infocoach.storage import DataFileError, DataWriteError

EXIT_PROBLEM = 1
EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """A user error the command reports in one line and exits on with `status`."""

    def __init__(self, message: str, status: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.status = status


def _open_store(args: argparse.Namespace, *, save_migration: bool = True):
    from infocoach.store import Store

    return Store(locations.data_file(args.data_dir), save_migration=save_migration)


def cmd_add(args: argparse.Namespace) -> int:
    store = _open_store(args)
    contact = store.add_contact(
        name=args.name,
        company=args.company or "",
        role=args.role or "",
        email=args.email or "",
        phone=args.phone or "",
        how_met=args.how_met or "",
        referred_by=args.referred_by,
        meeting=args.meeting or "",
        minutes=args.minutes or "",
        notes=args.notes or "",
    )
    print(contact.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    contacts = _open_store(args).contacts()
    if args.json:
        rows = [
            {
                "id": c.id,
                "name": c.name,
                "company": c.company,
                "role": c.role,
                "stage": c.stage,
                "meeting": c.meeting,
                "minutes": c.minutes,
                "email": c.email,
                "phone": c.phone,
                "tags": list(c.tags),
            }
            for c in contacts
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not contacts:
        print("No contacts yet. Add one with: infocoach add NAME")
        return 0
    print(_table(
        ("ID", "NAME", "COMPANY", "ROLE", "STAGE", "MEETING"),
        [(str(c.id), c.name, c.company, c.role, c.stage, c.meeting or "") for c in contacts],
    ))  # fmt: skip
    return 0


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], limit: int = 30) -> str:
    """Plain fixed-width columns; long cells are cut with an ellipsis."""

    def cut(cell: str) -> str:
        return cell if len(cell) <= limit else cell[: limit - 1] + "…"

    cells = [list(headers)] + [[cut(cell.replace("\n", " ")) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in cells)
    return "\n".join(line.rstrip() for line in lines)


def cmd_doctor(args: argparse.Namespace) -> int:
    from infocoach.content import check_all

    problems: list[str] = []
    path = locations.data_file(args.data_dir)
    if path.exists():
        try:
            store = _open_store(args, save_migration=False)
            print(f"ok: {path} ({store.contact_count()} contacts)")
        except DataFileError as error:
            problems.append(str(error))
    else:
        print(f"ok: {path} does not exist yet; it is created by the first change")
    content_problems = check_all()
    if not content_problems:
        print(f"ok: content in {locations.shipped_content_dir()}")
        user_dir = locations.user_content_dir()
        print(
            f"ok: user content in {user_dir}"
            if user_dir.is_dir()
            else f"(no user content in {user_dir})"
        )
    problems.extend(content_problems)
    for problem in problems:
        print(problem)
    return EXIT_PROBLEM if problems else 0


def cmd_app(args: argparse.Namespace) -> int:
    if args.demo:
        from infocoach.demo import demo_data_dir

        with demo_data_dir() as folder:
            return _run_app(folder / locations.DATA_FILE_NAME)
    return _run_app(locations.data_file(args.data_dir))


def _run_app(path: Path) -> int:
    from infocoach.content import load_content
    from infocoach.store import Store

    store = Store(path)
    content = load_content()
    from infocoach.app import InfoCoachApp

    InfoCoachApp(store, content).run()
    return 0


def build_parser() -> argparse.ArgumentParser:
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"folder of the data file (default: ${locations.DATA_DIR_ENV} or the user data dir)",
    )
    parser = argparse.ArgumentParser(
        prog="infocoach",
        description="Prepare, rehearse, make and follow up informational interviews.",
        parents=[data_dir],
    )
    parser.add_argument("--version", action="version", version=f"infocoach {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the app on sample data in a temporary folder"
    )
    parser.set_defaults(handler=cmd_app)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    add = commands.add_parser("add", parents=[data_dir], help="add a contact; prints its id")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--company")
    add.add_argument("--role")
    add.add_argument("--email")
    add.add_argument("--phone")
    add.add_argument("--how-met", metavar="TEXT")
    add.add_argument("--referred-by", metavar="NAME", help="name of the contact who referred you")
    add.add_argument("--meeting", metavar='"YYYY-MM-DD HH:MM"')
    add.add_argument("--minutes", metavar="N", help="minutes agreed for the meeting (1-240)")
    add.add_argument("--notes", metavar="TEXT")
    add.set_defaults(handler=cmd_add)

    listing = commands.add_parser("list", parents=[data_dir], help="list contacts")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=cmd_list)

    doctor = commands.add_parser(
        "doctor", parents=[data_dir], help="check the data file and the content files"
    )
    doctor.set_defaults(handler=cmd_doctor)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except InvalidInput as error:
        where = "; ".join(f"{_option_name(name)}: {why}" for name, why in error.problems.items())
        return _fail(where, EXIT_BAD_INPUT)
    except CommandError as error:
        return _fail(str(error), error.status)
    except (DataFileError, DataWriteError) as error:
        return _fail(str(error), EXIT_PROBLEM)
    except ContentError as error:
        return _fail("\n".join(error.problems), EXIT_PROBLEM)
    except KeyboardInterrupt:
        return 130


def _option_name(field: str) -> str:
    return "NAME" if field == "name" else "--" + field.replace("_", "-")


def _fail(message: str, status: int) -> int:
    print(f"infocoach: {message}", file=sys.stderr)
    return status
