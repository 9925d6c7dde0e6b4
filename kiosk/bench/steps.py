"""Drives a kiosk started through its real start path: steps run on its window once the show
is on screen, each followed by the pause it asks for."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.paths import DEFAULT_CONTENT
from kiosk.start import KioskOptions, start_kiosk
from kiosk.ui.window import KioskWindow

Steps = Callable[[KioskWindow], Iterator[float]]


def run_with_steps(steps: Steps, folder: Path = DEFAULT_CONTENT) -> None:
    """Starts the kiosk on a show (the default one), windowed at 1920x1080, and runs `steps`
    on its window; each yields the seconds to wait before the next. Ends with the kiosk's exit
    code."""

    def on_picture(what: str) -> None:
        if what != "show":
            return
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow)]
        sequence = steps(window)

        def next_step() -> None:
            delay = next(sequence, None)
            if delay is not None:
                QTimer.singleShot(int(delay * 1000), next_step)

        next_step()

    options = KioskOptions(windowed=True, size=(1920, 1080))
    sys.exit(start_kiosk(folder, options, on_picture=on_picture))
