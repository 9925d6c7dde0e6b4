"""A stop signal is never lost: not even one that arrives before the event loop runs."""

from __future__ import annotations

import subprocess
import sys

from kiosk.paths import ROOT

# SIGTERM to itself after the handlers are in place and before the loop starts: the loop must
# still end (a lost stop would hang until the timeout, as systemd would wait before SIGKILL).
EARLY_STOP = """
import os, signal, sys
from PySide6.QtWidgets import QApplication
from kiosk.app import StopSignals
app = QApplication([])
stops = StopSignals(app.quit, app)
os.kill(os.getpid(), signal.SIGTERM)
code = app.exec()
stops.release()
print("stopped", code)
"""


def test_a_stop_before_the_loop_runs_still_stops_it() -> None:
    done = subprocess.run(
        [sys.executable, "-c", EARLY_STOP],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.stdout.strip() == "stopped 0", done.stderr
