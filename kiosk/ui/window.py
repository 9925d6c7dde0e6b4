"""The kiosk window: a view of the show state, with the stage, controls and panels."""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QResizeEvent, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.paths import ASSETS
from kiosk.platform.lockdown import Lockdown
from kiosk.playback.player import Player
from kiosk.playback.visitor_session import Mode
from kiosk.ui.controls import ControlBar
from kiosk.ui.overlays import CountdownOverlay, LanguageOverlay, LinkOverlay, Overlay
from kiosk.ui.scrub_preview import ScrubPreview
from kiosk.ui.stage import SlideStage
from kiosk.ui.stories import StoriesOverlay
from kiosk.ui.style import MM_PER_INCH, built_in_panel
from kiosk.ui.visitor_input import VisitorInput

log = logging.getLogger(__name__)

# The attract loop's next slide is drawn this long before it is due: a screen-sized picture
# that need not be held for the rest of the slide's time.
DRAW_AHEAD_S = 2.0


class KioskWindow(QWidget):
    """One frameless window per kiosk: the stage, and over it the controls and panels."""

    def __init__(
        self,
        player: Player,
        families: tuple[str, ...],
        variable_weight: bool = True,
        locked: bool = False,
    ):
        super().__init__()
        self.player = player
        self.state = state = player.state
        if player.parent() is None:
            # Qt ownership: the player and its timers end with the window, on this thread,
            # never in a garbage collection that happens to run on a worker thread.
            player.setParent(self)
        self.lockdown = Lockdown(self, locked)
        # The screen's diagonal as staff gave it in kiosk.toml (show_on); None: not given.
        self.screen_inches: float | None = None
        self.setWindowTitle("Release N:OW")
        self.setWindowIcon(QIcon(str(ASSETS / "icon.svg")))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        show = state.show
        self.stage = SlideStage(state, families, variable_weight, self)
        self.stage.clock = player.clock
        self.stage.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)

        self.controls = ControlBar(state, self)
        self.controls.hide()
        self.preview = ScrubPreview(self.stage.preview_image, self)
        self.link_overlay = LinkOverlay(state, self)
        self.language_overlay = LanguageOverlay(show.settings.languages, self)
        self.stories_overlay = StoriesOverlay(state, self)
        self.countdown = CountdownOverlay(self)
        self.back_button = self.controls.back_button
        self._overlays: list[Overlay] = [
            self.link_overlay,
            self.language_overlay,
            self.stories_overlay,
            self.countdown,
        ]

        self._prepare_after_paint = False
        self.stage.frame_painted.connect(self._on_frame_painted)
        self._draw_ahead = QTimer(self)
        self._draw_ahead.setSingleShot(True)
        self._draw_ahead.timeout.connect(self._prepare_neighbours)
        self.stage.slide_shown.connect(self._on_slide_shown)
        self.controls.previous.connect(lambda: player.go(-1))
        self.controls.next.connect(lambda: player.go(1))
        self.controls.jump.connect(player.jump_to)
        self.controls.dots.pointing.connect(self._preview_slide)
        self.controls.dots.let_go.connect(self.preview.hide_preview)
        self.controls.stories.connect(lambda: self.open_stories())
        self.controls.link.connect(lambda: self.open_overlay(self.link_overlay))
        self.controls.languages.connect(lambda: self.open_overlay(self.language_overlay))
        self.controls.text_size.connect(lambda: player.set_large_text(not state.large_text))
        self.language_overlay.chosen.connect(self._on_language_chosen)
        self.stories_overlay.opened.connect(self._on_story_chosen)
        self.countdown.stay.connect(player.visitor_input)

        state.show_replaced.connect(self._on_show_replaced)
        state.mode_changed.connect(self._on_mode_changed)
        state.hold_changed.connect(self._prepare_soon)
        state.countdown_changed.connect(self.countdown.set_seconds)
        state.language_changed.connect(self._on_language_changed)
        state.access_changed.connect(self._on_access_changed)
        state.large_text_changed.connect(self._on_large_text_changed)
        state.story_return_changed.connect(self._on_story_return_changed)

        self.input = VisitorInput(
            self,
            player,
            self.stage,
            self.lockdown,
            self.owns,
            lambda: self.open_overlay(self.link_overlay),
        )
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.input)

    @property
    def overlays(self) -> list[Overlay]:
        return list(self._overlays)

    def add_overlay(self, overlay: Overlay) -> None:
        """A panel of someone else's (staff mode's) that opens and closes like the others."""
        self._overlays.append(overlay)

    def owns(self, watched: QObject) -> bool:
        """True for the window and every widget inside it."""
        return isinstance(watched, QWidget) and (watched is self or self.isAncestorOf(watched))

    def start(self) -> None:
        self.player.start()

    # -- panels -------------------------------------------------------------------------------

    def open_overlay(self, overlay: Overlay, by_staff: bool = False) -> None:
        """Opens one panel over the show and closes the others (`by_staff`: the PIN pad or
        the staff menu, which are no visitor's doing)."""
        if overlay is self.countdown:
            # Over the link's code the countdown keeps to a strip: the code stays scannable,
            # and staying keeps the panel open.
            self.countdown.compact = self.link_overlay.isVisible()
        else:
            # A panel opened by a key or by staff: someone is here, so taps act at once.
            if by_staff:
                self.player.staff_present()
            else:
                self.player.visitor_present()
            for other in self._overlays:
                if other is not overlay:
                    other.hide()
        overlay.apply(self.stage.style(), self.state.language, self.state.show.settings.languages)
        overlay.open()
        if overlay is self.link_overlay:
            self.player.link_shown()

    def open_stories(self, hidden: set[str] | None = None, language: str | None = None) -> None:
        """The stories overview: for visitors, or (with `hidden`) every story for staff to hide,
        its help in the staff's `language`."""
        overlay = self.stories_overlay
        overlay.fixed_language = language if hidden is not None else None
        if hidden is not None or overlay.hidden is not None:
            overlay.refresh(hidden)  # staff hide stories, or it is back to the visitors'
        self.open_overlay(overlay)

    def _on_story_chosen(self, index: int) -> None:
        self.stories_overlay.hide()
        self.player.open_story(index)

    def _on_language_chosen(self, code: str) -> None:
        self.language_overlay.hide()
        self.player.set_language(code)

    # -- following the show state ------------------------------------------------------------------

    def _on_slide_shown(self, index: int) -> None:
        self.player.slide_landed(index)
        self._prepare_soon()

    def _on_frame_painted(self) -> None:
        if self._prepare_after_paint:
            self._prepare_after_paint = False
            self._prepare_soon()

    def _prepare_soon(self, *_: object) -> None:
        # Neighbours are drawn in the quiet time, so a tap or swipe only has to blit.
        QTimer.singleShot(0, self, self._prepare_neighbours)

    def _prepare_neighbours(self) -> None:
        """The slides a next move can bring: both neighbours while a visitor may swipe either
        way; in the attract loop the next one, drawn shortly before it is due (a visitor's
        first swipe draws it at once). No other slide stays drawn."""
        self._draw_ahead.stop()
        state = self.state
        if not state.landed or self.stage.in_transition:
            return  # never while slides move: the landing asks again
        wanted = {state.index}
        if state.mode is Mode.ATTRACT:
            due_in = self.player.next_move_in()
            if due_in is None or due_in > DRAW_AHEAD_S:
                self.stage.keep_views(wanted)
                self.stage.rest()
                if due_in is not None:
                    self._draw_ahead.start(math.ceil((due_in - DRAW_AHEAD_S) * 1000))
                return
            wanted.add(state.neighbour(1))
        else:
            wanted |= {state.neighbour(1), state.neighbour(-1)}
        self.stage.keep_views(wanted)
        # The slide on screen first: a resting stage has let its picture go.
        for index in [state.index, *sorted(wanted - {state.index})]:
            self.stage.prepare(index)

    def _on_show_replaced(self, index: int) -> None:
        state = self.state
        show = state.show
        self.stories_overlay.refresh()
        self.language_overlay.set_languages(show.settings.languages)

    def _on_mode_changed(self, value: str) -> None:
        mode = Mode(value)
        if mode is Mode.INTERACTIVE:
            self.countdown.hide()
            self.controls.show()
            self.controls.raise_()
        elif mode is Mode.COUNTDOWN:
            self.open_overlay(self.countdown)
        else:
            self.input.forget_gesture()
            for overlay in self._overlays:
                overlay.hide()
            self.controls.hide()
            self.preview.hide_preview()
            self.preview.forget()  # the visitor has left: the next one may not slide at all
        # A visitor may swipe either way; the loop needs less. The neighbours are drawn once
        # the frame that answers the touch (controls up) is painted, so as not to delay it.
        self._prepare_after_paint = True
        self.stage.update()

    def _on_language_changed(self, code: str) -> None:
        self.apply_style()

    def _on_access_changed(self) -> None:
        self.apply_style()
        for overlay in self._overlays:
            overlay.update()

    def _on_large_text_changed(self, large: bool) -> None:
        self.controls.text_button.selected = large
        self.controls.text_button.update()

    def _on_story_return_changed(self, can_return: bool) -> None:
        self.controls.set_story_return(can_return)

    def _preview_slide(self, index: int) -> None:
        """A finger slides along the progress strip: the slide it points at, above it."""
        dots = self.controls.dots
        dot = dots.mapTo(self, dots.centre_of(index).toPoint())
        top = dots.mapTo(self, QPoint(0, 0)).y()  # the strip's, above the finger
        self.preview.point_at(index, QPointF(dot.x(), top), self.stage.style())

    # -- layout, placement, ending -----------------------------------------------------------------

    def apply_style(self) -> None:
        """Lays out the controls and open panels for the window's size, language and palette."""
        if self.width() <= 0 or self.stage.width() <= 0:
            return
        style = self.stage.style()
        language, languages = self.state.language, self.state.show.settings.languages
        band = round(style.band_height)
        self.controls.setGeometry(0, self.height() - band, self.width(), band)
        self.controls.apply(style)
        for overlay in self._overlays:
            overlay.setGeometry(self.rect())
            if overlay.isVisible():
                overlay.apply(style, language, languages)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.stage.setGeometry(self.rect())
        self.apply_style()

    def show_on(self, screen: QScreen, windowed: bool, size: QSize | None) -> None:
        """Shows the window on a screen: fullscreen and locked, or as a window to preview."""
        if screen.refreshRate() > 0:
            self.stage.frames.set_refresh_rate(screen.refreshRate())
        physical, pixels = screen.physicalSize(), screen.geometry().size()
        if self.screen_inches is not None and pixels.width() > 0:
            # Staff's word in kiosk.toml is believed over anything the screen reports.
            diagonal = math.hypot(pixels.width(), pixels.height()) * screen.devicePixelRatio()
            self.stage.dots_per_mm = diagonal / (self.screen_inches * MM_PER_INCH)
            self.stage.panel_size_trusted = True
        elif physical.width() > 0 and pixels.width() > 0:
            self.stage.dots_per_mm = pixels.width() * screen.devicePixelRatio() / physical.width()
            self.stage.panel_size_trusted = built_in_panel(screen.name())
        self.lockdown.place(screen, windowed, size)

    def quit(self) -> None:
        """Closes the window and ends the application."""
        self.lockdown.release()
        self.lockdown.window.close()  # the kiosk window, or the turned panel's view holding it
        # exit, not quit: Qt's quit first asks every window to close and is called off by one
        # that refuses; a stop is never called off.
        QApplication.exit(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.lockdown.allows_close():
            event.ignore()
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        self.lockdown.state_changed(event)
        super().changeEvent(event)
