"""`infocoach company add|edit|merge`: the target companies she works from (see `targets`)."""

from __future__ import annotations

import argparse

from infocoach.cli.commands import Commands
from infocoach.cli.common import CommandError, open_store, say

YES_NO = {"yes": True, "no": False}


def _given_fields(args: argparse.Namespace) -> dict[str, object]:
    """The company fields the options give (an option left out changes nothing)."""
    given = {
        "website": args.website,
        "industry": args.industry,
        "motivation": args.motivation,
        "posting": args.posting,
        "notes": args.notes,
    }
    if getattr(args, "shared_background", None) is not None:
        given["shared_background"] = YES_NO[args.shared_background]
    return {name: value for name, value in given.items() if value is not None}


def cmd_company_add(args: argparse.Namespace) -> int:
    company = open_store(args).add_company(name=args.name, **_given_fields(args))
    say(str(company.id))
    return 0


def cmd_company_edit(args: argparse.Namespace) -> int:
    store = open_store(args)
    company = store.find_company(args.company)
    fields = _given_fields(args)
    if args.rename is not None:
        fields["name"] = args.rename
    if not fields:
        raise CommandError("nothing to change: give at least one option (see --help)")
    changed = store.update_company(company.id, **fields)
    say(f"#{changed.id} {changed.name}: changed")
    return 0


def cmd_company_merge(args: argparse.Namespace) -> int:
    store = open_store(args)
    keep, other = store.find_company(args.keep), store.find_company(args.other)
    if keep.id == other.id:
        raise CommandError(f"{args.keep!r} and {args.other!r} are the same company already")
    merged = store.merge_companies(keep.id, other.id)
    say(f"#{other.id} {other.name} merged into #{merged.id} {merged.name}")
    return 0


def _field_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--website", metavar="URL", help="the company's website")
    parser.add_argument("--industry", metavar="TEXT", help="its industry")
    parser.add_argument("--motivation", metavar="0-3", help="your gut interest in it, 0 to 3")
    parser.add_argument("--posting", metavar="0-3", help="relevant openings there, 0 to 3")
    parser.add_argument("--notes", metavar="TEXT", help="what your research found")


def register(commands: Commands) -> None:
    actions = commands.group(
        "company",
        help="add, change or merge target companies (see `targets`)",
        description="The companies of your LAMP list. A company is named by its name (any "
        'case; "Acme" finds "Acme Inc.") or #ID.',
        title="actions",
        metavar="ACTION",
        what="what to do",
    )
    add = actions.add(
        "add",
        cmd_company_add,
        help="add a company; prints its id",
        description="Add a company to the list and print its id. A name another company goes "
        'by ("Acme Inc." when "ACME" is on the list) is refused.',
    )
    add.add_argument("name", metavar="NAME", help="the company's name")
    _field_options(add)

    edit = actions.add(
        "edit",
        cmd_company_edit,
        help="change a company's scores, website, industry, notes or name",
        description="Change what the options give; the rest stays as it is.",
    )
    edit.add_argument("company", metavar="NAME|#ID", help="the company to change")
    _field_options(edit)
    edit.add_argument(
        "--shared-background",
        choices=tuple(YES_NO),
        help="whether you share a background with people there (alumni, a former employer): "
        "it counts as advocacy",
    )
    edit.add_argument("--rename", metavar="NAME", help="a new name for the company")

    merge = actions.add(
        "merge",
        cmd_company_merge,
        help="make two records of one company one",
        description="Merge OTHER into KEEP: OTHER's contacts move to KEEP, its notes are added "
        "to KEEP's, and OTHER is deleted.",
    )
    merge.add_argument("keep", metavar="KEEP", help="the company to keep: NAME or #ID")
    merge.add_argument("other", metavar="OTHER", help="the company merged into it: NAME or #ID")
