"""Before Qt loads: a missing display or library gets a message saying what to do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.platform import system
from tests.widgets import require_tool

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def test_no_display_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    problem = system.display_problem()
    assert problem is not None and problem.startswith("No display")


def test_missing_libraries_name_their_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(system, "x_server_answers", lambda display: True)
    monkeypatch.setattr(system, "unloadable", lambda names: ["libxcb-cursor.so.0"])
    monkeypatch.setattr(
        system, "missing_libraries", lambda platform="xcb": ["libxcb-cursor.so.0", "libEGL.so.1"]
    )
    assert system.display_problem() == (
        "Qt cannot open a window: these system libraries are missing: libxcb-cursor.so.0, "
        "libEGL.so.1.\nOn Debian or Ubuntu install them with:\n  sudo apt-get install libegl1 "
        "libxcb-cursor0"
    )


def test_an_x_display_nobody_answers_on_is_refused_before_qt_aborts(tmp_path: Path) -> None:
    """A session that has ended leaves DISPLAY behind: the kiosk says so and exits 3, which
    the restart loops take as "do not start again", instead of Qt aborting (and the loop
    starting it again every few seconds)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": ":987",
        "KIOSK_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, str(MAIN)], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 3
    assert "No X display: nothing answers at DISPLAY=:987" in done.stderr


def test_a_running_x_server_answers(tmp_path: Path) -> None:
    xvfb = require_tool("Xvfb")
    # Xvfb picks a free display itself: another test run on the machine may hold any number.
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not start"
        deadline = time.monotonic() + 15
        while not system.x_server_answers(f":{number}"):
            assert time.monotonic() < deadline, "Xvfb does not answer"
            time.sleep(0.05)
        assert system.x_server_answers(f":{number}.0")
        assert system.x_server_answers(f"unix:{number}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not system.x_server_answers(f":{number}")


def test_offscreen_needs_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("DISPLAY", raising=False)
    assert system.display_problem() is None


def test_a_library_the_loader_cannot_find_is_noticed() -> None:
    assert system.unloadable(["libc.so.6", "libnowhere-kiosk.so.9"]) == ["libnowhere-kiosk.so.9"]


def test_this_machine_has_what_qt_needs() -> None:
    # CI installs the packages listed in .ci/packages.txt; nothing may be missing after that,
    # and the check itself must have run (None: it could not look).
    assert system.missing_libraries("xcb") == []
    assert system.unloadable(list(system.DEBIAN_PACKAGES)) == []


def test_a_library_that_is_not_there_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt's files, and an ldd that reports what the platform plugin cannot find."""
    for path in ("lib/libQt6Gui.so.6", "plugins/platforms/libqxcb.so"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"")
    ldd = tmp_path / "ldd"
    ldd.write_text(
        "#!/bin/sh\n"
        'case "$1" in *libqxcb.so) echo "\tlibxcb-cursor.so.0 => not found" ;; esac\n'
        'echo "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)"\n'
    )
    ldd.chmod(0o755)
    monkeypatch.setattr(system, "_qt_dir", lambda: tmp_path)
    monkeypatch.setattr(shutil, "which", lambda _name: str(ldd))
    assert system.missing_libraries("xcb") == ["libxcb-cursor.so.0"]


def test_without_ldd_or_qt_the_check_says_it_could_not_look(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(system, "_qt_dir", lambda: tmp_path)  # no Qt files there
    assert system.missing_libraries("xcb") is None
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    assert system.missing_libraries("xcb") is None


def _without_display() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    return env


def test_kiosk_without_x_display_names_the_cause(tmp_path: Path) -> None:
    """QT_QPA_PLATFORM=xcb and no DISPLAY: exit 3 with the real cause, not Qt's abort (134)."""
    env = _without_display()
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    done = subprocess.run(
        [sys.executable, str(MAIN)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3, done.stderr
    assert "DISPLAY is not set" in done.stderr
    assert "xcb-cursor" not in done.stderr


@pytest.mark.parametrize("command", ["validate", "render", "handout"])
def test_drawing_commands_never_need_a_display(command: str, tmp_path: Path) -> None:
    args = {
        "validate": ["validate"],
        "render": ["render", "--out", str(tmp_path / "png"), "--size", "640x360"],
        "handout": ["handout", "--out", str(tmp_path / "h.pdf")],
    }[command]
    done = subprocess.run(
        [sys.executable, str(MAIN), *args],
        env=_without_display(),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
