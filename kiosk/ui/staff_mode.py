"""Staff mode: reached by holding a corner or by keyboard, guarded by a PIN, acting on the show.

The PIN pad and the menu are panels of the kiosk window; what the menu's actions do is the
show controller's public work (pause, reload, switch folder, hide a story, access, quit).
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import i18n
from kiosk.content import LoadedShow
from kiosk.controller.folder_checks import FolderChecks
from kiosk.controller.show_controller import ShowController
from kiosk.pin_gate import PinGate
from kiosk.settings import LocalSettings
from kiosk.ui.pin_pad import PinPad
from kiosk.ui.staff_menu import StaffMenu
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

SHORTCUT = (Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
HOLD_S = 3.0  # press and hold in the staff corner this long


class StaffMode(QObject):
    """Everything staff can do while the show runs, without a keyboard if a PIN is set."""

    def __init__(self, window: KioskWindow, settings: LocalSettings):
        super().__init__(window)
        self.window = window
        self.controller: ShowController = window.controller
        self.settings = settings
        self.gate = PinGate(settings.staff_pin)
        self.pin_pad = PinPad(self.gate, window)
        self.menu = StaffMenu(window)
        window.add_overlay(self.pin_pad)
        window.add_overlay(self.menu)
        self.folders = FolderChecks(self)
        self.folders.found.connect(self._on_folders_found)
        self.folders.checked.connect(self._on_folder_checked)
        self.folders.failed.connect(self._on_folders_failed)
        self.pin_pad.accepted.connect(self.open_menu)
        self.menu.action.connect(self.act)
        self.menu.folder_chosen.connect(self._on_folder_chosen)
        self.menu.closed.connect(self.folders.cancel)
        self.controller.reloaded.connect(lambda _ok: self.show_status())
        window.stories_overlay.toggled.connect(self._on_story_toggled)
        self.hold_timer = QTimer(self)
        self.hold_timer.setSingleShot(True)
        self.hold_timer.setInterval(int(HOLD_S * 1000))
        self.hold_timer.timeout.connect(self._on_hold)
        app = QApplication.instance()
        if app is not None:
            # Installed after the window's input filter, so it sees presses and keys first.
            app.installEventFilter(self)

    # -- reaching staff mode ----------------------------------------------------------------------

    def corner(self) -> QRectF:
        side = self.window.stage.style().control_side * 1.2
        return QRectF(0, 0, side, side)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not shiboken6.isValid(self.window):
            return False  # the window is being torn down; staff mode goes with it
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self.window.owns(watched) and self._on_key(event)
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress):
            point = self._window_point(event)
            if point is not None and self.corner().contains(point) and self._in_window(watched):
                self.hold_timer.start()
        elif kind in (
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
            QEvent.Type.MouseButtonRelease,
        ):
            self.hold_timer.stop()
        elif (
            kind in (QEvent.Type.TouchUpdate, QEvent.Type.MouseMove) and self.hold_timer.isActive()
        ):
            point = self._window_point(event)
            if point is not None and not self.corner().contains(point):
                self.hold_timer.stop()
        return False

    def _in_window(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and watched.window() is self.window

    @staticmethod
    def _window_point(event: QEvent) -> QPointF | None:
        if isinstance(event, QTouchEvent):
            points = event.points()
            return points[0].scenePosition() if points else None
        if isinstance(event, QMouseEvent):
            return event.scenePosition()
        return None

    def _on_hold(self) -> None:
        if self.gate.configured:
            log.info("staff corner held: PIN pad opened")
            self.window.open_overlay(self.pin_pad)
        else:
            log.warning("staff corner held, but no PIN is set: staff mode needs the keyboard")

    def _on_key(self, event: QKeyEvent) -> bool:
        if self.pin_pad.isVisible():
            self.pin_pad.key(event)
            return True
        if event.key() == SHORTCUT[0] and event.modifiers() & SHORTCUT[1] == SHORTCUT[1]:
            if self.gate.configured:
                self.window.open_overlay(self.pin_pad)
            else:
                self.open_menu()
            return True
        if self.menu.isVisible():
            if event.key() == Qt.Key.Key_Escape:
                self.menu.dismiss()
                return True
            # With a keyboard, 1 to 9 choose the menu's items in order.
            text = event.text()
            if text.isdigit() and 1 <= int(text) <= len(StaffMenu.ACTIONS):
                self.act(StaffMenu.ACTIONS[int(text) - 1])
                return True
        return False

    def open_menu(self) -> None:
        log.info("staff menu opened")
        self.window.open_overlay(self.menu)
        self.show_status()

    def show_status(self) -> None:
        self.menu.show_lines(self.controller.status_lines())

    # -- actions ----------------------------------------------------------------------------------

    def act(self, name: str) -> None:
        """Does what a menu item says (the menu's buttons and the keys 1 to 9 call this)."""
        controller = self.controller
        log.info("staff: %s", name)
        if name == "resume":
            controller.set_paused(False)
            self.menu.dismiss()
        elif name == "pause_here":
            controller.set_paused(True)
            self.menu.dismiss()
        elif name == "reload":
            self.menu.show_lines([i18n.text("checking", controller.language)])
            controller.reload()
        elif name == "switch_folder":
            self.menu.show_lines([i18n.text("checking", controller.language)])
            self.folders.start(self.settings.content_roots, controller.folder)
        elif name == "hide_story":
            self.menu.dismiss()
            self.window.open_stories(hidden=controller.hidden_stories)
        elif name == "reduced_motion":
            controller.set_staff_access(reduced_motion=not controller.staff_reduced_motion)
            self._mark(name, controller.staff_reduced_motion)
        elif name == "high_contrast":
            controller.set_staff_access(high_contrast=not controller.staff_high_contrast)
            self._mark(name, controller.staff_high_contrast)
        elif name == "status":
            self.show_status()
        elif name == "quit":
            log.warning("staff quit the kiosk")
            controller.quit()

    def _mark(self, name: str, on: bool) -> None:
        self.menu.buttons[name].selected = on
        self.menu.buttons[name].update()
        self.show_status()

    def _on_story_toggled(self, slide_id: str) -> None:
        controller = self.controller
        controller.set_story_hidden(slide_id, slide_id not in controller.hidden_stories)
        self.window.open_stories(hidden=controller.hidden_stories)

    def _on_folders_found(self, folders: list[Path]) -> None:
        checking = i18n.text("checking", self.controller.language)
        self.menu.set_folders([(str(p), f"{p} — {checking}") for p in folders])

    def _on_folder_checked(self, path: Path, loaded: LoadedShow) -> None:
        mark = "✓" if loaded.report.ok else "✗"
        self.menu.set_folder_label(str(path), f"{mark} {path} — {loaded.report.summary()}")

    def _on_folders_failed(self, message: str) -> None:
        self.menu.show_lines([message])

    def _on_folder_chosen(self, path: str) -> None:
        loaded = self.folders.results.get(Path(path))
        if loaded is None:
            return  # still being checked
        if not loaded.report.ok:
            self.menu.show_lines(
                [f"{path}: not switched", *[d.format() for d in loaded.report.sorted()]]
            )
            return
        self.folders.cancel()
        self.controller.switch_to(loaded)
        self.menu.dismiss()
