"""Every way of starting the kiosk starts it again after exit 4 (internal error) or a crash, and
not after staff quit it (0) or after exit 2, 3 or 5, which a new start would only repeat.

The shell recipes run for real (sh, and GLib's `gio launch` for desktop entries) around a
stand-in kiosk that ends with the codes it is given and counts its starts. systemd cannot run
here: its unit is read and judged by the rules of systemd.service(5)."""

from __future__ import annotations

import configparser
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from kiosk.platform import autostart

DEPLOY = Path(__file__).resolve().parents[2] / "assets" / "deploy"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="these recipes are for Linux"
)

# (the codes the kiosk ends with, one per start): what a person would see happen.
SCENARIOS = {
    # Internal errors and crashes (exit 1, killed, a segfault) start it again; staff quit it.
    "comes back after 4 and crashes": ["4", "1", "kill-KILL", "kill-SEGV", "4", "0"],
    "not after an invalid show (2)": ["4", "2"],
    "not without a display (3)": ["4", "3"],
    "not beside another kiosk (5)": ["4", "5"],
}

FAKE_KIOSK = """#!/bin/sh
# A stand-in kiosk: notes its start and its parent (the loop), ends with its next code.
echo "$PPID" > "{dir}/loop.pid.new" && mv "{dir}/loop.pid.new" "{dir}/loop.pid"
echo "$*" >> "{dir}/starts"
n=$(wc -l < "{dir}/starts")
code=$(sed -n "${{n}}p" "{dir}/codes")
case $code in
    "") kill -s KILL "$PPID" ;;  # one start too many: the loop is ended, and the test fails
    kill-*) kill -s "${{code#kill-}}" $$ ;;
esac
exit "${{code:-0}}"
"""


