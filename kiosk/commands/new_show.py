"""`kiosk init`: a new content folder for an event, to edit and then validate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import exits

if TYPE_CHECKING:
    from kiosk.commands.arguments import Commands


def add_parsers(commands: Commands) -> None:
    init = commands.add_parser("init", help="create a content folder for a new event")
    init.add_argument("folder", metavar="DIR", help="the new folder (must not exist or be empty)")
    init.add_argument(
        "--languages",
        default="de,en",
        metavar="CODES",
        help="the show's languages, the first its default: de, en, be, ru (default: de,en)",
    )
    init.add_argument(
        "--from-default",
        action="store_true",
        help="a copy of the whole default show instead of one slide of each kind",
    )
    init.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    return init(Path(args.folder), args.languages, args.from_default)


def init(folder: Path, languages: str, from_default: bool) -> int:
    from kiosk.content.new_show import NewShowError, create_show

    try:
        create_show(
            folder, [code.strip() for code in languages.split(",") if code.strip()], from_default
        )
    except NewShowError as error:
        print(f"error: {error}", file=sys.stderr)
        return exits.INVALID_CONTENT
    except OSError as error:
        print(f"error: cannot write {folder}: {error}", file=sys.stderr)
        return exits.CANNOT_WRITE
    print(f"a new show in {folder}: edit {folder / 'show.yaml'}, then check it with")
    print(f"  kiosk validate {folder}")
    return exits.OK
