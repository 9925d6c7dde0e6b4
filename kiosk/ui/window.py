"""The kiosk window: covers its screen, plays the attract loop, and answers visitors."""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QIcon,
    QInputDevice,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QScreen,
    QTouchEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import i18n
from kiosk.cli import ASSETS
from kiosk.content import LoadedShow
from kiosk.content.model import CallToActionSlide, Show, StorySlide
from kiosk.counts import FLUSH_AFTER_S, Counts
from kiosk.interaction import Mode, Swipe, VisitorSession
from kiosk.local import KioskState
from kiosk.playback import AttractLoop, Clock
from kiosk.schedule import active_slides
from kiosk.ui.controls import ControlBar, TouchButton
from kiosk.ui.overlays import CountdownOverlay, LanguageOverlay, LinkOverlay, Overlay
from kiosk.ui.slides import ImageStore
from kiosk.ui.stage import SlideStage
from kiosk.ui.stories import StoriesOverlay

log = logging.getLogger(__name__)

_PRESSES = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin}
_ENDS = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
_MOVES = {QEvent.Type.MouseMove, QEvent.Type.TouchUpdate}
_INPUT = _PRESSES | _ENDS | _MOVES | {QEvent.Type.KeyPress, QEvent.Type.Wheel}
CURSOR_HIDE_MS = 3000
_NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
_PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_PageUp}


