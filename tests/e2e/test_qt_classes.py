"""The binding makes the Qt classes the kiosk's input filters need while the show is checked,
not between the check's reply and the show's first frame."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable

from kiosk.paths import ROOT
from tests.e2e.conftest import XServer

# Counts the enum classes the binding makes while a window shows its first frames with an
# application-wide filter written in Python, as the kiosk's window does (each of Qt's enums
# becomes a Python enum class when the binding first makes the class that holds it).
PROBE = textwrap.dedent(
    """
    import enum
    from PySide6.QtCore import QElapsedTimer, QObject
    from PySide6.QtWidgets import QApplication, QWidget
    from kiosk.app import create_application, meet_qt_classes

    app = create_application()
    {prepare}
    made = []
    make = enum.EnumType.__new__
    def counted(*args, **kwargs):
        made.append(args[1])
        return make(*args, **kwargs)
    enum.EnumType.__new__ = counted

    class Filter(QObject):
        def eventFilter(self, watched, event):
            return False

    input_filter = Filter()
    app.installEventFilter(input_filter)
    window = QWidget()
    window.resize(320, 200)
    window.show()
    clock = QElapsedTimer()
    clock.start()
    while clock.elapsed() < 500:
        app.processEvents()
    print(len(made))
    """
)


def _classes_made(server: XServer, prepare: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(prepare=prepare)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=server.env(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.split()[-1])


def test_met_before_the_window_the_first_frames_make_no_classes(
    xserver_factory: Callable[[int, int], XServer],
) -> None:
    server = xserver_factory(640, 480)
    assert _classes_made(server, "meet_qt_classes()") < 10


def test_without_it_the_first_frames_make_the_classes_of_all_of_qt(
    xserver_factory: Callable[[int, int], XServer],
) -> None:
    """What the above guards against is real on this binding and X (about 200 enums, 50 to
    100 ms; or it has gone, and the step with it can go)."""
    server = xserver_factory(640, 480)
    assert _classes_made(server, "") > 100
