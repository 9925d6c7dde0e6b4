"""Which screen the kiosk uses, and which window system it talks to.

Nothing here touches Qt's namespace of enums (`Qt.…`): PySide6 makes all of its ~90 enum
classes the first time any of them is used, about 45 ms on a small machine, and the kept first
frame goes up before that.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication, QScreen

log = logging.getLogger(__name__)


def on_wayland() -> bool:
    """True when Qt talks to a Wayland compositor (Raspberry Pi OS, GNOME, sway, cage...)."""
    return QGuiApplication.platformName().startswith("wayland")


def pick_screen(number: int | None) -> QScreen:
    """Screen `number` (0 is the first), or the primary screen."""
    screens = QGuiApplication.screens()
    if number is not None and 0 <= number < len(screens):
        return screens[number]
    if number is not None:
        log.warning("no screen %d (there are %d); using the primary screen", number, len(screens))
    primary = QGuiApplication.primaryScreen()
    assert primary is not None
    return primary
