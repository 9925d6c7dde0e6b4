"""Bench child: start the kiosk as `kiosk` does; print when each picture is on screen.

Run as `python -m kiosk.bench.startup_child`; the parent times it from before the process starts.
Prints {"kept": t} when the first frame kept from the last start is painted (if there is one)
and {"show": t} when the show's own first frame is, then stops.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtWidgets import QApplication

from kiosk.paths import DEFAULT_CONTENT
from kiosk.start import KioskOptions, start_kiosk


def _painted(what: str) -> None:
    print(json.dumps({what: time.time()}), flush=True)
    if what == "show":
        app = QApplication.instance()
        assert app is not None
        app.exit(0)


def main() -> int:
    options = KioskOptions(windowed=True, size=(1920, 1080))
    return start_kiosk(DEFAULT_CONTENT, options, on_picture=_painted)


if __name__ == "__main__":
    sys.exit(main())
