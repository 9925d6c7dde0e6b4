"""`kiosk stats`: the anonymous counts per day, exported, or merged from several kiosks."""

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
    stats = commands.add_parser("stats", help="print the anonymous counts per day")
    stats.add_argument("--csv", action="store_true", help="as CSV, for a spreadsheet")
    stats.add_argument(
        "--export", metavar="FILE", help="write this kiosk's counts to a file, to merge later"
    )
    stats.add_argument(
        "--merge",
        nargs="+",
        metavar="FILE",
        help="counts exported by several kiosks (files or folders of them): per kiosk and in total",
    )
    stats.set_defaults(run=run_stats)


def run_stats(args: argparse.Namespace) -> int:
    if args.merge:
        return print_merged([Path(p) for p in args.merge], args.csv)
    if args.export:
        return export(args.export)
    from kiosk.counts import Counts, counts_path, format_csv, format_table

    rows = Counts(counts_path()).rows()
    if args.csv:
        print(format_csv(rows), end="")
    else:
        print(format_table(rows))
    return exits.OK


def print_merged(paths: list[Path], as_csv: bool) -> int:
    """The counts several kiosks exported: per kiosk and in total."""
    from kiosk import count_exports

    try:
        per_kiosk, notes = count_exports.merge_exports(paths)
    except count_exports.MergeError as error:
        print(f"error: {error}", file=sys.stderr)
        return exits.INVALID_CONTENT
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if as_csv:
        print(count_exports.format_merged_csv(per_kiosk), end="")
    else:
        print(count_exports.format_merged_table(per_kiosk))
    return exits.OK


def export(path: str) -> int:
    """This kiosk's counts written to a file, to be merged with others'."""
    from kiosk.count_exports import export_counts
    from kiosk.counts import Counts, counts_path
    from kiosk.settings import LocalSettings, kiosk_id

    rows = Counts(counts_path()).rows()
    name = LocalSettings.load().name
    text = export_counts(rows, name, datetime.datetime.now().astimezone(), kiosk_id())
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"error: cannot write {path}: {error}", file=sys.stderr)
        return exits.CANNOT_WRITE
    print(f"counts of kiosk '{name}' written to {path}")
    return exits.OK
