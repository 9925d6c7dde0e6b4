"""`kiosk validate` and `kiosk schema`: an organiser checks a show folder before it plays."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import exits
from kiosk.commands.arguments import content_dir
from kiosk.i18n.catalogs import environment_language, kiosk_languages

if TYPE_CHECKING:
    from kiosk.commands.arguments import Commands
    from kiosk.content import LoadedShow
    from kiosk.content.signing import Trust


def add_parsers(commands: Commands) -> None:
    validate = commands.add_parser("validate", help="check a content folder and report problems")
    validate.add_argument("folder", nargs="?", metavar="DIR", help="content folder")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.add_argument(
        "--lang",
        choices=kiosk_languages(),
        help="the language of the report (default: the environment's, as LANG gives it)",
    )
    validate.add_argument(
        "--skip-layout",
        action="store_true",
        help="check the content only, without laying out text on screen sizes (needs no Qt)",
    )
    validate.set_defaults(run=run_validate)
    schema = commands.add_parser("schema", help="print the JSON Schema of show.yaml")
    schema.set_defaults(run=run_schema)


def run_validate(args: argparse.Namespace) -> int:
    language = args.lang or environment_language()
    return validate(content_dir(args.folder), args.json, not args.skip_layout, language)


def validate(folder: Path, as_json: bool = False, layout: bool = True, language: str = "en") -> int:
    from kiosk.content import load_show
    from kiosk.settings import LocalSettings

    trust = LocalSettings.load().trust
    loaded = load_show(folder, decode_pictures=True, trusted_keys=trust)
    if loaded.show is not None and layout:
        # Whether text fits is a question of type on a screen, so Qt answers it, offscreen.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from kiosk.app import create_application
        from kiosk.output.fitcheck import fit_warnings

        create_application()
        loaded.report.extend(fit_warnings(loaded))
    if as_json:
        print(loaded.report.to_json(language))
    else:
        state = signature_state(loaded, trust) if folder.is_dir() else None
        if state is not None:
            print(state)
        print(loaded.report.format_text(language))
    return exits.OK if loaded.report.ok else exits.INVALID_CONTENT


def signature_state(loaded: LoadedShow, trust: Trust) -> str | None:
    """One line on the show's signature, for organisers; None where signing plays no part
    (an unsigned show, and no key trusted)."""
    from kiosk.content.signing import SIGNATURE

    verdict = loaded.verdict
    if trust.refusal:
        return f"signature: refused: {trust.refusal}"
    if not (loaded.files / SIGNATURE).is_file():
        if not trust.keys:
            return None
        return (
            "signature: not signed; this kiosk plays only signed shows (kiosk.toml's trusted_keys)"
        )
    if not trust.keys or verdict is None:
        return (
            "signature: signed; no key is trusted here to check it "
            "(kiosk.toml's trusted_keys, or `kiosk verify --key`)"
        )
    if verdict.ok and verdict.key is not None:
        return f"signature: signed by trusted key {verdict.key.id_text}, every file as signed"
    return "signature: refused: " + "; ".join(verdict.problems)


def run_schema(args: argparse.Namespace) -> int:
    from kiosk.content.schema import show_schema

    print(json.dumps(show_schema(), indent=2, ensure_ascii=False))
    return exits.OK
