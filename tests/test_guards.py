"""An exception inside a Qt slot is logged with its traceback, and the program carries on."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    from PySide6.QtCore import QTimer
    from kiosk.app import create_application, install_guards
    from kiosk.logs import configure_logging, log_dir

    configure_logging()
    install_guards(log_dir() / "crash.log")
    app = create_application()

    def broken_slot():
        return 1 / 0

    QTimer.singleShot(0, broken_slot)
    QTimer.singleShot(100, lambda: print("still running", flush=True))
    QTimer.singleShot(200, app.quit)
    raise SystemExit(app.exec())
    """
)


def test_exception_in_a_slot_is_logged_and_the_show_goes_on(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode == 0
    assert "still running" in done.stdout
    log = (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    assert "CRITICAL kiosk: uncaught exception" in log
    assert "ZeroDivisionError: division by zero" in log
    assert "in broken_slot" in log  # with its traceback
