"""The kiosk asks the desktop's screen saver to stay away, over a real D-Bus session bus."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.platform.dbus_client import LOG_TO_STDOUT

ROOT = Path(__file__).resolve().parents[2]

FAKE_SCREENSAVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, Slot
    from PySide6.QtDBus import QDBusConnection

    class ScreenSaver(QObject):
        @Slot(str, str, result="uint")
        def Inhibit(self, application, reason):
            print("inhibit", application, "|", reason, flush=True)
            if sys.argv[1] == "silent":
                sys.stdin.readline()  # holds the call, never answers: ends when the test does
            return 42

    app = QCoreApplication([])
    bus = QDBusConnection.sessionBus()
    service = ScreenSaver()
    bus.registerObject("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", service,
                       QDBusConnection.RegisterOption.ExportAllSlots)
    assert bus.registerService("org.freedesktop.ScreenSaver")
    print("ready", flush=True)
    app.exec()
    """
)

# The kiosk's side, as app.py drives it: inhibit() on the GUI thread, then the event loop runs
# (here until the answer has been logged, or ten seconds). argv: the call's timeout in ms.
CLIENT = LOG_TO_STDOUT + textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QCoreApplication, QTimer
    from kiosk.platform import screensaver
    from kiosk.platform.screensaver import ScreenSaverInhibitor

    screensaver.CALL_TIMEOUT_MS = int(sys.argv[1])

    app = QCoreApplication([])
    inhibitor = ScreenSaverInhibitor()
    started = time.perf_counter()
    inhibitor.inhibit()
    print("returned after ms", round((time.perf_counter() - started) * 1000), flush=True)
    poll = QTimer(interval=10, timeout=lambda: logged and app.quit())
    poll.start()
    QTimer.singleShot(10_000, app.quit)
    app.exec()
    print("cookie", inhibitor.cookie, flush=True)
    inhibitor.release()
    """
)


@contextlib.contextmanager
def private_session_bus() -> Iterator[dict[str, str]]:
    """A session bus of the test's own: the environment that points a child process at it."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        if os.environ.get("CI"):
            pytest.fail("dbus-daemon is required in CI")
        pytest.skip("dbus-daemon is not installed")
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address"], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    try:
        address = process.stdout.readline().strip()
        yield {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"}
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@contextlib.contextmanager
def running_service(script: str, mode: str, env: dict[str, str]) -> Iterator[list[str]]:
    """A fake service on the bus; afterwards, the lines it printed (what it heard)."""
    service = subprocess.Popen(
        [sys.executable, "-c", script, mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert service.stdout is not None
    heard: list[str] = []
    try:
        assert service.stdout.readline().strip() == "ready"
        yield heard
    finally:
        service.terminate()
        out, _ = service.communicate(timeout=10)
        heard.extend(out.splitlines())


def run_child(script: str, env: dict[str, str], *args: str) -> list[str]:
    """Runs a kiosk-side script to its end; the lines it printed."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def returned_after_ms(lines: list[str]) -> int:
    (line,) = [line for line in lines if line.startswith("returned after ms ")]
    return int(line.rsplit(" ", 1)[1])


@pytest.fixture
def session_bus() -> Iterator[dict[str, str]]:
    with private_session_bus() as env:
        yield env


def test_inhibit_reaches_the_screen_saver(session_bus: dict[str, str]) -> None:
    with running_service(FAKE_SCREENSAVER, "answers", session_bus) as heard:
        lines = run_child(CLIENT, session_bus, "2000")
    assert "cookie 42" in lines
    assert "log INFO screen blanking inhibited" in lines
    assert "inhibit Release N:OW kiosk | the exhibition show is playing" in heard


def test_a_screen_saver_that_never_answers_does_not_hold_up_the_show(
    session_bus: dict[str, str],
) -> None:
    with running_service(FAKE_SCREENSAVER, "silent", session_bus) as heard:
        lines = run_child(CLIENT, session_bus, "300")
    assert "inhibit Release N:OW kiosk | the exhibition show is playing" in heard  # it got it
    assert returned_after_ms(lines) < 100  # the GUI thread went on at once
    timeouts = [line for line in lines if "did not answer" in line]
    assert timeouts == [
        "log WARNING screen saver service did not answer within 300 ms: screen blanking may "
        "not be inhibited; see docs/deploy.md"
    ]
    assert "cookie None" in lines


def test_without_a_screen_saver_the_log_says_so(session_bus: dict[str, str]) -> None:
    lines = run_child(CLIENT, session_bus, "2000")
    assert returned_after_ms(lines) < 100
    (said,) = [line for line in lines if line.startswith("log ")]
    assert said.startswith("log INFO screen saver service not available (")
    assert "org.freedesktop.ScreenSaver" in said and said.endswith("); see docs/deploy.md")
    assert "cookie None" in lines


def test_without_a_bus_the_show_still_starts() -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
    }
    lines = run_child(CLIENT, env, "2000")
    assert "cookie None" in lines
    assert (
        "log INFO no D-Bus session bus: screen blanking not inhibited here; "
        "set it off in the system (docs/deploy.md)"
    ) in lines