class Stand:
    """A kiosk user's home and a folder of stand-in programs, first on PATH."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.bin = root / "bin"
        self.home.mkdir()
        self.bin.mkdir()
        self.kiosk = self.program("kiosk", FAKE_KIOSK.format(dir=root))
        # The pause before each new start, noted instead of waited for.
        self.program("sleep", f'#!/bin/sh\necho "$1" >> "{root}/pauses"\n')
        # cage runs the program after "--"; tty says the first console.
        self.program("cage", '#!/bin/sh\nwhile [ "$1" != -- ]; do shift; done\nshift\nexec "$@"\n')
        self.program("tty", "#!/bin/sh\necho /dev/tty1\n")
        base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        self.env = {**base, "HOME": str(self.home), "PATH": f"{self.bin}:{os.environ['PATH']}"}
        self.env.pop("XDG_CONFIG_HOME", None)

    def program(self, name: str, text: str) -> Path:
        path = self.bin / name
        path.write_text(text)
        path.chmod(0o755)
        return path

    def installed_kiosk(self) -> None:
        """The stand-in where the shipped examples look for the kiosk."""
        venv = self.home / "release-now-kiosk" / ".venv" / "bin"
        venv.mkdir(parents=True)
        (venv / "kiosk").symlink_to(self.kiosk)

    def lines(self, name: str) -> list[str]:
        path = self.root / name
        return path.read_text().splitlines() if path.exists() else []

    def wait_for_the_loop_to_end(self) -> None:
        """Until the loop around the kiosk has ended (it is not this test's child); a loop
        still running after 30 s is ended, and the test fails."""
        deadline = time.monotonic() + 30
        while (loop := self.loop()) is None or _running(loop):
            if time.monotonic() > deadline:
                if loop is not None:
                    with contextlib.suppress(OSError):
                        os.kill(loop, signal.SIGKILL)
                pytest.fail("the loop did not end")
            time.sleep(0.05)

    def loop(self) -> int | None:
        """The loop's process id, as the stand-in kiosk noted it."""
        noted = self.lines("loop.pid")
        return int(noted[0]) if noted else None


def _running(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return False
    return fields[0] != "Z"  # an unreaped zombie has ended too


def _sh(path: Path, stand: Stand) -> None:
    subprocess.run(["sh", str(path)], env=stand.env, check=False, timeout=30)


def _gio(path: Path, stand: Stand) -> None:
    from tests.widgets import require_tool

    gio = require_tool("gio")  # GLib reads desktop entries as GNOME's session does
    subprocess.run([gio, "launch", str(path)], env=stand.env, check=True, timeout=30)


def written(kind: str, run: Callable[[Path, Stand], None]) -> Callable[[Stand], None]:
    """The recipe as `kiosk autostart install --KIND` writes it, run as its session runs it."""

    def start(stand: Stand) -> None:
        launch = autostart.Launch(stand.kiosk, rotate=90)
        run(autostart.install(kind, launch, stand.env), stand)

    return start


def shipped(name: str, run: Callable[[Path, Stand], None]) -> Callable[[Stand], None]:
    """The example in assets/deploy, with the kiosk where the example expects it."""

    def start(stand: Stand) -> None:
        stand.installed_kiosk()
        run(DEPLOY / name, stand)

    return start


def documented(start_of_block: str) -> Callable[[Stand], None]:
    """The shell lines docs/deploy.md gives after these words, run with sh."""

    def start(stand: Stand) -> None:
        text = (DEPLOY.parents[1] / "docs" / "deploy.md").read_text(encoding="utf-8")
        block = text.split(start_of_block, 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
        stand.program("xset", "#!/bin/sh\n")
        script = stand.root / "recipe.sh"
        script.write_text(block)
        _sh(script, stand)

    return start


RECIPES = {
    "labwc, written": written("labwc", _sh),
    "cage, written": written("cage", _sh),  # the login shell runs ~/.profile
    "desktop entry, written": written("xdg", _gio),
    "labwc, shipped": shipped("labwc/autostart", _sh),
    "desktop entry, shipped": shipped("release-now-kiosk.desktop", _gio),
    "bare X session, documented": documented("`~/.xinitrc`"),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("recipe", RECIPES)
def test_the_loop_starts_the_kiosk_again_after_4_and_crashes_only(
    tmp_path: Path, recipe: str, scenario: str
) -> None:
    codes = SCENARIOS[scenario]
    stand = Stand(tmp_path)
    (tmp_path / "codes").write_text("\n".join(codes) + "\n")
    RECIPES[recipe](stand)
    stand.wait_for_the_loop_to_end()
    starts = stand.lines("starts")
    assert len(starts) == len(codes), starts  # once per code, none after the last
    if recipe.endswith("written"):
        assert set(starts) == {"--rotate 90"}  # the kiosk's own options, each time
    # A pause before each new start, so a kiosk that cannot start does not spin.
    pauses = stand.lines("pauses")
    assert len(pauses) == len(codes) - 1 and all(float(p) >= 1 for p in pauses), pauses


def test_cage_ends_with_the_kiosk_when_it_is_not_started_again(tmp_path: Path) -> None:
    """cage's program is the loop: the session on the first console ends with the last code."""
    stand = Stand(tmp_path)
    (tmp_path / "codes").write_text("4\n5\n")
    profile = autostart.install("cage", autostart.Launch(stand.kiosk), stand.env)
    done = subprocess.run(["sh", str(profile)], env=stand.env, timeout=30, check=False)
    assert done.returncode == 5
    assert len(stand.lines("starts")) == 2


# -- systemd --------------------------------------------------------------------------------

CLEAN_SIGNALS = {"SIGHUP", "SIGINT", "SIGTERM", "SIGPIPE"}  # systemd.service(5), Restart=


def systemd_restarts(service: Mapping[str, str], ended: int | str) -> bool:
    """Whether systemd starts the service again after its main process ended with this exit
    code (int) or was killed by this signal (str), by the table under Restart= in
    systemd.service(5) and the settings RestartPreventExitStatus, RestartForceExitStatus and
    SuccessExitStatus."""
    name = str(ended)
    if name in service.get("RestartPreventExitStatus", "").split():
        return False
    if name in service.get("RestartForceExitStatus", "").split():
        return True
    success = service.get("SuccessExitStatus", "").split()
    killed = isinstance(ended, str)
    clean = name in success or (ended in CLEAN_SIGNALS if killed else ended == 0)
    restart = service.get("Restart", "no")
    return {
        "no": False,
        "always": True,
        "on-success": clean,
        "on-failure": not clean,
        "on-abnormal": killed and not clean,
        "on-abort": killed and not clean,
        "on-watchdog": False,
    }[restart]


def _seconds(value: str) -> float:
    """A systemd time span as these units write it: "3", "3s", "500ms", "1min"."""
    for unit, factor in (("ms", 0.001), ("min", 60.0), ("s", 1.0)):
        if value.endswith(unit):
            return float(value[: -len(unit)]) * factor
    return float(value)


def _service(text: str) -> Mapping[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(text)
    return parser["Service"]


UNITS = {
    "written": lambda: autostart.systemd_unit(autostart.Launch(Path("/opt/kiosk/bin/kiosk"))),
    "shipped": lambda: (DEPLOY / "release-now-kiosk.service").read_text(encoding="utf-8"),
}


@pytest.mark.parametrize("unit", UNITS)
def test_the_systemd_unit_starts_the_kiosk_again_after_4_and_crashes_only(unit: str) -> None:
    service = _service(UNITS[unit]())
    again = {
        ended: systemd_restarts(service, ended)
        for ended in (0, 1, 2, 3, 4, 5, "SIGKILL", "SIGSEGV", "SIGABRT", "SIGTERM")
    }
    assert again == {
        0: False,  # staff quit it
        1: True,  # a Python crash
        2: False,
        3: False,
        4: True,  # internal error
        5: False,
        "SIGKILL": True,
        "SIGSEGV": True,
        "SIGABRT": True,
        "SIGTERM": False,  # systemd stopped it
    }
    # Not at once, and never given up: systemd refuses a sixth start within 10 s unless told
    # otherwise (DefaultStartLimitBurst=5, DefaultStartLimitIntervalSec=10s); four pauses of
    # RestartSec between five starts must take longer than that.
    pause = _seconds(service.get("RestartSec", "0.1"))
    assert pause >= 1 and 4 * pause > 10
    assert "StartLimit" not in UNITS[unit]()
