"""`kiosk bench` and `kiosk soak`: the figures of this machine against the kiosk's targets."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.commands.arguments import Commands


def add_parsers(commands: Commands) -> None:
    bench = commands.add_parser("bench", help="measure start-up, frames, touch, memory, loading")
    bench.add_argument("--json", action="store_true", help="print the figures as JSON")
    bench.add_argument("--quick", action="store_true", help="small counts, to check it runs")
    bench.add_argument(
        "--memory",
        action="store_true",
        help="only where the running kiosk's memory goes (Python's heap by package)",
    )
    bench.add_argument(
        "--readme",
        type=Path,
        metavar="FILE",
        help="write the performance table in FILE (README.md) from the figures",
    )
    bench.add_argument(
        "--from",
        dest="figures",
        type=Path,
        metavar="JSON",
        help="do not measure: take the figures an earlier `bench --json` printed",
    )
    bench.set_defaults(run=run_bench)

    soak = commands.add_parser("soak", help="a long accelerated run: does memory stay flat?")
    soak.add_argument("--changes", type=int, default=20_000, help="slide changes (20000)")
    soak.add_argument("--interactions", type=int, default=5_000, help="interactions (5000)")
    soak.add_argument("--json", action="store_true", help="print the figures as JSON")
    soak.set_defaults(run=run_soak)


def run_bench(args: argparse.Namespace) -> int:
    from kiosk.bench import measure

    if args.memory:
        return measure.memory_main(args.json)
    return measure.main(args.json, args.quick, args.readme, args.figures)


def run_soak(args: argparse.Namespace) -> int:
    from kiosk.bench import measure

    return measure.soak_main(args.changes, args.interactions, args.json)
