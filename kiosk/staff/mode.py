"""Staff mode: reached by holding a corner or by keyboard, guarded by a PIN, acting on the show.

The PIN pad and the menu are panels of the kiosk window; what the menu's actions do is the
player's and the content source's public work (hold, reload, switch folder, hide a story,
access), and quitting is the application's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QTouchEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import i18n, typeset
from kiosk.content import LoadedShow, Show
from kiosk.settings import LocalSettings
from kiosk.source.content_source import ContentSource
from kiosk.source.folder_checks import FolderChecks
from kiosk.staff.menu import LINE_BREAK, StaffMenu
from kiosk.staff.pin_gate import PinGate
from kiosk.staff.pin_pad import PinPad
from kiosk.staff.status import StaffStatus
from kiosk.ui.style import Style
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

SHORTCUT = (Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
HOLD_S = 3.0  # press and hold in the staff corner this long
# Counts whose words take every plural form of the staff's languages, two digits wide: a
# folder's button keeps room for its check's result in any of them.
AWAITED_COUNTS = (1, 2, 5, 88)
# The room a folder's button keeps for a show's title it cannot know before the check reads
# it: as long as "Release N:OW - Standardausstellung" and a little more. A longer title is
# cut short (…) rather than grow its button under a finger.
TITLE_ROOM = "n" * 36


class StaffMode(QObject):
    """Everything staff can do while the show runs, without a keyboard if a PIN is set."""

    def __init__(
        self,
        window: KioskWindow,
        settings: LocalSettings,
        source: ContentSource,
        status: StaffStatus,
        quit_kiosk: Callable[[], None],
    ):
        super().__init__(window)
        self.window = window
        self.player = window.player
        self.state = window.state
        self.source = source
        self.status = status
        self.quit_kiosk = quit_kiosk
        self.settings = settings
        self.gate = PinGate(settings.staff_pin, refused=settings.pin_refused)
        self.pin_pad = PinPad(self.gate, window)
        self.menu = StaffMenu(window)
        # The language the kiosk started in (--lang, or the show's default): staff screens keep
        # to it, whichever language a visitor chose last.
        self._home_language = self.state.language
        self._fix_language()
        self.hold_ring = HoldRing(window)
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
        self.menu.closed.connect(self._drop_unchosen_copies)
        self._busy = False  # a reload is being checked: its result, not the status, comes next
        source.reloaded.connect(self._on_reloaded)
        source.status_changed.connect(self._refresh_status)
        self.state.hold_changed.connect(self._refresh_status)
        self.state.access_changed.connect(self._refresh_status)
        self.state.show_replaced.connect(self._on_show_replaced)
        window.stories_overlay.toggled.connect(self._on_story_toggled)
        self.hold_timer = QTimer(self)
        self.hold_timer.setSingleShot(True)
        self.hold_timer.setInterval(int(HOLD_S * 1000))
        self.hold_timer.timeout.connect(self._on_hold)
        self.hold_timer.timeout.connect(self.hold_ring.stop)
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
                self.hold_ring.start(self.corner(), self.window.stage.style(), HOLD_S)
        elif kind in (
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
            QEvent.Type.MouseButtonRelease,
        ):
            self.hold_timer.stop()
            self.hold_ring.stop()
        elif (
            kind in (QEvent.Type.TouchUpdate, QEvent.Type.MouseMove) and self.hold_timer.isActive()
        ):
            point = self._window_point(event)
            if point is not None and not self.corner().contains(point):
                self.hold_timer.stop()
                self.hold_ring.stop()
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
            self.window.open_overlay(self.pin_pad, by_staff=True)
        else:
            log.warning("staff corner held, but no PIN is set: staff mode needs the keyboard")

    def _on_key(self, event: QKeyEvent) -> bool:
        if self.pin_pad.isVisible():
            self.pin_pad.key(event)
            return True
        if event.key() == SHORTCUT[0] and event.modifiers() & SHORTCUT[1] == SHORTCUT[1]:
            if self.gate.configured:
                self.window.open_overlay(self.pin_pad, by_staff=True)
            else:
                self.open_menu()
            return True
        if self.menu.isVisible() and self.menu.asking:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.act("quit_confirmed")
            elif event.key() == Qt.Key.Key_Escape:
                self.act("quit_cancelled")
            return True
        if self.menu.isVisible():
            if event.key() == Qt.Key.Key_Escape:
                self.menu.dismiss()
                return True
            # With a keyboard, 1 to 8 choose the menu's items in order.
            text = event.text()
            if text.isdigit() and 1 <= int(text) <= len(StaffMenu.ACTIONS):
                self.act(StaffMenu.ACTIONS[int(text) - 1])
                return True
        return False

    def open_menu(self) -> None:
        log.info("staff menu opened")
        self.window.open_overlay(self.menu, by_staff=True)
        self.menu.buttons["reduced_motion"].selected = self.state.staff_reduced_motion
        self.menu.buttons["high_contrast"].selected = self.state.staff_high_contrast
        self.show_status()

    @property
    def language(self) -> str:
        """Staff screens speak kiosk.toml's staff_language, or else the language the kiosk
        started in: the event's own, not whichever a visitor chose last."""
        if self.settings.staff_language:
            return self.settings.staff_language
        settings = self.state.show.settings
        home = self._home_language
        return home if home in settings.languages else settings.default_language

    def _fix_language(self) -> None:
        for panel in (self.pin_pad, self.menu):
            panel.fixed_language = self.language

    def _on_show_replaced(self) -> None:
        """Another show may have another default language: staff screens follow it."""
        self._fix_language()
        self.window.apply_style()
        self._refresh_status()

    def show_status(self) -> None:
        self.menu.show_lines(self.status.lines(self.language))

    def _on_reloaded(self, _taken: bool) -> None:
        self._busy = False
        self.show_status()

    def _refresh_status(self, *_changed: object) -> None:
        """The status on show follows the kiosk (paused, a note, a count) while it is open."""
        showing_status = not self.menu.asking and not self.menu.folder_buttons
        if self.menu.isVisible() and showing_status and not self._busy:
            self.show_status()

    # -- actions ----------------------------------------------------------------------------------

    def act(self, name: str) -> None:
        """Does what a menu item says (the menu's buttons and the keys 1 to 9 call this)."""
        player, state = self.player, self.state
        log.info("staff: %s", name)
        if name == "resume":
            player.set_held(False)
            self.menu.dismiss()
        elif name == "pause_here":
            player.set_held(True)
            self.menu.dismiss()
            player.end_visit()  # the held slide, with the pause sign, not a visitor's controls
        elif name == "reload":
            self._busy = True
            self.menu.show_lines([i18n.text("checking", self.language)])
            self.source.reload()
        elif name == "switch_folder":
            self.menu.show_lines([i18n.text("checking", self.language)])
            self.folders.start(
                self.settings.content_roots, state.folder, self.source.trust, self.source.store
            )
        elif name == "hide_story":
            self.menu.dismiss()
            self.window.open_stories(hidden=state.hidden_stories, language=self.language)
        elif name == "reduced_motion":
            player.set_staff_access(reduced_motion=not state.staff_reduced_motion)
            self._mark(name, state.staff_reduced_motion)
        elif name == "high_contrast":
            player.set_staff_access(high_contrast=not state.staff_high_contrast)
            self._mark(name, state.staff_high_contrast)
        elif name == "quit":
            self.menu.ask_quit()
        elif name == "quit_cancelled":
            self.show_status()
        elif name == "quit_confirmed":
            log.warning("staff quit the kiosk")
            self.quit_kiosk()

    def _mark(self, name: str, on: bool) -> None:
        self.menu.buttons[name].selected = on
        self.menu.buttons[name].update()
        self.show_status()

    def _on_story_toggled(self, slide_id: str) -> None:
        state = self.state
        self.player.set_story_hidden(slide_id, slide_id not in state.hidden_stories)
        self.window.open_stories(hidden=state.hidden_stories, language=self.language)

    def _folder_label(self, path: Path, title: str, state: str) -> str:
        if path == self.state.folder:
            state = f"{state} · {i18n.text('current_show', self.language)}"
        dash = i18n.dash(self.language)
        return f"{title} {dash} {state}{LINE_BREAK}{typeset.breakable_path(str(path))}"

    def _show_title(self, path: Path, show: Show | None) -> str:
        if show is not None and show.settings.title is not None:
            return show.settings.title.get(self.language, show.settings.default_language)
        return path.name

    def _check_found(self, errors: int, warnings: int) -> str:
        language = self.language
        return (
            f"{i18n.counted('n_errors', errors, language)}, "
            f"{i18n.counted('n_warnings', warnings, language)}"
        )

    def _awaited_labels(self, path: Path) -> tuple[str, ...]:
        """The labels a folder's button may take once its check is in, for it to keep room
        for from the start: its title (the playing show's is known; another's has the room of
        its folder's name or `TITLE_ROOM`, the wider) with counts in every plural form, two
        digits wide."""
        titles: tuple[str, ...]
        if path == self.state.folder:
            titles = (self._show_title(path, self.state.show),)
        else:
            titles = (path.name, TITLE_ROOM)  # the wider of the two, as set: both are kept
        return tuple(
            self._folder_label(path, title, self._check_found(errors, warnings))
            for title in titles
            for errors in AWAITED_COUNTS
            for warnings in AWAITED_COUNTS
        )

    def _on_folders_found(self, folders: list[Path]) -> None:
        checking = i18n.text("checking", self.language)
        self.menu.set_folders(
            [(str(p), self._folder_label(p, p.name, checking)) for p in folders],
            {str(p): self._awaited_labels(p) for p in folders},
        )

    def _on_folder_checked(self, path: Path, loaded: LoadedShow) -> None:
        report = loaded.report
        found = self._check_found(len(report.errors), len(report.warnings))
        label = self._fitting_label(path, self._show_title(path, loaded.show), found)
        self.menu.set_folder_label(str(path), label, refused=not report.ok)

    def _fitting_label(self, path: Path, title: str, found: str) -> str:
        """A folder's label with its check's result, the title cut short (…) where it is
        longer than the folder's name the button kept room for: no button grows, and none
        below it moves under a finger."""
        label = self._folder_label(path, title, found)
        if self.menu.folder_label_fits(str(path), label):
            return label

        def cut(length: int) -> str:
            return self._folder_label(path, title[:length].rstrip() + "…", found)

        if not self.menu.folder_label_fits(str(path), cut(0)):
            return label  # not even "…" fits (more lines of findings): the button grows anyway
        fits, too_long = 0, len(title)  # the longest title start known to fit, and not
        while fits + 1 < too_long:
            middle = (fits + too_long) // 2
            if self.menu.folder_label_fits(str(path), cut(middle)):
                fits = middle
            else:
                too_long = middle
        return cut(fits)

    def _drop_unchosen_copies(self) -> None:
        """Folders checked for the switch and not chosen leave no copy behind."""
        if self.source.store is not None:
            self.source.store.prune()

    def _on_folders_failed(self, message: str) -> None:
        self.menu.show_lines([message])

    def _on_folder_chosen(self, path: str) -> None:
        loaded = self.folders.results.get(Path(path))
        if loaded is None:
            return  # still being checked
        if not loaded.report.ok:
            # Said under the list, which stays: staff can pick another folder at once.
            refused = i18n.text("not_switched", self.language).format(folder=path)
            found = [d.format(self.language) for d in loaded.report.sorted()]
            self.menu.explain_folders([refused, *found], about=path)
            return
        self.folders.cancel()
        self.source.switch_to(loaded)
        self.menu.dismiss()


class HoldRing(QWidget):
    """A ring filling up in the staff corner while it is held: staff see the hold counts."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._style: Style | None = None
        self._started = 0.0
        self._duration = HOLD_S
        self._ticks = QTimer(self)
        self._ticks.setInterval(33)
        self._ticks.timeout.connect(self.update)
        self.hide()

    def start(self, corner: QRectF, style: Style, duration: float) -> None:
        self._style = style
        self._duration = duration
        self._started = time.monotonic()
        self.setGeometry(corner.toAlignedRect())
        self.show()
        self.raise_()
        self._ticks.start()

    def stop(self) -> None:
        self._ticks.stop()
        self.hide()

    def progress(self) -> float:
        return min(1.0, (time.monotonic() - self._started) / self._duration)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._style is None:
            return
        palette = self._style.palette
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        width = side * 0.1
        ring = QRectF(width, width, side - 2 * width, side - 2 * width)
        painter.setPen(QPen(palette.bar, width))
        painter.drawEllipse(ring)
        pen = QPen(palette.accent, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(ring, 90 * 16, -round(360 * 16 * self.progress()))
        painter.end()
