"""The kiosk's commands: run the show (default), validate, schema, render."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__

EXIT_OK = 0
EXIT_INVALID_CONTENT = 2

DEFAULT_CONTENT = Path(__file__).resolve().parent.parent / "content"


def _content_dir(value: str | None) -> Path:
    return Path(value) if value else DEFAULT_CONTENT


def _size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a size like 1920x1080") from None
    if not (320 <= width <= 8192 and 320 <= height <= 8192):
        raise argparse.ArgumentTypeError(f"size {value} is out of range (320 to 8192 a side)")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Release N:OW exhibition kiosk. Without a command, plays the show.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--content", metavar="DIR", help="content folder (default: bundled show)")
    parser.add_argument("--lang", metavar="CODE", help="start in this language")
    parser.add_argument("--windowed", action="store_true", help="a normal window, not fullscreen")
    parser.add_argument("--size", type=_size, metavar="WxH", help="window size with --windowed")
    parser.add_argument("--screen", type=int, metavar="N", help="screen number (default: primary)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a content folder and report problems")
    validate.add_argument("folder", nargs="?", metavar="DIR", help="content folder")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")

    commands.add_parser("schema", help="print the JSON Schema of show.yaml")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return cmd_validate(_content_dir(args.folder), as_json=args.json)
    if args.command == "schema":
        return cmd_schema()
    build_parser().print_help()
    return EXIT_OK


def cmd_validate(folder: Path, as_json: bool = False) -> int:
    from kiosk.content import load_show

    loaded = load_show(folder)
    print(loaded.report.to_json() if as_json else loaded.report.format_text())
    return EXIT_OK if loaded.report.ok else EXIT_INVALID_CONTENT


def cmd_schema() -> int:
    from kiosk.content.schema import show_schema

    print(json.dumps(show_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK
