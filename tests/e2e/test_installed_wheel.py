"""The kiosk as event staff get it: a wheel installed into a fresh virtual environment outside
the checkout, used from another folder. Fails when the wheel misses a file the kiosk reads."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from kiosk import __version__
from tests.e2e.conftest import ROOT, XServer, wait_for
from tests.widgets import require_tool

BACKGROUND = QColor("#101a24")
pytestmark = pytest.mark.once


def _build_wheel(source: Path, out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(source)],
        check=True,
        timeout=600,
        capture_output=True,
    )
    [wheel] = out.glob("release_now_kiosk-*.whl")
    return wheel


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv holding the wheel built from this checkout."""
    root = tmp_path_factory.mktemp("installed")
    wheel = _build_wheel(ROOT, root / "dist")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        timeout=900,
        capture_output=True,
    )
    return venv / "bin"


def _env(place: Path) -> dict[str, str]:
    """An environment that knows nothing of the checkout: no PYTHONPATH, its own folders."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("QT_", "PYTHON", "KIOSK_", "VIRTUAL_ENV"))
    }
    env.update(
        KIOSK_LOG_DIR=str(place / "log"),
        KIOSK_DATA_DIR=str(place / "data"),
        KIOSK_CONFIG_DIR=str(place / "config"),
    )
    return env


def _run(bin_dir: Path, place: Path, *args: str, timeout: float = 300) -> str:
    done = subprocess.run(
        [str(bin_dir / "kiosk"), *args],
        cwd=place,
        env=_env(place),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _python(bin_dir: Path, place: Path, code: str) -> str:
    """What the installed Python prints running `code`."""
    done = subprocess.run(
        [str(bin_dir / "python"), "-c", code],
        cwd=place,
        env=_env(place),
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_the_installed_commands_work_from_any_folder(installed: Path, tmp_path: Path) -> None:
    assert _run(installed, tmp_path, "--version").strip() == f"kiosk {__version__}"
    where = _python(installed, tmp_path, "import kiosk.paths as p; print(p.DEFAULT_CONTENT)")
    assert not where.startswith(str(ROOT)) and "site-packages" in where
    # The kiosk's words in other languages come with it (its compiled catalogs).
    words = _python(
        installed, tmp_path, "from kiosk import i18n; print(i18n.text('sources', 'be'))"
    )
    assert words == "Крыніцы"
    # The one warning of the default show, and of a new one: no imprint for handouts yet.
    assert _run(installed, tmp_path, "validate").splitlines()[-1] == "0 errors, 1 warning"
    _run(installed, tmp_path, "render", "--out", "renders", "--size", "640x360")
    assert len(list((tmp_path / "renders").glob("*.png"))) == 17
    _run(installed, tmp_path, "handout", "--out", "flyer.pdf")
    assert (tmp_path / "flyer.pdf").read_bytes().startswith(b"%PDF")
    _run(installed, tmp_path, "init", "event")
    assert _run(installed, tmp_path, "validate", "event").splitlines()[-1] == (
        "0 errors, 1 warning"
    )


def _start(installed: Path, server: XServer, place: Path) -> subprocess.Popen[bytes]:
    env = {**_env(place), "DISPLAY": server.display, "QT_QPA_PLATFORM": "xcb"}
    return subprocess.Popen(
        [str(installed / "kiosk")],
        cwd=place,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_the_installed_kiosk_plays_the_default_show(
    installed: Path, xserver_factory: Callable[[int, int], XServer], tmp_path: Path
) -> None:
    server = xserver_factory(1280, 720)
    process = _start(installed, server, tmp_path)
    try:
        wait_for(
            lambda: server.screenshot(tmp_path / "shot.png").pixelColor(1, 1) == BACKGROUND,
            timeout=30,
        )
        assert process.poll() is None
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0


def test_an_update_keeps_settings_counts_and_hidden_stories(
    installed: Path, xserver_factory: Callable[[int, int], XServer], tmp_path: Path
) -> None:
    place = tmp_path / "kiosk-pc"
    (place / "config").mkdir(parents=True)
    (place / "config" / "kiosk.toml").write_text('staff_pin = "2105"\nstaff_language = "de"\n')
    (place / "data").mkdir()
    (place / "data" / "state.json").write_text(
        json.dumps({"hidden_stories": ["story-teacher"], "high_contrast": True})
    )
    # The kiosk runs a while and counts.
    server = xserver_factory(1280, 720)
    process = _start(installed, server, place)
    time.sleep(4)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    kept = {p.name: p.read_bytes() for p in (place / "data").iterdir() if p.is_file()}
    assert "counts.json" in kept
    before = _run(installed, place, "stats")
    # A newer version arrives as a wheel and is installed over the old one.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv*", ".git", "*.egg-info"))
    init = source / "kiosk" / "__init__.py"
    init.write_text(init.read_text().replace(f'"{__version__}"', '"99.0.0"'))
    wheel = _build_wheel(source, tmp_path / "dist")
    subprocess.run(
        [str(installed / "python"), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
        timeout=300,
        capture_output=True,
    )
    try:
        assert _run(installed, place, "--version").strip() == "kiosk 99.0.0"
        # Settings, counts and staff's choices are where they were, and the new version reads
        # them: the same counts, the hidden story still hidden, high contrast still on.
        assert {p.name: p.read_bytes() for p in (place / "data").iterdir() if p.is_file()} == kept
        assert (place / "config" / "kiosk.toml").read_text().startswith('staff_pin = "2105"')
        assert _run(installed, place, "stats") == before
        state = subprocess.run(
            [
                str(installed / "python"),
                "-c",
                "from kiosk.playback.kept import KioskState; s = KioskState.load(); "
                "print(sorted(s.hidden_stories), s.high_contrast)",
            ],
            env=_env(place),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert state == "['story-teacher'] True"
    finally:
        # Back to this checkout's version for the other tests of the session.
        subprocess.run(
            [
                str(installed / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--force-reinstall",
                str(next((installed.parent.parent / "dist").glob("*.whl"))),
            ],
            check=True,
            timeout=300,
            capture_output=True,
        )


@pytest.mark.parametrize("kind", ["labwc", "xdg"])
def test_the_autostart_entry_starts_the_installed_kiosk(
    installed: Path,
    xserver_factory: Callable[[int, int], XServer],
    tmp_path: Path,
    kind: str,
) -> None:
    """What a session does with the entry `kiosk autostart install` wrote: labwc runs its
    autostart with sh; a desktop runs the entry's Exec line. Either way the show plays."""
    home = tmp_path / "home"
    home.mkdir()
    env = {**_env(tmp_path), "HOME": str(home)}
    env.pop("XDG_CONFIG_HOME", None)
    subprocess.run(
        [str(installed / "kiosk"), "autostart", "install", f"--{kind}"],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=60,
    )
    server = xserver_factory(1280, 720)
    session = {**env, "DISPLAY": server.display, "QT_QPA_PLATFORM": "xcb"}
    if kind == "labwc":
        command = ["sh", str(home / ".config" / "labwc" / "autostart")]
    else:
        # GLib reads the entry and runs its Exec line as GNOME's session does.
        entry = home / ".config" / "autostart" / "release-now-kiosk.desktop"
        command = [require_tool("gio"), "launch", str(entry)]
    started = subprocess.Popen(command, env=session, cwd=home)
    try:
        wait_for(
            lambda: server.screenshot(tmp_path / "shot.png").pixelColor(1, 1) == BACKGROUND,
            timeout=30,
        )
    finally:
        pid = server.run("xdotool", "search", "--name", "Release N:OW", "getwindowpid").split()
        for number in pid:
            os.kill(int(number), signal.SIGTERM)
        started.wait(timeout=20)
        # The entry runs the kiosk under its restart loop, which outlives the entry: whatever
        # this installation still runs ends here, before the next test's X server takes over
        # this one's display number.
        subprocess.run(["pkill", "-TERM", "-f", str(installed)], check=False)
    assert pid, "the kiosk's window was not found"
