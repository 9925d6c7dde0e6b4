"""The kiosk's commands: run the show (default), validate, schema, render, handout, and more."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__, exits
from kiosk.paths import DEFAULT_CONTENT

if TYPE_CHECKING:
    from kiosk.content import LoadedShow, Show
    from kiosk.content.signing import Trust
    from kiosk.output.handout_plan import Paper

EXIT_OK = exits.OK
EXIT_CANNOT_WRITE = exits.CANNOT_WRITE
EXIT_INVALID_CONTENT = exits.INVALID_CONTENT


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


def _moment(value: str) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a date and time like 2026-05-21T19:30"
        ) from None


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
    parser.add_argument(
        "--rotate",
        type=int,
        choices=(0, 90, 180, 270),
        metavar="DEGREES",
        help="the panel is turned this far clockwise: 0, 90, 180 or 270 (default: kiosk.toml)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a content folder and report problems")
    validate.add_argument("folder", nargs="?", metavar="DIR", help="content folder")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.add_argument(
        "--skip-layout",
        action="store_true",
        help="check the content only, without laying out text on screen sizes (needs no Qt)",
    )

    commands.add_parser("schema", help="print the JSON Schema of show.yaml")

    bench = commands.add_parser("bench", help="measure start-up, frames, touch, memory, loading")
    bench.add_argument("--json", action="store_true", help="print the figures as JSON")
    bench.add_argument("--quick", action="store_true", help="small counts, to check it runs")

    soak = commands.add_parser("soak", help="a long accelerated run: does memory stay flat?")
    soak.add_argument("--changes", type=int, default=20_000, help="slide changes (20000)")
    soak.add_argument("--interactions", type=int, default=5_000, help="interactions (5000)")
    soak.add_argument("--json", action="store_true", help="print the figures as JSON")

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

    render = commands.add_parser("render", help="draw every slide to PNG files, for proofing")
    render.add_argument("folder", nargs="?", metavar="DIR", help="content folder")
    render.add_argument("--out", required=True, metavar="OUTDIR", help="where to write the PNGs")
    render.add_argument("--size", type=_size, default=(1920, 1080), metavar="WxH")
    render.add_argument("--lang", metavar="CODE", help="language (default: the show's default)")
    render.add_argument(
        "--at",
        type=_moment,
        metavar="DATETIME",
        help="only the slides that would play then, e.g. 2026-05-21T19:30",
    )

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

    autostart = commands.add_parser(
        "autostart", help="start the kiosk with the session: install, status, remove"
    )
    actions = autostart.add_subparsers(dest="action", metavar="ACTION", required=True)
    install = actions.add_parser("install", help="write the autostart entry for this kiosk")
    remove = actions.add_parser("remove", help="take the autostart entry away")
    actions.add_parser("status", help="say what is installed and whether it is on")
    actions.add_parser(
        "files", help="print the folder with the deployment files (labwc, GNOME, Windows)"
    )
    for action in (install, remove):
        kinds = action.add_mutually_exclusive_group()
        for kind, what in (
            ("systemd", "a systemd user service (restarts after a crash)"),
            ("xdg", "a desktop autostart entry (GNOME, KDE, Xfce, LXQt)"),
            ("labwc", "labwc's autostart (Raspberry Pi OS)"),
            ("cage", "the kiosk alone under cage on the first console, after autologin"),
        ):
            kinds.add_argument(
                f"--{kind}", dest="kind", action="store_const", const=kind, help=what
            )
    install.add_argument(
        "--content", dest="start_content", metavar="DIR", help="content folder to play"
    )
    install.add_argument("--screen", dest="start_screen", type=int, metavar="N")
    install.add_argument(
        "--rotate", dest="start_rotate", type=int, choices=(0, 90, 180, 270), metavar="DEGREES"
    )

    keygen = commands.add_parser("keygen", help="make a key pair to sign shows with")
    keygen.add_argument("--out", required=True, metavar="DIR", help="where to write the keys")
    keygen.add_argument("--name", default="release-now", help="file name of the keys")
    keygen.add_argument(
        "--password",
        action="store_true",
        help="protect the secret key with a password (asked for; read from standard input "
        "when that is not a terminal), encrypted as minisign does",
    )
    sign = commands.add_parser("sign", help="sign a show folder: every file, as it is now")
    sign.add_argument("folder", metavar="SHOW_DIR")
    sign.add_argument("--key", required=True, metavar="SECRET", help="the secret key file")
    sign.add_argument(
        "--version",
        dest="show_version",
        type=int,
        metavar="N",
        help="the version to sign as (default: one above the last signed); kiosks refuse a "
        "version older than the newest they played",
    )
    verify = commands.add_parser("verify", help="check a show folder's signature")
    verify.add_argument("folder", metavar="SHOW_DIR")
    verify.add_argument(
        "--key", required=True, action="append", metavar="PUBLIC", help="a public key or .pub file"
    )

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
    return parser


def _paper(value: str) -> Paper:
    from kiosk.output.handout_plan import paper_named

    paper = paper_named(value)
    if paper is None:
        raise argparse.ArgumentTypeError(f"'{value}' is not a paper size: A4, A5 or Letter")
    return paper


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return cmd_validate(_content_dir(args.folder), args.json, not args.skip_layout)
    if args.command == "schema":
        return cmd_schema()
    if args.command == "bench":
        from kiosk.bench import measure

        return measure.main(args.json, args.quick)
    if args.command == "soak":
        from kiosk.bench import measure

        return measure.soak_main(args.changes, args.interactions, args.json)
    if args.command == "stats":
        return cmd_stats(args.csv, args.export, args.merge)
    if args.command == "render":
        return cmd_render(_content_dir(args.folder), Path(args.out), args.size, args.lang, args.at)
    if args.command == "autostart":
        return cmd_autostart(args)
    if args.command in ("keygen", "sign", "verify"):
        return cmd_signing(args)
    if args.command == "init":
        return cmd_init(Path(args.folder), args.languages, args.from_default)
    if args.command == "handout":
        return cmd_handout(_content_dir(args.folder), Path(args.out), args.lang, args.paper)
    return cmd_run(args)


def cmd_validate(folder: Path, as_json: bool = False, layout: bool = True) -> int:
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
        print(loaded.report.to_json())
    else:
        state = _signature_state(loaded, trust) if folder.is_dir() else None
        if state is not None:
            print(state)
        print(loaded.report.format_text())
    return EXIT_OK if loaded.report.ok else EXIT_INVALID_CONTENT


def _signature_state(loaded: LoadedShow, trust: Trust) -> str | None:
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


def cmd_autostart(args: argparse.Namespace) -> int:
    from kiosk.platform import autostart

    env = autostart.environment()
    if args.action == "files":
        from kiosk.paths import ASSETS

        print(ASSETS / "deploy")
        return EXIT_OK
    if args.action == "status":
        print("\n".join(autostart.status(env)))
        return EXIT_OK
    if args.action == "remove":
        kinds = [args.kind] if args.kind else list(autostart.KINDS)
        removed = False
        for kind in kinds:
            if kind == "systemd" and autostart.installed(kind, env) is not None:
                print(autostart.systemd_enable(env, enable=False))
            path = autostart.remove(kind, env)
            if path is not None:
                removed = True
                print(f"{kind}: removed from {path}")
        if not removed:
            print("nothing to remove: no autostart entry of this kiosk was found")
        return EXIT_OK
    kind = args.kind
    if kind is None:
        kind, why = autostart.pick(env)
        print(f"{kind}: chosen because {why} (--systemd, --xdg, --labwc or --cage chooses)")
    content = Path(args.start_content).expanduser().resolve() if args.start_content else None
    if content is not None and not (content / "show.yaml").is_file():
        print(f"error: {content} has no show.yaml", file=sys.stderr)
        return EXIT_INVALID_CONTENT
    launch = autostart.Launch(
        autostart.kiosk_executable(), content, args.start_rotate, args.start_screen
    )
    try:
        path = autostart.install(kind, launch, env)
    except OSError as error:
        print(f"error: cannot write the autostart entry: {error}", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    print(f"{kind}: written to {path}")
    print(f"  starts: {' '.join(launch.arguments())}")
    if kind == "systemd":
        print(f"  {autostart.systemd_enable(env, enable=True)}")
    elif kind == "cage":
        print("  set up autologin on the first console for this user (docs/deploy.md)")
    elif kind == "labwc":
        print(f"  key bindings: {autostart.labwc_bindings(env)}")
    return EXIT_OK


def cmd_signing(args: argparse.Namespace) -> int:
    from kiosk.content.signing import (
        MANIFEST,
        SIGNATURE,
        PublicKey,
        SecretKey,
        SigningError,
        next_version,
        sign_folder,
        signing_comment,
        verify_folder,
        version_file,
    )

    try:
        if args.command == "keygen":
            out = Path(args.out)
            out.mkdir(parents=True, exist_ok=True)
            secret_path, public_path = out / f"{args.name}.key", out / f"{args.name}.pub"
            if secret_path.exists() or public_path.exists():
                print(f"error: {secret_path} or {public_path} exists already", file=sys.stderr)
                return EXIT_CANNOT_WRITE
            key = SecretKey.generate()
            password = _read_password("password for the new key: ", True) if args.password else None
            text = key.file_text(password)
            descriptor = os.open(secret_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                stream.write(text)
            public = key.public()
            public_path.write_text(
                f"untrusted comment: minisign public key {public.id_text}\n{public.line()}\n",
                encoding="utf-8",
            )
            print(f"secret key: {secret_path} (keep it on the organisers' laptop only)")
            print(f"public key: {public_path}; for kiosk.toml:")
            print(f'trusted_keys = ["{public.line()}"]')
            return EXIT_OK
        folder = Path(args.folder)
        if not (folder / "show.yaml").is_file():
            print(f"error: {folder} has no show.yaml", file=sys.stderr)
            return EXIT_INVALID_CONTENT
        if args.command == "sign":
            key_file = Path(args.key)
            key_text = key_file.read_text(encoding="utf-8")
            password = (
                _read_password(f"password for {key_file}: ")
                if SecretKey.protected(key_text)
                else None
            )
            key = SecretKey.parse(key_text, password)
            version = args.show_version or next_version(folder, key_file)
            if version < 1:
                print("error: --version must be 1 or more", file=sys.stderr)
                return EXIT_INVALID_CONTENT
            moment = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
            comment = signing_comment(version, folder.name, moment)
            manifest = sign_folder(folder, key, comment)
            count = len(manifest.splitlines())
            try:
                version_file(key_file).write_text(f"{version}\n", encoding="utf-8")
            except OSError as error:
                print(f"warning: cannot count the version beside the key: {error}")
            print(
                f"signed {count} files as version {version} with key {key.public().id_text}: "
                f"{MANIFEST}, {SIGNATURE}"
            )
            return EXIT_OK
        keys = [
            PublicKey.parse(k if k.startswith("RW") else Path(k).read_text(encoding="utf-8"))
            for k in args.key
        ]
    except (SigningError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID_CONTENT
    verdict = verify_folder(folder, keys)
    if verdict.ok:
        assert verdict.key is not None
        print(f"signed by key {verdict.key.id_text} ({verdict.comment}); every file as signed")
        return EXIT_OK
    for problem in verdict.problems:
        print(f"{folder / MANIFEST}: error: {problem}")
    return EXIT_INVALID_CONTENT


def _read_password(prompt: str, confirm: bool = False) -> bytes:
    """A password from the terminal (not echoed), or a line of standard input, as minisign."""
    from kiosk.content.signing import SigningError

    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("the same again: ") != first:
            raise SigningError("the two passwords differ")
    else:
        first = sys.stdin.readline().rstrip("\r\n") if sys.stdin is not None else ""
        if confirm and sys.stdin is not None:
            second = sys.stdin.readline().rstrip("\r\n")
            if second and second != first:
                raise SigningError("the two passwords differ")
    if not first:
        raise SigningError("no password was given")
    return first.encode("utf-8")


def cmd_init(folder: Path, languages: str, from_default: bool) -> int:
    from kiosk.content.new_show import NewShowError, create_show

    try:
        create_show(
            folder, [code.strip() for code in languages.split(",") if code.strip()], from_default
        )
    except NewShowError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID_CONTENT
    except OSError as error:
        print(f"error: cannot write {folder}: {error}", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    print(f"a new show in {folder}: edit {folder / 'show.yaml'}, then check it with")
    print(f"  kiosk validate {folder}")
    return EXIT_OK


def cmd_schema() -> int:
    from kiosk.content.schema import show_schema

    print(json.dumps(show_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_stats(as_csv: bool, export: str | None = None, merge: list[str] | None = None) -> int:
    from kiosk import counts as tally
    from kiosk.settings import LocalSettings

    if merge:
        try:
            per_kiosk, notes = tally.merge_exports([Path(p) for p in merge])
        except tally.MergeError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_INVALID_CONTENT
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        if as_csv:
            print(tally.format_merged_csv(per_kiosk), end="")
        else:
            print(tally.format_merged_table(per_kiosk))
        return EXIT_OK
    rows = tally.Counts(tally.counts_path()).rows()
    if export:
        from kiosk.settings import kiosk_id

        name = LocalSettings.load().name
        text = tally.export_counts(rows, name, datetime.datetime.now().astimezone(), kiosk_id())
        try:
            Path(export).write_text(text, encoding="utf-8")
        except OSError as error:
            print(f"error: cannot write {export}: {error}", file=sys.stderr)
            return EXIT_CANNOT_WRITE
        print(f"counts of kiosk '{name}' written to {export}")
        return EXIT_OK
    print(
        tally.format_csv(rows) if as_csv else tally.format_table(rows), end="" if as_csv else "\n"
    )
    return EXIT_OK


def _load_or_report(folder: Path) -> LoadedShow | None:
    from kiosk.content import load_show

    loaded = load_show(folder)
    if not loaded.report.ok:
        print(loaded.report.format_text(), file=sys.stderr)
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


def cmd_render(
    folder: Path,
    out: Path,
    size: tuple[int, int],
    language: str | None,
    at: datetime.datetime | None = None,
) -> int:
    opened = _open_for_drawing(folder, language)
    if opened is None:
        return EXIT_INVALID_CONTENT
    loaded, show, language = opened
    if at is not None:
        from kiosk.playback.schedule import active_slides

        show = show.model_copy(update={"slides": active_slides(show.slides, at)})
    from kiosk.output.render import render_show

    font = loaded.files / show.settings.font if show.settings.font else None
    for path in render_show(show, loaded.files, out, size, language, font):
        print(path)
    return EXIT_OK


def cmd_handout(folder: Path, out: Path, language: str | None, paper: Paper) -> int:
    opened = _open_for_drawing(folder, language)
    if opened is None:
        return EXIT_INVALID_CONTENT
    loaded, show, language = opened
    from kiosk.output.handout import HandoutDoesNotFitError, write_handout
    from kiosk.playback.kept import KioskState

    hidden = KioskState.load().hidden_stories
    try:
        result = write_handout(show, loaded.files, out, language, paper, hidden)
    except HandoutDoesNotFitError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID_CONTENT
    except OSError as error:
        where = f"{error.filename}: " if error.filename and error.filename != str(out) else ""
        print(f"error: cannot write {out}: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    pages = f"{result.pages} {paper.name} page{'s' if result.pages > 1 else ''}"
    print(f"{out}: {pages}, language '{language}'")
    for slide_id, reason in result.excluded:
        print(f"not printed: '{slide_id}': {reason}")
    if result.left_out:
        more = " (A4 has room for more)" if paper.name == "A5" else ""
        print(f"no room for: {', '.join(result.left_out)}{more}")
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app import KioskOptions, start_kiosk

    options = KioskOptions(args.lang, args.windowed, args.size, args.screen, args.rotate)
    return start_kiosk(_content_dir(args.content), options)
