"""Bench child: start the kiosk as `kiosk` does; print when each picture is on screen.

Run as `python -m kiosk.bench.startup_child`; the parent times it from before the process starts.
Like `kiosk`, it imports Qt only through the kiosk's start.
Prints {"kept": t} when the first frame kept from the last start is painted (if there is one),
with what was loaded by then of what that picture does not need ("loaded_at_kept"), and
{"show": t} when the show's own first frame is, with what was loaded by then of what only the
checking process needs ("loaded_at_show"), then stops.
"""

from __future__ import annotations

import json
import sys
import time

from kiosk.paths import DEFAULT_CONTENT
from kiosk.start import KioskOptions, start_kiosk

# What the kept picture does not need; each costs the start 5 to 60 ms on a small machine.
NOT_BEFORE_KEPT = (
    "pydantic",
    "PIL",
    "yaml",
    "qrcode",
    "kiosk.content.model",
    "kiosk.ui.window",
    "kiosk.content.signing",  # what is trusted goes into the frame's key as kiosk.toml says it
    "kiosk.logs",  # logging is set up once the picture is up
)
# What the show is read and checked with, in a process of its own (kiosk.content.check_process).
ONLY_IN_THE_CHECK = (
    "pydantic",
    "yaml",
    "qrcode",
    "kiosk.content.checker",
    "kiosk.content.validate",
    "PIL",
)


def loaded_heavy() -> list[str]:
    """Those of NOT_BEFORE_KEPT imported so far, and "Qt's enums" once PySide6 has made them."""
    import PySide6.QtCore

    loaded = [name for name in NOT_BEFORE_KEPT if name in sys.modules]
    if "Qt" in vars(PySide6.QtCore):  # PySide6 adds the namespace when it is first used
        loaded.append("Qt's enums")
    return loaded


def _painted(what: str) -> None:
    now = time.time()
    line: dict[str, object] = {what: now}
    if what == "kept":
        line["loaded_at_kept"] = loaded_heavy()
    if what == "show":
        line["loaded_at_show"] = [name for name in ONLY_IN_THE_CHECK if name in sys.modules]
    print(json.dumps(line), flush=True)
    if what == "show":
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        assert app is not None
        app.exit(0)


def main() -> int:
    options = KioskOptions(windowed=True, size=(1920, 1080))
    return start_kiosk(DEFAULT_CONTENT, options, on_picture=_painted)


if __name__ == "__main__":
    sys.exit(main())
