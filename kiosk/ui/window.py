"""The kiosk window: covers its screen, plays the attract loop, and answers visitors."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QScreen,
    QTouchEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import i18n
from kiosk.cli import ASSETS
from kiosk.content.model import Show, StorySlide
from kiosk.interaction import Mode, Swipe, VisitorSession
from kiosk.playback import AttractLoop, Clock
from kiosk.ui.controls import ControlBar, TouchButton
from kiosk.ui.overlays import CountdownOverlay, LanguageOverlay, LinkOverlay, Overlay
from kiosk.ui.slides import ImageStore
from kiosk.ui.stage import SlideStage
from kiosk.ui.stories import StoriesOverlay

log = logging.getLogger(__name__)

_PRESSES = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin}
_ENDS = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
_MOVES = {QEvent.Type.MouseMove, QEvent.Type.TouchUpdate}
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
    ):
        super().__init__()
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

        self.stage.slide_shown.connect(self._on_slide_shown)
        self.controls.previous.connect(lambda: self.go(-1))
        self.controls.next.connect(lambda: self.go(1))
        self.controls.jump.connect(self.jump_to)
        self.controls.stories.connect(self.open_stories)
        self.controls.link.connect(lambda: self._open(self.link_overlay))
        self.controls.languages.connect(lambda: self._open(self.language_overlay))
        self.language_overlay.chosen.connect(self.set_language)
        self.stories_overlay.opened.connect(self.open_story)
        self.back_button.clicked.connect(self.open_stories)
        self.countdown.stay.connect(self._stay)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def overlays(self) -> list[Overlay]:
        return [self.link_overlay, self.language_overlay, self.stories_overlay, self.countdown]

    # -- the attract loop -------------------------------------------------------------------------

    def start(self) -> None:
        self._apply_style()
        self.stage.show_index(self.loop.index, animate=False)

    def _on_slide_shown(self, index: int) -> None:
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
        if self.session.mode is not Mode.ATTRACT or self.stage.in_transition:
            return
        if not self.loop.due():
            self._schedule_advance()
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
        if index != self._story_from_overview:
            self._story_from_overview = None
            self.back_button.hide()
        self.loop.go_to(index)
        self.controls.set_position(index, self.loop.count)
        self.stage.show_index(index, animate=True, direction=direction, from_offset=from_offset)

    def open_stories(self) -> None:
        self._open(self.stories_overlay)

    def open_story(self, index: int) -> None:
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
        self.stage.set_language(code)
        self._apply_style()
        self.language_changed.emit(code)

    def _open(self, overlay: Overlay) -> None:
        for other in self.overlays:
            if other is not overlay:
                other.hide()
        overlay.apply(self.stage.style(), self.language)
        overlay.open()

    def _wake(self) -> None:
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
        self.stage.show_band = True
        if self.language != self.show_data.settings.default_language:
            self.language = self.show_data.settings.default_language
            self.stage.set_language(self.language)
            self._apply_style()
            self.language_changed.emit(self.language)
        self.loop.resume()
        if self.stage.index != 0:
            self.stage.show_index(0)
        else:
            self.stage.update()
            self._on_slide_shown(0)
        self.mode_changed.emit(Mode.ATTRACT.value)

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
        if (
            kind not in _PRESSES
            and kind not in _ENDS
            and kind not in _MOVES
            and kind
            not in (
                QEvent.Type.KeyPress,
                QEvent.Type.Wheel,
            )
        ):
            return False
        if not self._owns(watched):
            return False
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
