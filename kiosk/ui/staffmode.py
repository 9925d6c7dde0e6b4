"""Staff mode: reached by holding a corner or by keyboard, guarded by a PIN."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QApplication

from kiosk import __version__, i18n
from kiosk.content import LoadedShow, load_show
from kiosk.local import LocalSettings
from kiosk.logs import RECENT_ERRORS
from kiosk.playback import Clock
from kiosk.staff import HOLD_S, PinGate, check_folder, find_content_folders
from kiosk.ui.staff import PinPad, StaffMenu
from kiosk.ui.watcher import ContentWatcher
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

SHORTCUT = (Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)


class StaffMode(QObject):
    """Everything staff can do while the show runs, without a keyboard if a PIN is set."""

    _checked = Signal(object, object)  # (path, LoadedShow) from a worker thread
    _reloaded = Signal(object)  # LoadedShow from a worker thread

    def __init__(
        self,
        window: KioskWindow,
        settings: LocalSettings,
        loaded: LoadedShow,
        clock: Clock = time.monotonic,
        watch: bool = True,
    ):
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.report_lines = [d.format() for d in loaded.report.sorted()]
        self.content_note = ""
        self.gate = PinGate(settings.staff_pin, clock)
        self.pin_pad = PinPad(self.gate, window)
        self.menu = StaffMenu(window)
        window.extra_overlays += [self.pin_pad, self.menu]
        window.key_hook = self._on_key
        self.pin_pad.accepted.connect(self.open_menu)
        self.menu.action.connect(self._on_action)
        self.menu.folder_chosen.connect(self._on_folder_chosen)
        self._folder_results: dict[str, LoadedShow] = {}
        self._checked.connect(self._on_folder_checked)
        self._reloaded.connect(self._on_reloaded)
        window.stories_overlay.toggled.connect(self._on_story_toggled)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(int(HOLD_S * 1000))
        self._hold.timeout.connect(self._on_hold)
        self.watcher: ContentWatcher | None = None
        if watch:
            self._watch(window.folder)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # installed after the window's: sees presses first

    # -- reaching staff mode ----------------------------------------------------------------------

    def corner(self) -> QRectF:
        side = self.window.stage.style().control_side * 1.2
        return QRectF(0, 0, side, side)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress):
            point = self._window_point(event)
            if point is not None and self.corner().contains(point) and self._in_window(watched):
                self._hold.start()
        elif kind in (
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
            QEvent.Type.MouseButtonRelease,
        ):
            self._hold.stop()
        elif kind in (QEvent.Type.TouchUpdate, QEvent.Type.MouseMove) and self._hold.isActive():
            point = self._window_point(event)
            if point is not None and not self.corner().contains(point):
                self._hold.stop()
        return False

    def _in_window(self, watched: QObject) -> bool:
        return watched is self.window or (
            hasattr(watched, "window")
            and callable(watched.window)
            and watched.window() is self.window
        )

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
            self.window._open(self.pin_pad)
        else:
            log.warning("staff corner held, but no PIN is set: staff mode needs the keyboard")

    def _on_key(self, event: QKeyEvent) -> bool:
        if self.pin_pad.isVisible():
            self.pin_pad.key(event)
            return True
        if event.key() == SHORTCUT[0] and event.modifiers() & SHORTCUT[1] == SHORTCUT[1]:
            if self.gate.configured:
                self.window._open(self.pin_pad)
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
                self._on_action(StaffMenu.ACTIONS[int(text) - 1])
                return True
        return False

    def open_menu(self) -> None:
        log.info("staff menu opened")
        self.window._open(self.menu)
        self.menu.show_lines(self.status_lines())

    # -- actions ----------------------------------------------------------------------------------

    def _on_action(self, name: str) -> None:
        window = self.window
        log.info("staff: %s", name)
        if name == "resume":
            window.set_staff_paused(False)
            self.menu.dismiss()
        elif name == "pause_here":
            window.set_staff_paused(True)
            self.menu.dismiss()
        elif name == "reload":
            self.menu.show_lines([i18n.text("checking", window.language)])
            self._in_thread(lambda: self._reloaded.emit(load_show(window.folder)))
        elif name == "switch_folder":
            self._list_folders()
        elif name == "hide_story":
            self.menu.dismiss()
            overlay = window.stories_overlay
            overlay.set_show(window.full_show, overlay.images, set(window.state.hidden_stories))
            window._open(overlay)
        elif name in ("reduced_motion", "high_contrast"):
            setattr(window, f"staff_{name}", not getattr(window, f"staff_{name}"))
            window.apply_access()
            self.menu.buttons[name].selected = getattr(window, f"staff_{name}")
            self.menu.buttons[name].update()
            self.menu.show_lines(self.status_lines())
        elif name == "status":
            self.menu.show_lines(self.status_lines())
        elif name == "quit":
            log.warning("staff quit the kiosk")
            window.quit_kiosk()

    def _on_story_toggled(self, slide_id: str) -> None:
        window = self.window
        window.set_story_hidden(slide_id, slide_id not in window.state.hidden_stories)
        overlay = window.stories_overlay
        overlay.set_show(window.full_show, overlay.images, set(window.state.hidden_stories))
        window._open(overlay)

    def _on_reloaded(self, loaded: LoadedShow) -> None:
        self.report_lines = [d.format() for d in loaded.report.sorted()]
        if loaded.report.ok:
            self.window.offer_show(loaded)
            self.window._apply_pending(self.window.stage.index)
            self.content_note = ""
        else:
            self.content_note = "reload refused: the folder has errors; the last good show plays on"
            log.error("%s\n%s", self.content_note, loaded.report.format_text())
        self.menu.show_lines(self.status_lines())

    def _list_folders(self) -> None:
        folders = find_content_folders(self.settings.content_roots, self.window.folder)
        checking = i18n.text("checking", self.window.language)
        self.menu.set_folders([(str(p), f"{p} — {checking}") for p in folders])
        self._folder_results = {}

        def check_all() -> None:
            for path in folders:
                _, loaded = check_folder(path)
                self._checked.emit(path, loaded)

        self._in_thread(check_all)

    def _on_folder_checked(self, path: Path, loaded: LoadedShow) -> None:
        self._folder_results[str(path)] = loaded
        for button in self.menu.folder_buttons:
            if button.property("path") == str(path):
                mark = "✓" if loaded.report.ok else "✗"
                button.set_label(f"{mark} {path} — {loaded.report.summary()}")
        self.menu._lay_out_folders()

    def _on_folder_chosen(self, path: str) -> None:
        loaded = self._folder_results.get(path)
        if loaded is None:
            return  # still being checked
        if not loaded.report.ok:
            self.menu.show_lines(
                [f"{path}: not switched", *[d.format() for d in loaded.report.sorted()]]
            )
            return
        log.warning("staff switched the content folder to %s", path)
        self.report_lines = [d.format() for d in loaded.report.sorted()]
        self.window.offer_show(loaded)
        self.window._apply_pending(0)
        self._watch(loaded.folder)
        self.menu.dismiss()

    # -- live content -----------------------------------------------------------------------------

    def _watch(self, folder: Path) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher.deleteLater()
        self.watcher = ContentWatcher(folder, self)
        self.watcher.show_ready.connect(self._on_show_ready)
        self.watcher.show_rejected.connect(self._on_show_rejected)
        self.watcher.folder_missing.connect(self._on_folder_missing)
        self.watcher.start()

    def _on_show_ready(self, loaded: LoadedShow) -> None:
        self.report_lines = [d.format() for d in loaded.report.sorted()]
        self.content_note = ""
        self.window.offer_show(loaded)

    def _on_show_rejected(self, loaded: LoadedShow) -> None:
        self.report_lines = [d.format() for d in loaded.report.sorted()]
        self.content_note = "new content has errors; the last good show keeps playing"

    def _on_folder_missing(self) -> None:
        self.content_note = "the content folder is gone (USB stick pulled?); playing from memory"

    # -- status -----------------------------------------------------------------------------------

    def status_lines(self) -> list[str]:
        window = self.window
        uptime = int(time.monotonic() - window.started_at)
        totals = window.counts.day_totals()
        lines = [
            f"Content: {window.folder}",
            f"Show: {len(window.show_data.slides)} slides, "
            f"languages {', '.join(window.show_data.settings.languages)}",
        ]
        if self.content_note:
            lines.append(f"Note: {self.content_note}")
        if window.state.hidden_stories:
            lines.append("Hidden stories: " + ", ".join(sorted(window.state.hidden_stories)))
        lines += [f"  {line}" for line in self.report_lines[-6:]]
        lines += [
            f"Running for {uptime // 3600} h {uptime % 3600 // 60:02d} min · version {__version__}",
            "Today: "
            + ", ".join(f"{name.replace('_', ' ')} {count}" for name, count in totals.items()),
        ]
        if window.counts.last_error:
            lines.append(window.counts.last_error)
        errors = list(RECENT_ERRORS.records)
        lines.append("Last errors: " + ("none" if not errors else ""))
        lines += [f"  {line}" for line in errors[-5:]]
        return lines

    def _in_thread(self, work: object) -> None:
        assert callable(work)
        threading.Thread(target=work, name="staff-check", daemon=True).start()
