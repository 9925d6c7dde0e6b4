"""Bench child: start the kiosk through its real start path; print when the first frame is painted.

Run as `python -m kiosk.bench.startup_child`; the parent times it from before the process starts.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtWidgets import QApplication

from kiosk.app import KioskOptions, run_kiosk
from kiosk.content import load_show
from kiosk.paths import DEFAULT_CONTENT
from kiosk.ui.window import KioskWindow


def _done(_window: KioskWindow) -> None:
    print(json.dumps({"painted": time.time()}), flush=True)
    app = QApplication.instance()
    assert app is not None
    app.exit(0)


def main() -> int:
    options = KioskOptions(windowed=True, size=(1920, 1080))
    return run_kiosk(load_show(DEFAULT_CONTENT), options, on_first_frame=_done)


if __name__ == "__main__":
    sys.exit(main())
