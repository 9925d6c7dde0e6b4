"""The kiosk window: covers its screen, plays the attract loop on the stage."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.cli import ASSETS
from kiosk.content.model import Show
from kiosk.playback import AttractLoop, Clock
from kiosk.ui.stage import SlideStage

log = logging.getLogger(__name__)


class KioskWindow(QWidget):
    """One frameless window per kiosk; the stage fills it."""

    def __init__(
        self,
        show: Show,
        folder: Path,
        language: str,
        families: tuple[str, ...],
        variable_weight: bool = True,
        clock: Clock = time.monotonic,
    ):
        super().__init__()
        self.setWindowTitle("Release N:OW")
        self.setWindowIcon(QIcon(str(ASSETS / "icon.svg")))
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.stage = SlideStage(self)
        self.stage.clock = clock
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage)
        self.show_data = show
        self.stage.set_show(show, folder, language, families, variable_weight)
        self.loop = AttractLoop([show.duration_of(s) for s in show.slides], clock)
        self._advance_timer = QTimer(self)
        self._advance_timer.setSingleShot(True)
        self._advance_timer.timeout.connect(self._on_advance_timer)
        self.stage.slide_shown.connect(self._on_slide_shown)
        self._screen: QScreen | None = None

    # -- the attract loop -------------------------------------------------------------------------

    def start(self) -> None:
        self.stage.show_index(self.loop.index, animate=False)

    def _on_slide_shown(self, index: int) -> None:
        self.loop.restart_timing()
        self._schedule_advance()
        # The next still is drawn now, in the quiet time, not when its transition starts.
        QTimer.singleShot(0, lambda: self.stage.prepare(self.loop.next_index()))

    def _schedule_advance(self) -> None:
        self._advance_timer.start(max(1, int(self.loop.remaining() * 1000)))

    def _on_advance_timer(self) -> None:
        if self.stage.in_transition:
            return
        if not self.loop.due():
            self._schedule_advance()
            return
        self.stage.show_index(self.loop.advance())

    # -- placement ------------------------------------------------------------------------------

    def show_on(self, screen: QScreen, windowed: bool, size: QSize | None) -> None:
        """Fullscreen covering the whole screen, even in an X session without a window manager."""
        self._screen = screen
        if screen.refreshRate() > 0:
            self.stage.frames.set_refresh_rate(screen.refreshRate())
        physical = screen.physicalSize()
        if physical.width() > 0 and screen.geometry().width() > 0:
            self.stage.dots_per_mm = (
                screen.geometry().width() * screen.devicePixelRatio() / physical.width()
            )
        if windowed:
            self.resize(size or QSize(1280, 720))
            self.move(screen.availableGeometry().center() - self.rect().center())
            self.show()
            return
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        # Without a window manager nobody honours the fullscreen request, so also ask for
        # the screen's exact geometry.
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.setGeometry(screen.geometry())
        screen.geometryChanged.connect(self._on_screen_geometry)

    def _on_screen_geometry(self, geometry: QRect) -> None:
        log.info("screen changed to %dx%d; laying out again", geometry.width(), geometry.height())
        self.setGeometry(geometry)


def pick_screen(number: int | None) -> QScreen:
    screens = QGuiApplication.screens()
    if number is not None and 0 <= number < len(screens):
        return screens[number]
    if number is not None:
        log.warning("no screen %d (there are %d); using the primary screen", number, len(screens))
    primary = QGuiApplication.primaryScreen()
    assert primary is not None
    return primary
