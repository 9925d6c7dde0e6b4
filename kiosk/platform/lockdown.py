"""Lockdown: the kiosk window covers its screen and stays there, whatever a visitor presses.

Placement on a screen (fullscreen, also without a window manager), following the screen when
it changes or goes away, refusing close, minimise and the keys that would leave the show,
and hiding the pointer unless a mouse is moving.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QInputDevice, QKeyEvent, QMouseEvent, QScreen
from PySide6.QtWidgets import QWidget

from kiosk.platform.screens import on_wayland

log = logging.getLogger(__name__)

CURSOR_HIDE_MS = 3000
# A window that has been out of fullscreen this long (labwc drops it on an output power cycle)
# asks for it again; a compositor that refuses for good is asked at most this often.
REFULLSCREEN_MS = 1000


class Lockdown(QObject):
    """Keeps one window on its screen and the visitor inside the show."""

    def __init__(self, window: QWidget, locked: bool):
        super().__init__(window)
        self.window = window
        self.locked = locked  # a fullscreen kiosk refuses to close, minimise or lose focus
        self.releasing = False  # staff or the system are ending the show: the window may close
        self.screen: QScreen | None = None
        self.home_screen = ""  # the name of the screen the kiosk was placed on
        self._watching_screens = False
        self._refullscreen = QTimer(self)
        self._refullscreen.setSingleShot(True)
        self._refullscreen.setInterval(REFULLSCREEN_MS)
        self._refullscreen.timeout.connect(self._check_fullscreen)
        self._last_lost_report = -60.0
        self.cursor_timer = QTimer(self)
        self.cursor_timer.setSingleShot(True)
        self.cursor_timer.setInterval(CURSOR_HIDE_MS)
        self.cursor_timer.timeout.connect(self.hide_pointer)
        self.shown: list[QWidget] = [window]  # whose pointer shape follows the mouse
        window.setCursor(Qt.CursorShape.BlankCursor)
        window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def take_over(self, host: QWidget) -> None:
        """Another top-level widget (a turned panel's view) holds the kiosk window now:
        placement, refusals and the pointer apply to it."""
        self.window = host
        self.shown = [host, *self.shown]
        host.setCursor(Qt.CursorShape.BlankCursor)
        host.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    # -- placement ------------------------------------------------------------------------------

    def place(self, screen: QScreen, windowed: bool, size: QSize | None) -> None:
        """Fullscreen covering the whole screen, even in an X session without a window manager."""
        self.screen = screen
        if not self.home_screen:
            self.home_screen = screen.name()
        window = self.window
        if windowed:
            window.resize(size or QSize(1280, 720))
            window.move(screen.availableGeometry().center() - window.rect().center())
            window.show()
            return
        if on_wayland():
            # Wayland compositors place windows themselves and ignore positions and
            # "stay on top": name the output, then ask for fullscreen on it.
            window.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
            window.setScreen(screen)
            window.showFullScreen()
        else:
            window.setWindowFlags(
                Qt.WindowType.Window
                | Qt.WindowType.FramelessWindowHint
                | Qt.WindowType.WindowStaysOnTopHint
            )
            # Without a window manager nobody honours the fullscreen request, so also ask
            # for the screen's exact geometry.
            window.setGeometry(screen.geometry())
            window.showFullScreen()
            window.setGeometry(screen.geometry())
        screen.geometryChanged.connect(self._on_screen_geometry)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and not self._watching_screens:
            app.screenRemoved.connect(self.screen_removed)
            app.screenAdded.connect(self.screen_added)
            self._watching_screens = True

    def _on_screen_geometry(self, geometry: QRect) -> None:
        log.info("screen changed to %dx%d; laying out again", geometry.width(), geometry.height())
        if not on_wayland():  # on Wayland the compositor resizes a fullscreen window itself
            self.window.setGeometry(geometry)

    def screen_removed(self, screen: QScreen) -> None:
        """A screen went away: if it was the kiosk's, the show moves to the one left."""
        if screen is not self.screen:
            return
        remaining = QGuiApplication.primaryScreen()
        if remaining is None or remaining is screen:
            log.error("the kiosk's screen is gone and no other is left")
            return
        log.warning("the kiosk's screen was removed; moving to %s", remaining.name())
        self.place(remaining, windowed=False, size=None)

    def screen_added(self, screen: QScreen) -> None:
        """A screen came (back): if it is the one the kiosk was placed on, the show returns.

        Volunteers power-cycle TVs; an HDMI output that goes away and comes back is a new
        QScreen with the old name.
        """
        if not self.locked or screen is self.screen or screen.name() != self.home_screen:
            return
        log.warning("the kiosk's screen %s is back; returning to it", screen.name())
        self.place(screen, windowed=False, size=None)

    # -- what is refused ------------------------------------------------------------------------

    def refused_key(self, event: QKeyEvent) -> str | None:
        """What a key would do that a locked kiosk does not allow, or None."""
        if not self.locked:
            return None
        key, mods = event.key(), event.modifiers()
        alt = Qt.KeyboardModifier.AltModifier
        ctrl = Qt.KeyboardModifier.ControlModifier
        if key == Qt.Key.Key_Escape:
            return "the Escape key"
        if key == Qt.Key.Key_F4 and mods & alt:
            return "Alt+F4"
        if key in (Qt.Key.Key_Q, Qt.Key.Key_W) and mods & ctrl and not mods & alt:
            return "a quit shortcut"
        if key == Qt.Key.Key_Tab and mods & alt:
            return "Alt+Tab"
        return None

    def allows_close(self) -> bool:
        if self.locked and not self.releasing:
            log.warning("refused a request to close the kiosk window")
            return False
        return True

    def release(self) -> None:
        """The show is ending on purpose: the next close request is honoured."""
        self.releasing = True

    def state_changed(self, event: QEvent) -> None:
        """The window's state changed: a locked kiosk never stays minimised or windowed."""
        if not self.locked or self.releasing or event.type() != QEvent.Type.WindowStateChange:
            return
        state = self.window.windowState()
        if state & Qt.WindowState.WindowMinimized:
            log.warning("refused to minimise; back to fullscreen")
            QTimer.singleShot(0, self, self._restore_fullscreen)
        elif not state & Qt.WindowState.WindowFullScreen and not self._refullscreen.isActive():
            # Compositors pass through a windowed state while they set a window up: only a
            # window still windowed a moment later has really lost fullscreen.
            self._refullscreen.start()

    def _check_fullscreen(self) -> None:
        window = self.window
        if self.releasing or not window.isVisible():
            return
        if not window.windowState() & Qt.WindowState.WindowFullScreen:
            now = time.monotonic()
            if (
                now - self._last_lost_report >= 60
            ):  # a compositor that keeps refusing: once a minute
                log.warning("the window lost fullscreen; asking for it again")
                self._last_lost_report = now
            self._restore_fullscreen()

    def _restore_fullscreen(self) -> None:
        window = self.window
        window.setWindowState(Qt.WindowState.WindowFullScreen)
        if self.screen is not None and not on_wayland():
            window.setGeometry(self.screen.geometry())
        window.show()
        window.raise_()
        window.activateWindow()

    # -- the pointer ----------------------------------------------------------------------------

    def track_pointer(self, event: QEvent) -> None:
        """The pointer shows while a mouse moves, hiding 3 s later or as soon as touch is used."""
        if isinstance(event, QMouseEvent) and event.type() == QEvent.Type.MouseMove:
            device = event.pointingDevice()
            if device is None or device.type() != QInputDevice.DeviceType.TouchScreen:
                for widget in self.shown:
                    if widget.cursor().shape() != Qt.CursorShape.ArrowCursor:
                        widget.setCursor(Qt.CursorShape.ArrowCursor)
                self.cursor_timer.start()
        elif event.type() in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate):
            self.hide_pointer()

    def hide_pointer(self) -> None:
        self.cursor_timer.stop()
        for widget in self.shown:
            if widget.cursor().shape() != Qt.CursorShape.BlankCursor:
                widget.setCursor(Qt.CursorShape.BlankCursor)
