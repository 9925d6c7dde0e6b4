"""`kiosk render` and `kiosk handout`: the show drawn to files, PNGs to proof or a PDF to print."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import exits
from kiosk.commands import arguments

if TYPE_CHECKING:
    from kiosk.commands.arguments import Commands
    from kiosk.content import LoadedShow, Show
    from kiosk.output.handout_plan import Paper


def add_parsers(commands: Commands) -> None:
    render = commands.add_parser("render", help="draw every slide to PNG files, for proofing")
    render.add_argument("folder", nargs="?", metavar="DIR", help="content folder")
    render.add_argument("--out", required=True, metavar="OUTDIR", help="where to write the PNGs")
    render.add_argument("--size", type=arguments.size, default=(1920, 1080), metavar="WxH")
    render.add_argument("--lang", metavar="CODE", help="language (default: the show's default)")
    render.add_argument(
        "--at",
        type=arguments.moment,
        metavar="DATETIME",
        help="only the slides that would play then, e.g. 2026-05-21T19:30",
    )
    render.add_argument(
        "--screen-inches",
        type=_screen_inches,
        metavar="INCHES",
        help="the kiosk screen's diagonal, as kiosk.toml's screen_inches gives it: the proof "
        "draws the manifesto's code as large as that screen shows it",
    )
    render.set_defaults(run=run_render)

    handout = commands.add_parser("handout", help="make a print-ready PDF handout of the show")
    handout.add_argument("folder", nargs="?", metavar="DIR", help="content folder")
    handout.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    handout.add_argument("--lang", metavar="CODE", help="language (default: the show's default)")
    handout.add_argument(
        "--paper",
        type=_paper,
        default="A4",
        metavar="A4|A5|Letter",
        help="paper size: A4 (up to two pages, the default), A5 (one page) or Letter",
    )
    handout.set_defaults(run=run_handout)


def _paper(value: str) -> Paper:
    from kiosk.output.handout_plan import paper_named

    paper = paper_named(value)
    if paper is None:
        raise argparse.ArgumentTypeError(f"'{value}' is not a paper size: A4, A5 or Letter")
    return paper


def _screen_inches(value: str) -> float:
    from kiosk.settings import SCREEN_INCHES

    try:
        inches = float(value)
    except ValueError:
        inches = 0.0
    if not SCREEN_INCHES[0] <= inches <= SCREEN_INCHES[1]:
        raise argparse.ArgumentTypeError(f"'{value}' is not a screen diagonal from 3 to 120 inches")
    return inches


def run_render(args: argparse.Namespace) -> int:
    return render(
        arguments.content_dir(args.folder),
        Path(args.out),
        args.size,
        args.lang,
        args.at,
        args.screen_inches,
    )


def run_handout(args: argparse.Namespace) -> int:
    return handout(arguments.content_dir(args.folder), Path(args.out), args.lang, args.paper)


def _load_or_report(folder: Path) -> LoadedShow | None:
    from kiosk.content import load_show

    loaded = load_show(folder)
    if not loaded.report.ok:
        from kiosk.i18n.catalogs import environment_language

        print(loaded.report.format_text(environment_language()), file=sys.stderr)
        return None
    return loaded


def _open_for_drawing(folder: Path, language: str | None) -> tuple[LoadedShow, Show, str] | None:
    """The valid show and the language to draw it in, with Qt ready offscreen; or None, after
    saying what is wrong."""
    loaded = _load_or_report(folder)
    if loaded is None or loaded.show is None:
        return None
    show = loaded.show
    language = language or show.settings.default_language
    if language not in show.settings.languages:
        print(
            f"error: language '{language}' is not in this show "
            f"({', '.join(show.settings.languages)})",
            file=sys.stderr,
        )
        return None
    # Drawing to files never needs a screen, whatever the session asks for.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kiosk.app import create_application

    create_application()
    return loaded, show, language


def render(
    folder: Path,
    out: Path,
    size: tuple[int, int],
    language: str | None,
    at: datetime.datetime | None = None,
    screen_inches: float | None = None,
) -> int:
    opened = _open_for_drawing(folder, language)
    if opened is None:
        return exits.INVALID_CONTENT
    loaded, show, language = opened
    if at is not None:
        from kiosk.playback.schedule import active_slides

        show = replace(show, slides=active_slides(show.slides, at))
    from kiosk.output.render import render_show

    font = loaded.files / show.settings.font if show.settings.font else None
    for path in render_show(show, loaded.files, out, size, language, font, screen_inches):
        print(path)
    return exits.OK


def handout(folder: Path, out: Path, language: str | None, paper: Paper) -> int:
    opened = _open_for_drawing(folder, language)
    if opened is None:
        return exits.INVALID_CONTENT
    loaded, show, language = opened
    from kiosk.output.handout import HandoutDoesNotFitError, write_handout
    from kiosk.playback.kept import KioskState

    hidden = KioskState.load().hidden_stories
    try:
        result = write_handout(show, loaded.files, out, language, paper, hidden)
    except HandoutDoesNotFitError as error:
        print(f"error: {error}", file=sys.stderr)
        return exits.INVALID_CONTENT
    except OSError as error:
        where = f"{error.filename}: " if error.filename and error.filename != str(out) else ""
        print(f"error: cannot write {out}: {where}{error.strerror or error}", file=sys.stderr)
        return exits.CANNOT_WRITE
    pages = f"{result.pages} {paper.name} page{'s' if result.pages > 1 else ''}"
    print(f"{out}: {pages}, language '{language}'")
    for slide_id, reason in result.excluded:
        print(f"not printed: '{slide_id}': {reason}")
    if result.left_out:
        more = " (A4 has room for more)" if paper.name == "A5" else ""
        print(f"no room for: {', '.join(result.left_out)}{more}")
    return exits.OK
