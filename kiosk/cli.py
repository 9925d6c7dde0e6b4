"""The kiosk's command line: plays the show by default; every other command has its module."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from kiosk import __version__
from kiosk.commands import (
    arguments,
    autostart,
    benchmarks,
    checks,
    drawing,
    fleet,
    new_show,
    signing,
    stats,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Release N:OW exhibition kiosk. Without a command, plays the show.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--content", metavar="DIR", help="content folder (default: bundled show)")
    parser.add_argument("--lang", metavar="CODE", help="start in this language")
    parser.add_argument("--windowed", action="store_true", help="a normal window, not fullscreen")
    parser.add_argument(
        "--size", type=arguments.size, metavar="WxH", help="window size with --windowed"
    )
    parser.add_argument("--screen", type=int, metavar="N", help="screen number (default: primary)")
    parser.add_argument(
        "--rotate",
        type=int,
        choices=(0, 90, 180, 270),
        metavar="DEGREES",
        help="the panel is turned this far clockwise: 0, 90, 180 or 270 (default: kiosk.toml)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # In the order `kiosk --help` lists them. Each sets `run`, the function that runs it.
    for group in (checks, benchmarks, stats, fleet, drawing, autostart, signing, new_show):
        group.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = getattr(args, "run", run_show)
    return run(args)


def run_show(args: argparse.Namespace) -> int:
    from kiosk.start import KioskOptions, start_kiosk

    options = KioskOptions(args.lang, args.windowed, args.size, args.screen, args.rotate)
    return start_kiosk(arguments.content_dir(args.content), options)
