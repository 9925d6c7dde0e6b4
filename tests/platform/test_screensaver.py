"""The kiosk asks the desktop's screen saver to stay away, over a real D-Bus session bus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

FAKE_SCREENSAVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, Slot
    from PySide6.QtDBus import QDBusConnection

    class ScreenSaver(QObject):
        @Slot(str, str, result="uint")
        def Inhibit(self, application, reason):
            print("inhibit", application, "|", reason, flush=True)
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

CLIENT = textwrap.dedent(
    """
    from PySide6.QtCore import QCoreApplication
    from kiosk.platform.screensaver import ScreenSaverInhibitor
    app = QCoreApplication([])
    inhibitor = ScreenSaverInhibitor()
    print("inhibited", inhibitor.inhibit(), inhibitor.cookie, flush=True)
    inhibitor.release()
    """
)


@pytest.fixture
def session_bus(tmp_path: Path) -> Iterator[dict[str, str]]:
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        if os.environ.get("CI"):
            pytest.fail("dbus-daemon is required in CI")
        pytest.skip("dbus-daemon is not installed")
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address"], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"}
    yield env
    process.terminate()
    process.wait(timeout=10)
    process.stdout.close()


def test_inhibit_reaches_the_screen_saver(session_bus: dict[str, str]) -> None:
    root = Path(__file__).resolve().parents[2]
    service = subprocess.Popen(
        [sys.executable, "-c", FAKE_SCREENSAVER],
        stdout=subprocess.PIPE,
        text=True,
        env=session_bus,
        cwd=root,
    )
    assert service.stdout is not None
    try:
        assert service.stdout.readline().strip() == "ready"
        done = subprocess.run(
            [sys.executable, "-c", CLIENT],
            capture_output=True,
            text=True,
            timeout=60,
            env=session_bus,
            cwd=root,
        )
        assert done.stdout.strip() == "inhibited True 42", done.stderr
    finally:
        service.terminate()
        heard, _ = service.communicate(timeout=10)
    assert "inhibit Release N:OW kiosk | the exhibition show is playing" in heard


def test_without_a_bus_the_show_still_starts(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
    }
    done = subprocess.run(
        [sys.executable, "-c", CLIENT],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0
    assert done.stdout.strip() == "inhibited False None"
