"""A real X server (Xvfb, no window manager) and the kiosk started on it as its own process."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.widgets import require_tool

ROOT = Path(__file__).resolve().parents[2]
WINDOW_TITLE = "Release N:OW"
# Two slides: an opening for 1.5 s, then the manifesto's code, which stays.
LOOP_TO_CODE_SHOW = """\
settings:
  languages: [de, en]
  default_language: en
  slide_duration: 1.5
  manifesto: {de: "https://releasenow.org/de/manifesto", en: "https://releasenow.org/manifesto/"}
slides:
  - id: opening
    kind: title
    headline: {de: Die Zeit für Freilassungen ist JETZT, en: The time for release is NO:W}
  - id: manifesto
    kind: call_to_action
    duration: 30
    headline: {de: Unterstützen Sie das Manifest, en: Support the manifesto}
    url: {de: "https://releasenow.org/de/manifesto", en: "https://releasenow.org/manifesto/"}
"""


@dataclass
class XServer:
    display: str
    width: int
    height: int
    log_dir: Path

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND"))}
        env.update(
            DISPLAY=self.display,
            QT_QPA_PLATFORM="xcb",
            PYTHONUNBUFFERED="1",
            KIOSK_LOG_DIR=str(self.log_dir),
            KIOSK_DATA_DIR=str(self.log_dir.parent / "data"),
            KIOSK_CONFIG_DIR=str(self.log_dir.parent / "config"),
        )
        return env

    def run(self, *command: str, timeout: float = 20) -> str:
        done = subprocess.run(
            command, env=self.env(), capture_output=True, text=True, timeout=timeout, check=True
        )
        return done.stdout

    def screenshot(self, path: Path) -> QImage:
        self.run(require_tool("import"), "-window", "root", str(path))
        image = QImage(str(path))
        assert not image.isNull()
        return image


@pytest.fixture
def xserver_factory(tmp_path: Path) -> Iterator[Callable[[int, int], XServer]]:
    xvfb = require_tool("Xvfb")
    require_tool("xdotool")
    started: list[subprocess.Popen[bytes]] = []

    def start(width: int, height: int) -> XServer:
        read_end, write_end = os.pipe()
        process = subprocess.Popen(
            [
                xvfb,
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                f"{width}x{height}x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        started.append(process)
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not start"
        return XServer(f":{number}", width, height, tmp_path / "logs")

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Kiosk:
    process: subprocess.Popen[bytes]
    server: XServer
    window: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def geometry(self) -> tuple[int, int, int, int]:
        out = self.server.run("xdotool", "getwindowgeometry", "--shell", self.window)
        values = dict(line.split("=", 1) for line in out.split())
        return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])


@pytest.fixture
def start_kiosk(tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    running: list[subprocess.Popen[bytes]] = []

    def start(server: XServer, *args: str) -> Kiosk:
        log_path = tmp_path / f"kiosk-{len(running)}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, str(ROOT / "main.py"), *args],
                env=server.env(),
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        running.append(process)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert process.poll() is None, log_path.read_text(errors="replace")
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", WINDOW_TITLE],
                env=server.env(),
                capture_output=True,
                text=True,
                check=False,
            ).stdout.split()
            if found:
                return Kiosk(process, server, found[-1], log_path)
            time.sleep(0.1)
        raise AssertionError("the kiosk window did not appear")

    yield start
    for process in running:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ends a program the test started: politely, then for sure. A program started in a
    session of its own (`start_new_session`) is ended with everything it started, down to
    the helpers a message bus launched for it."""
    group = _own_group(process)
    _signal(process, group, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        _signal(process, group, signal.SIGKILL)
        process.wait(timeout=10)
    if group:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # what outlived its leader


def _own_group(process: subprocess.Popen[bytes]) -> bool:
    try:
        return process.poll() is None and os.getpgid(process.pid) == process.pid
    except ProcessLookupError:
        return False


def _signal(process: subprocess.Popen[bytes], group: bool, number: signal.Signals) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        if group:
            os.killpg(process.pid, number)
        else:
            process.send_signal(number)


def running_with(entry: str) -> list[str]:
    """The programs still running whose environment holds this entry ("NAME=value"): what a
    test started and failed to stop, wherever it was started from."""
    wanted = entry.encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            environ = (proc / "environ").read_bytes().split(b"\0")
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if wanted in environ:
            found.append(f"{proc.name} {command.strip()}")
    return found


def wait_for(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)