class KioskWindow(QWidget):
    """One frameless window per kiosk: the stage, and over it the controls and panels."""

    mode_changed = Signal(str)
    language_changed = Signal(str)

    def __init__(
        self,
        show: Show,
        folder: Path,
        language: str,
        families: tuple[str, ...],
        variable_weight: bool = True,
        clock: Clock = time.monotonic,
        state: KioskState | None = None,
        counts: Counts | None = None,
        locked: bool = False,
        wall_clock: Callable[[], datetime.datetime] = datetime.datetime.now,
    ):
        super().__init__()
        self.wall_clock = wall_clock  # local time, for slides that play on given days or hours
        self.state = state or KioskState()
        self.counts = counts or Counts(None)
        self.locked = locked  # a fullscreen kiosk refuses to close, minimise or lose focus
        self.full_show = show
        self.folder = folder
        self.staff_paused = False
        # Staff may switch these on for the whole event, whatever the show says.
        self.staff_reduced_motion = False
        self.staff_high_contrast = False
        self._quitting = False
        self._pending: LoadedShow | None = None
        self.started_at = time.monotonic()
        show = self._visible(show)
        self.setWindowTitle("Release N:OW")
        self.setWindowIcon(QIcon(str(ASSETS / "icon.svg")))
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.show_data = show
        self.language = language
        self._clock = clock
        self.stage = SlideStage(self)
        self.stage.clock = clock
        self.stage.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.stage.set_show(show, folder, language, families, variable_weight)
        self.loop = AttractLoop([show.duration_of(s) for s in show.slides], clock)
        self.session = VisitorSession(show.settings.idle_timeout, clock)

        self.controls = ControlBar(self)
        self.controls.hide()
        self.link_overlay = LinkOverlay(show, self)
        self.language_overlay = LanguageOverlay(show.settings.languages, self)
        self.stories_overlay = StoriesOverlay(show, ImageStore(folder), self)
        self.countdown = CountdownOverlay(self)
        self.back_button = TouchButton("back", self)
        self.back_button.hide()
        self._story_from_overview: int | None = None

        self._advance_timer = QTimer(self)
        self._advance_timer.setSingleShot(True)
        self._advance_timer.timeout.connect(self._on_advance_timer)
        self._session_timer = QTimer(self)
        self._session_timer.setSingleShot(True)
        self._session_timer.timeout.connect(self._on_session_timer)
        self._swipe: Swipe | None = None
        self._swallowing = False
        self._screen: QScreen | None = None
        self._cursor_timer = QTimer(self)
        self._cursor_timer.setSingleShot(True)
        self._cursor_timer.setInterval(CURSOR_HIDE_MS)
        self._cursor_timer.timeout.connect(self._hide_cursor)
        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(int(FLUSH_AFTER_S * 1000))
        self._flush_timer.timeout.connect(self.counts.flush)
        self._flush_timer.start()
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._watching_screens = False
        # Staff mode plugs in here: it sees every key first (its shortcut, its PIN pad).
        self.key_hook: Callable[[QKeyEvent], bool] | None = None
        self.extra_overlays: list[Overlay] = []

        self.stage.slide_shown.connect(self._on_slide_shown)
        self.controls.previous.connect(lambda: self.go(-1))
        self.controls.next.connect(lambda: self.go(1))
        self.controls.jump.connect(self.jump_to)
        self.controls.stories.connect(self.open_stories)
        self.controls.link.connect(lambda: self._open(self.link_overlay))
        self.controls.languages.connect(lambda: self._open(self.language_overlay))
        self.controls.text_size.connect(lambda: self.set_large_text(not self.stage.large_text))
        self.language_overlay.chosen.connect(self.set_language)
        self.stories_overlay.opened.connect(self.open_story)
        self.back_button.clicked.connect(self.open_stories)
        self.countdown.stay.connect(self._stay)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def overlays(self) -> list[Overlay]:
        return [
            self.link_overlay,
            self.language_overlay,
            self.stories_overlay,
            self.countdown,
            *self.extra_overlays,
        ]

    # -- the attract loop -------------------------------------------------------------------------

    def apply_access(self) -> None:
        settings = self.show_data.settings
        self.stage.set_access(
            settings.reduced_motion or self.staff_reduced_motion,
            settings.high_contrast or self.staff_high_contrast,
        )
        self._apply_style()
        for overlay in self.overlays:
            overlay.update()

    def start(self) -> None:
        self.apply_access()
        self.stage.show_index(self.loop.index, animate=False)

    def _on_slide_shown(self, index: int) -> None:
        slide = self.show_data.slides[index]
        self.counts.add("slides_shown", slide.id)
        if isinstance(slide, CallToActionSlide):
            self.counts.add("qr_shown", slide.id)
        self.loop.go_to(index)
        self.controls.set_position(index, self.loop.count)
        if self.session.mode is Mode.ATTRACT:
            self._schedule_advance()
        # Neighbours are drawn in the quiet time, so a tap or swipe only has to blit.
        QTimer.singleShot(0, self, self._prepare_neighbours)

    def _prepare_neighbours(self) -> None:
        self.stage.prepare(self.stage.neighbour(1))
        if self.session.mode is not Mode.ATTRACT:
            self.stage.prepare(self.stage.neighbour(-1))

    def _schedule_advance(self) -> None:
        self._advance_timer.start(max(1, int(self.loop.remaining() * 1000)))

    def _on_advance_timer(self) -> None:
        if self.session.mode is not Mode.ATTRACT or self.stage.in_transition or self.staff_paused:
            return
        if not self.loop.due():
            self._schedule_advance()
            return
        if self._apply_pending(self.loop.next_index()) or self._refresh_schedule():
            return
        self.stage.show_index(self.loop.next_index())

    # -- visitors -------------------------------------------------------------------------------

    def go(self, step: int, from_offset: float = 0.0) -> None:
        self._navigate(self.stage.neighbour(step), step, from_offset)

    def jump_to(self, index: int) -> None:
        if index != self.stage.index:
            self._navigate(index, 1 if index > self.stage.index else -1)

    def go_home(self) -> None:
        self.jump_to(0)

    def _navigate(self, index: int, direction: int, from_offset: float = 0.0) -> None:
        if self._apply_pending(index):
            return
        if index != self._story_from_overview:
            self._story_from_overview = None
            self.back_button.hide()
        self.loop.go_to(index)
        self.controls.set_position(index, self.loop.count)
        self.stage.show_index(index, animate=True, direction=direction, from_offset=from_offset)

    def open_stories(self) -> None:
        overlay = self.stories_overlay
        if overlay.hidden is not None:  # staff used it to hide stories: back to the visitors' view
            overlay.set_show(self.show_data, overlay.images, None)
        self._open(overlay)

    def open_story(self, index: int) -> None:
        self.counts.add("stories_opened", self.show_data.slides[index].id)
        self.stories_overlay.hide()
        self._navigate(index, 1)
        self._story_from_overview = index
        self.back_button.show()
        self.back_button.raise_()

    def set_language(self, code: str) -> None:
        self.language_overlay.hide()
        if code not in self.show_data.settings.languages or code == self.language:
            return
        self.language = code
        self.counts.add("language_chosen", code)
        self.stage.set_language(code)
        self._apply_style()
        self.language_changed.emit(code)

    def set_large_text(self, large: bool) -> None:
        self.stage.set_large_text(large)
        self.controls.text_button.selected = large
        self.controls.text_button.update()

    def _open(self, overlay: Overlay) -> None:
        if overlay is not self.countdown and self.session.mode is not Mode.INTERACTIVE:
            # A panel opened by a key or by staff: someone is here, so taps act at once.
            before = self.session.mode
            self.session.input()
            if before is Mode.ATTRACT:
                self._wake()
            else:
                self.countdown.hide()
        for other in self.overlays:
            if other is not overlay:
                other.hide()
        overlay.apply(self.stage.style(), self.language)
        overlay.open()
        if overlay is self.link_overlay:
            self.counts.add("qr_shown", "take-the-link")

    def _wake(self) -> None:
        self.counts.add("sessions")
        self.loop.pause()
        self._advance_timer.stop()
        self.stage.show_band = False
        self.stage.update()
        self.controls.show()
        self.controls.raise_()
        self.mode_changed.emit(Mode.INTERACTIVE.value)
        self._schedule_session()

    def _stay(self) -> None:
        self.session.input()
        self.countdown.hide()
        self.mode_changed.emit(Mode.INTERACTIVE.value)
        self._schedule_session()

    def reset_to_start(self) -> None:
        """Everything as a new visitor should find it: first slide, default language, loop on."""
        self.session.reset()
        self._swipe = None
        for overlay in self.overlays:
            overlay.hide()
        self.back_button.hide()
        self._story_from_overview = None
        self.controls.hide()
        self.set_large_text(False)
        self.stage.show_band = True
        if self.language != self.show_data.settings.default_language:
            self.language = self.show_data.settings.default_language
            self.stage.set_language(self.language)
            self._apply_style()
            self.language_changed.emit(self.language)
        self.loop.resume()
        if self._apply_pending(0):
            pass
        elif self.stage.index != 0:
            self.stage.show_index(0)
        else:
            self.stage.update()
            self._on_slide_shown(0)
        self.mode_changed.emit(Mode.ATTRACT.value)

    # -- content: hidden stories, swaps at slide boundaries ------------------------------------

    def _visible(self, show: Show) -> Show:
        """The slides that may play now: not hidden by staff, and scheduled for this moment.

        Never empty: if the schedule leaves nothing, everything not hidden plays.
        """
        slides = [
            s
            for s in show.slides
            if not (isinstance(s, StorySlide) and s.id in self.state.hidden_stories)
        ] or show.slides[:1]
        return show.model_copy(update={"slides": active_slides(slides, self.wall_clock())})

    def _refresh_schedule(self) -> bool:
        """At a slide boundary: if the set of slides that may play has changed, move to it."""
        visible = self._visible(self.full_show)
        if [s.id for s in visible.slides] == [s.id for s in self.show_data.slides]:
            return False
        ids = [s.id for s in visible.slides]
        order = [s.id for s in self.full_show.slides]
        current = self.show_data.slides[self.stage.index].id
        start = order.index(current) if current in order else -1
        following = (order[(start + step) % len(order)] for step in range(1, len(order) + 1))
        self._install(index_hint=ids.index(next(i for i in following if i in ids)))
        log.info("schedule: now playing %d slides", len(ids))
        return True

    def offer_show(self, loaded: LoadedShow) -> None:
        """A new valid show: it takes over at the next slide boundary."""
        self._pending = loaded

    def _apply_pending(self, index: int) -> bool:
        """Installs a waiting show in place of the move to `index`; True if it did."""
        if self._pending is None or self._pending.show is None:
            return False
        loaded, self._pending = self._pending, None
        assert loaded.show is not None
        self.full_show = loaded.show
        self.folder = loaded.folder
        self._install(index_hint=index)
        log.info("now playing %s", loaded.folder)
        return True

    def _install(self, index_hint: int | None = None) -> None:
        """Puts self.full_show (minus hidden stories) on stage, keeping the slide if it stays."""
        current = self.show_data.slides[self.stage.index].id if self.stage.index >= 0 else None
        visible = self._visible(self.full_show)
        ids = [s.id for s in visible.slides]
        if index_hint is not None:
            index = min(index_hint, len(ids) - 1)
        elif current in ids:
            index = ids.index(current)
        else:
            index = min(max(0, self.stage.index), len(ids) - 1)
        self.show_data = visible
        settings = visible.settings
        if self.language not in settings.languages:
            self.language = settings.default_language
            self.stage.language = self.language
        self.session.idle_timeout_s = settings.idle_timeout
        was_paused = self.loop.paused
        self.loop = AttractLoop([visible.duration_of(s) for s in visible.slides], self._clock)
        if was_paused:
            self.loop.pause()
        self.link_overlay.show_data = visible
        self.stories_overlay.set_show(visible, ImageStore(self.folder))
        self.language_overlay.set_languages(settings.languages)
        self._story_from_overview = None
        self.back_button.hide()
        self.stage.replace_show(visible, self.folder, index)
        self.apply_access()

    def set_story_hidden(self, slide_id: str, hidden: bool) -> None:
        """Staff pull a story (or bring it back) everywhere at once; it is remembered."""
        self.state.set_hidden(slide_id, hidden)
        log.warning("story '%s' %s by staff", slide_id, "hidden" if hidden else "shown again")
        self._install()

    def set_staff_paused(self, paused: bool) -> None:
        self.staff_paused = paused
        if paused:
            self._advance_timer.stop()
        elif self.session.mode is Mode.ATTRACT:
            self._schedule_advance()

    def quit_kiosk(self) -> None:
        self._quitting = True
        self.counts.flush()
        self.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def _schedule_session(self) -> None:
        wait = self.session.seconds_to_next_change()
        if wait != float("inf"):
            self._session_timer.start(max(1, int(wait * 1000)))

    def _on_session_timer(self) -> None:
        before = self.session.mode
        mode = self.session.tick()
        if mode is Mode.COUNTDOWN:
            if before is not Mode.COUNTDOWN:
                self._open(self.countdown)
                self.mode_changed.emit(Mode.COUNTDOWN.value)
            self.countdown.set_seconds(self.session.seconds_left())
        elif mode is Mode.ATTRACT and before is Mode.COUNTDOWN:
            self.reset_to_start()
            return
        self._schedule_session()

    # -- input --------------------------------------------------------------------------------

    def _owns(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and (watched is self or self.isAncestorOf(watched))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu and self._owns(watched):
            return True  # no menus for visitors to find
        if watched is self.windowHandle() and kind in _MOVES | {QEvent.Type.TouchBegin}:
            # The window handle sees every pointer move, also where no widget tracks the mouse.
            self._track_cursor(event)
            return False
        if kind not in _INPUT or not self._owns(watched):
            return False
        if isinstance(event, QTouchEvent):
            self._hide_cursor()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self.key_hook is not None and self.key_hook(event):
                return True
            refused = self._refused_key(event)
            if refused:
                log.warning("refused %s", refused)
                return True
        if self._swallowing:
            # The rest of a touch that only woke the kiosk, or kept it from returning to start.
            if kind in _ENDS:
                self._swallowing = False
            return True
        if kind in _PRESSES or kind in (QEvent.Type.KeyPress, QEvent.Type.Wheel):
            before = self.session.mode
            if self.session.input():
                if before is Mode.ATTRACT:
                    self._wake()
                else:
                    self._stay()
                if kind in _PRESSES:
                    self._swallowing = True
                    return True
            self._schedule_session()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._on_key(event)
        if watched is self.stage:
            return self._on_stage_input(event)
        return False

    def _refused_key(self, event: QKeyEvent) -> str | None:
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

    def _track_cursor(self, event: QEvent) -> None:
        """The pointer shows while a mouse moves, hiding 3 s later or as soon as touch is used."""
        if isinstance(event, QTouchEvent):
            self._hide_cursor()
        elif isinstance(event, QMouseEvent) and event.type() == QEvent.Type.MouseMove:
            device = event.pointingDevice()
            if device is None or device.type() != QInputDevice.DeviceType.TouchScreen:
                if self.cursor().shape() != Qt.CursorShape.ArrowCursor:
                    self.setCursor(Qt.CursorShape.ArrowCursor)
                self._cursor_timer.start()

    def _hide_cursor(self) -> None:
        self._cursor_timer.stop()
        if self.cursor().shape() != Qt.CursorShape.BlankCursor:
            self.setCursor(Qt.CursorShape.BlankCursor)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked and not self._quitting:
            log.warning("refused a request to close the kiosk window")
            event.ignore()
            return
        self.counts.flush()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if (
            self.locked
            and event.type() == QEvent.Type.WindowStateChange
            and self.windowState() & Qt.WindowState.WindowMinimized
        ):
            log.warning("refused to minimise; back to fullscreen")
            QTimer.singleShot(0, self, self._restore_fullscreen)
        super().changeEvent(event)

    def _restore_fullscreen(self) -> None:
        self.setWindowState(Qt.WindowState.WindowFullScreen)
        if self._screen is not None:
            self.setGeometry(self._screen.geometry())
        self.show()
        self.raise_()
        self.activateWindow()

    def _on_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _NEXT_KEYS:
            self.go(1)
        elif key in _PREVIOUS_KEYS:
            self.go(-1)
        elif key == Qt.Key.Key_Home:
            self.go_home()
        else:
            return False
        return True

    def _on_stage_input(self, event: QEvent) -> bool:
        point = self._point_of(event)
        if point is None:
            return False
        kind = event.type()
        if kind in _PRESSES:
            self._swipe = Swipe(self.stage.width(), point.x(), point.y(), self._clock)
        elif kind in _MOVES and self._swipe is not None:
            offset = self._swipe.move(point.x(), point.y())
            if offset is not None:
                self.stage.drag_to(offset)
        elif kind in _ENDS and self._swipe is not None:
            swipe, self._swipe = self._swipe, None
            if kind == QEvent.Type.TouchCancel:
                self.stage.snap_back()
                return True
            step = swipe.finish(point.x(), point.y())
            if step:
                self.go(step, from_offset=point.x() - swipe.start_x)
            elif step == 0:
                self.stage.snap_back()
        event.accept()
        return True

    @staticmethod
    def _point_of(event: QEvent) -> QPointF | None:
        if isinstance(event, QTouchEvent):
            points = event.points()
            return points[0].position() if points else None
        if isinstance(event, QMouseEvent):
            if event.type() == QEvent.Type.MouseMove and not event.buttons():
                return None
            return event.position()
        return None

    # -- layout and placement -------------------------------------------------------------------

    def _apply_style(self) -> None:
        if self.width() <= 0 or self.stage.width() <= 0:
            return
        style = self.stage.style()
        band = round(style.band_height)
        self.controls.setGeometry(0, self.height() - band, self.width(), band)
        has_stories = any(isinstance(s, StorySlide) for s in self.show_data.slides)
        multilingual = len(self.show_data.settings.languages) > 1
        self.controls.apply(style, self.language, multilingual, has_stories)
        self.back_button.set_style(style, style.control_side)
        self.back_button.set_label(i18n.text("all_stories", self.language))
        self.back_button.move(round(style.margin_x), round(style.margin_y * 0.4))
        for overlay in self.overlays:
            overlay.setGeometry(self.rect())
            if overlay.isVisible():
                overlay.apply(style, self.language)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.stage.setGeometry(self.rect())
        self._apply_style()

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
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and not self._watching_screens:
            app.screenRemoved.connect(self._on_screen_removed)
            self._watching_screens = True

    def _on_screen_geometry(self, geometry: QRect) -> None:
        log.info("screen changed to %dx%d; laying out again", geometry.width(), geometry.height())
        self.setGeometry(geometry)

    def _on_screen_removed(self, screen: QScreen) -> None:
        if screen is not self._screen:
            return
        remaining = QGuiApplication.primaryScreen()
        if remaining is None or remaining is screen:
            log.error("the kiosk's screen is gone and no other is left")
            return
        log.warning("the kiosk's screen was removed; moving to %s", remaining.name())
        self.show_on(remaining, windowed=False, size=None)


def pick_screen(number: int | None) -> QScreen:
    screens = QGuiApplication.screens()
    if number is not None and 0 <= number < len(screens):
        return screens[number]
    if number is not None:
        log.warning("no screen %d (there are %d); using the primary screen", number, len(screens))
    primary = QGuiApplication.primaryScreen()
    assert primary is not None
    return primary
