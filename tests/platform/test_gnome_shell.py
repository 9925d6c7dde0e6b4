"""GNOME Shell's overview is closed over a real D-Bus session bus; elsewhere nothing happens."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.platform.gnome_shell import GnomeOverview
from tests.platform.dbus_client import LOG_TO_STDOUT
from tests.platform.test_screensaver import (
    private_session_bus,
    returned_after_ms,
    run_child,
    running_service,
)

# A GNOME Shell that knows one thing, OverviewActive, and prints every change asked of it.
# "slow": it takes 300 ms over the first Set, as a busy shell would; once that is answered it
# sends a malformed PropertiesChanged (which must not crash the kiosk) and then opens its
# overview again, as a swipe would. "silent": it takes the first Set and never answers.
FAKE_SHELL = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import ClassInfo, Property, QCoreApplication, QMetaType, QObject, QTimer
    from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage, QDBusVariant

    def changed(*arguments):
        signal = QDBusMessage.createSignal(
            "/org/gnome/Shell", "org.freedesktop.DBus.Properties", "PropertiesChanged")
        signal.setArguments(list(arguments))
        bus.send(signal)

    def no_names():  # an empty "as": a plain [] goes out as "av" in some PySide6 versions
        names = QDBusArgument()
        names.beginArray(QMetaType(QMetaType.Type.QString))
        names.endArray()
        return names

    @ClassInfo({"D-Bus Interface": "org.gnome.Shell"})
    class Shell(QObject):
        def __init__(self):
            super().__init__()
            self.active = True  # GNOME Shell starts in its overview
            self.sets = 0

        def get_active(self):
            return self.active

        def set_active(self, value):
            print("set OverviewActive", value, flush=True)
            self.active = value
            self.sets += 1
            if sys.argv[1] == "silent":
                sys.stdin.readline()  # holds the call, never answers: ends when the test does
            if self.sets == 1:
                time.sleep(0.3)
                QTimer.singleShot(100, self.open_again)

        def open_again(self):
            # "sa{sv}av": Qt cannot unpack it into the slot's string list and aborts if it tries.
            changed("org.gnome.Shell", {"OverviewActive": True}, [QDBusVariant("OverviewActive")])
            self.active = True
            print("opened", flush=True)
            changed("org.gnome.Shell", {"OverviewActive": True}, no_names())

        OverviewActive = Property(bool, get_active, set_active)

    app = QCoreApplication([])
    bus = QDBusConnection.sessionBus()
    shell = Shell()
    options = QDBusConnection.RegisterOption
    assert bus.registerObject("/org/gnome/Shell", "org.gnome.Shell", shell,
                              options.ExportAllSlots | options.ExportAllProperties)
    assert bus.registerService("org.gnome.Shell")
    print("ready", flush=True)
    app.exec()
    """
)

# The kiosk's side, as app.py drives it: keep_closed() on the GUI thread, then the event loop
# runs until the awaited thing happened (or ten seconds). argv: the calls' timeout in ms; what
# to wait for: "closed=N" (N closes succeeded), a text the log has to show, or "" (nothing).
CLIENT = LOG_TO_STDOUT + textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QCoreApplication, QTimer
    from kiosk.platform import gnome_shell
    from kiosk.platform.gnome_shell import GnomeOverview

    gnome_shell.CALL_TIMEOUT_MS = int(sys.argv[1])
    awaited = sys.argv[2]

    def arrived():
        if awaited.startswith("closed="):
            return overview.closed_count >= int(awaited.removeprefix("closed="))
        return any(awaited in message for message in logged)

    app = QCoreApplication([])
    overview = GnomeOverview()
    started = time.perf_counter()
    overview.keep_closed()
    print("returned after ms", round((time.perf_counter() - started) * 1000), flush=True)
    if awaited:
        poll = QTimer(interval=10, timeout=lambda: arrived() and app.quit())
        poll.start()
        QTimer.singleShot(10_000, app.quit)
        app.exec()
    print("watching", overview.watching, "closed", overview.closed_count, flush=True)
    overview.stop()
    """
)


@pytest.fixture
def session_bus() -> Iterator[dict[str, str]]:
    with private_session_bus() as env:
        yield env


def log_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("log ")]


def test_the_overview_is_closed_at_start_and_whenever_it_opens(
    session_bus: dict[str, str],
) -> None:
    with running_service(FAKE_SHELL, "slow", session_bus) as heard:
        lines = run_child(CLIENT, session_bus, "2000", "closed=2")
    # Closed at start, opened by a swipe, closed again; the malformed signal changed nothing.
    assert heard == ["set OverviewActive False", "opened", "set OverviewActive False"]
    assert returned_after_ms(lines) < 100  # a shell slow to answer holds nothing up
    assert log_lines(lines) == [
        "log INFO GNOME Shell: the overview is kept closed while the show plays",
        "log INFO GNOME Shell's overview opened over the show; closing it",
    ]
    assert "watching True closed 2" in lines


def test_a_shell_that_never_answers_does_not_hold_up_the_show(
    session_bus: dict[str, str],
) -> None:
    with running_service(FAKE_SHELL, "silent", session_bus) as heard:
        lines = run_child(CLIENT, session_bus, "300", "did not answer")
    assert heard == ["set OverviewActive False"]  # it got the call
    assert returned_after_ms(lines) < 100
    assert log_lines(lines) == [
        "log WARNING GNOME Shell did not answer within 300 ms; the show plays on"
    ]
    assert "watching True closed 0" in lines  # it may answer later: the watch stays


def test_without_gnome_shell_one_line_says_so_and_nothing_is_watched(
    session_bus: dict[str, str],
) -> None:
    lines = run_child(CLIENT, session_bus, "2000", "no GNOME Shell")
    assert returned_after_ms(lines) < 100
    assert log_lines(lines) == [
        "log INFO no GNOME Shell on the session bus: its overview is not watched"
    ]
    assert "watching False closed 0" in lines


def test_without_a_bus_nothing_is_asked_and_nothing_fails() -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
    }
    lines = run_child(CLIENT, env, "2000", "")
    assert log_lines(lines) == []
    assert "watching False closed 0" in lines


def test_a_failing_bus_never_stops_the_show(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    class BrokenBus:
        def isConnected(self) -> bool:
            raise RuntimeError("the bus went away")

    overview = GnomeOverview()
    monkeypatch.setattr(overview, "bus", BrokenBus())
    overview.keep_closed()
    assert "cannot keep GNOME Shell's overview closed; the show plays on" in caplog.text
    assert not overview.watching and overview.closed_count == 0
