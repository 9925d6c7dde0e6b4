"""`kiosk fleet FOLDER`: every kiosk that reports to a folder, in one table (kiosk.fleet)."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import exits

if TYPE_CHECKING:
    from kiosk.commands.arguments import Commands


def add_parsers(commands: Commands) -> None:
    from kiosk.i18n.catalogs import kiosk_languages

    fleet = commands.add_parser(
        "fleet",
        help="which kiosk plays which show, refused what, or has gone quiet (from their status "
        "files)",
    )
    fleet.add_argument("folder", metavar="FOLDER", help="the folder kiosks write their status to")
    fleet.add_argument("--json", action="store_true", help="as JSON, for other programs")
    fleet.add_argument(
        "--html", metavar="FILE", help="also write a page to open or leave on a screen"
    )
    fleet.add_argument(
        "--lang",
        choices=kiosk_languages(),
        help="the language of the table (default: the environment's)",
    )
    fleet.set_defaults(run=run_fleet)


def run_fleet(args: argparse.Namespace) -> int:
    from kiosk import __version__, fleet
    from kiosk.i18n.catalogs import environment_language

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"error: {folder} is not a folder", file=sys.stderr)
        return exits.INVALID_CONTENT
    language = args.lang or environment_language()
    now = datetime.datetime.now().astimezone()
    rows = fleet.assess(fleet.read_folder(folder), now, __version__)
    if args.html:
        try:
            Path(args.html).write_text(fleet.format_html(rows, now, language), encoding="utf-8")
        except OSError as error:
            print(f"error: cannot write {args.html}: {error}", file=sys.stderr)
            return exits.CANNOT_WRITE
    if args.json:
        print(fleet.format_json(rows, now), end="")
    else:
        print(fleet.format_table(rows, now, language), end="")
    return exits.OK
