"""`kiosk autostart`: the kiosk starts with the session (systemd, desktop, labwc or cage)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import exits

if TYPE_CHECKING:
    from collections.abc import Mapping

    from kiosk.commands.arguments import Commands

_KIND_HELP = (
    ("systemd", "a systemd user service (restarts after a crash)"),
    ("xdg", "a desktop autostart entry (GNOME, KDE, Xfce, LXQt)"),
    ("labwc", "labwc's autostart (Raspberry Pi OS)"),
    ("cage", "the kiosk alone under cage on the first console, after autologin"),
)


def add_parsers(commands: Commands) -> None:
    autostart = commands.add_parser(
        "autostart", help="start the kiosk with the session: install, status, remove"
    )
    autostart.set_defaults(run=run_autostart)
    actions = autostart.add_subparsers(dest="action", metavar="ACTION", required=True)
    install = actions.add_parser("install", help="write the autostart entry for this kiosk")
    remove = actions.add_parser("remove", help="take the autostart entry away")
    actions.add_parser("status", help="say what is installed and whether it is on")
    actions.add_parser(
        "files", help="print the folder with the deployment files (labwc, GNOME, Windows)"
    )
    for action in (install, remove):
        kinds = action.add_mutually_exclusive_group()
        for kind, what in _KIND_HELP:
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


def run_autostart(args: argparse.Namespace) -> int:
    from kiosk.platform import autostart

    env = autostart.environment()
    if args.action == "files":
        from kiosk.paths import ASSETS

        print(ASSETS / "deploy")
        return exits.OK
    if args.action == "status":
        print("\n".join(autostart.status(env)))
        return exits.OK
    if args.action == "remove":
        return remove(args.kind, env)
    return install(args, env)


def remove(kind: str | None, env: Mapping[str, str]) -> int:
    """Takes away this kiosk's autostart entry of one kind, or of every kind."""
    from kiosk.platform import autostart

    removed = False
    for each in [kind] if kind else list(autostart.KINDS):
        if each == "systemd" and autostart.installed(each, env) is not None:
            print(autostart.systemd_enable(env, enable=False))
        path = autostart.remove(each, env)
        if path is not None:
            removed = True
            print(f"{each}: removed from {path}")
    if not removed:
        print("nothing to remove: no autostart entry of this kiosk was found")
    return exits.OK


def install(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    """Writes the autostart entry of the kind asked for, or of the kind this session suits."""
    from kiosk.platform import autostart

    kind = args.kind
    if kind is None:
        kind, why = autostart.pick(env)
        print(f"{kind}: chosen because {why} (--systemd, --xdg, --labwc or --cage chooses)")
    content = Path(args.start_content).expanduser().resolve() if args.start_content else None
    if content is not None and not (content / "show.yaml").is_file():
        print(f"error: {content} has no show.yaml", file=sys.stderr)
        return exits.INVALID_CONTENT
    launch = autostart.Launch(
        autostart.kiosk_executable(), content, args.start_rotate, args.start_screen
    )
    try:
        path = autostart.install(kind, launch, env)
    except OSError as error:
        print(f"error: cannot write the autostart entry: {error}", file=sys.stderr)
        return exits.CANNOT_WRITE
    print(f"{kind}: written to {path}")
    print(f"  starts: {' '.join(launch.arguments())}")
    if kind == "systemd":
        print(f"  {autostart.systemd_enable(env, enable=True)}")
    elif kind == "cage":
        print("  set up autologin on the first console for this user (docs/deploy.md)")
    elif kind == "labwc":
        print(f"  key bindings: {autostart.labwc_bindings(env)}")
    return exits.OK
