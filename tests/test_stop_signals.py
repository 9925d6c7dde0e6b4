"""A stop signal is never lost: not even one that arrives before the event loop runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.paths import ROOT

SHOW = """\
settings:
  languages: [en]
  default_language: en
  manifesto: {en: "https://releasenow.org/manifesto/"}
slides:
  - id: opening
    kind: title
    headline: {en: The time for release is NO:W}
"""

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


# The kiosk as `kiosk` starts it; it stops itself the moment a picture is on screen: "kept",
# the frame kept from the last start (up before the show), or "show", the show's own first
# frame (the kept picture stays up a moment longer, under it).
STOP_AT = """
import os, signal, sys
from pathlib import Path
from kiosk.start import KioskOptions, start_kiosk

def painted(what):
    if what == sys.argv[2]:
        print("stopping at", what, flush=True)
        os.kill(os.getpid(), signal.SIGTERM)

sys.exit(start_kiosk(Path(sys.argv[1]), KioskOptions(), on_picture=painted))
"""


def test_a_stop_while_the_kept_picture_is_up_still_stops_the_kiosk(tmp_path: Path) -> None:
    """The picture kept from the last start refuses to close on request, as the kiosk's
    window does; a stop by the system in those first moments must not be called off by it
    (it was, and a restart loop or systemd waited for ever)."""
    show = tmp_path / "show"
    show.mkdir()
    (show / "show.yaml").write_text(SHOW, encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_LOG_DIR": str(tmp_path / "log"),
        "KIOSK_CONFIG_DIR": str(tmp_path / "config"),
    }
    for moment in ("show", "kept", "show"):  # the first start keeps the frame the others show
        try:
            done = subprocess.run(
                [sys.executable, "-c", STOP_AT, str(show), moment],
                capture_output=True,
                text=True,
                timeout=60,
                cwd=ROOT,
                env=env,
            )
        except subprocess.TimeoutExpired:
            raise AssertionError(f"a stop at the {moment} picture was lost") from None
        assert done.returncode == 0, done.stderr
        assert done.stdout == f"stopping at {moment}\n"
        log = (tmp_path / "log" / "kiosk.log").read_text(encoding="utf-8")
        assert log.rstrip().endswith("stopped"), log
        assert " ERROR " not in log, log
