"""The stage: paints the current slide, its animation, and transitions, from cached stills."""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QEasingCurve, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHideEvent, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.content.model import Show
from kiosk.ui.attract_band import AttractBand
from kiosk.ui.frame_clock import FrameClock
from kiosk.ui.slides import ImageStore, SlideContext, SlideView, view_for
from kiosk.ui.style import LARGE_TEXT_SCALE, Palette, Style

TRANSITION_S = {"crossfade": 0.8, "slide": 0.7}
SNAP_BACK_S = 0.25
VIEW_CACHE_SIZE = 3  # current and both neighbours: every move a visitor can make


class SlideStage(QWidget):
    """Shows one slide at a time and moves between them without an empty frame."""

    slide_shown = Signal(int)  # a slide is fully on screen (its transition has ended)
    frame_painted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAutoFillBackground(False)
        self.show_data: Show | None = None
        self.folder = Path()
        self.language = ""
        self.families: tuple[str, ...] = ("sans-serif",)
        self.variable_weight = True
        self.dots_per_mm: float | None = None
        self.index = 0
        self.paused = False  # held by staff: the band shows a pause sign, not an invitation
        self._views: OrderedDict[tuple[int, str, int, int], SlideView] = OrderedDict()
        self._images: ImageStore | None = None
        self._from: QImage | None = None  # the picture leaving the screen during a transition
        self._transition_start = 0.0
        self._transition_s = 0.0
        self._transition_kind = "crossfade"
        self._direction = 1  # +1: the new slide comes from the right; -1: from the left
        self._start_progress = 0.0
        self._motion_start = 0.0
        self._easing = QEasingCurve(QEasingCurve.Type.InOutCubic)
        self._drag: float | None = None  # horizontal offset while a finger drags the slide
        self._snap_from: float | None = None  # offset a released drag springs back from
        self._snap_start = 0.0
        self.show_band = True  # the attract band; hidden while the controls are shown
        # Set by the show's settings or by staff: no movement, and the strongest contrast.
        self.reduced_motion = False
        self.high_contrast = False
        self.large_text = False  # a visitor asked for larger text
        self.clock = time.monotonic
        self.frames = FrameClock(self)
        # A slide lands when its transition's time is up, painted or not: a compositor that
        # stops asking for frames (a hidden window, a screen off) does not stop the show.
        self._landing = QTimer(self)
        self._landing.setSingleShot(True)
        self._landing.timeout.connect(self.land_if_due)
        self.band = AttractBand()

    # -- content --------------------------------------------------------------------------------

    def set_show(
        self,
        show: Show,
        folder: Path,
        language: str,
        families: tuple[str, ...],
        variable_weight: bool = True,
    ) -> None:
        self.show_data = show
        self.folder = folder
        self.language = language
        self.families = families
        self.variable_weight = variable_weight
        self._images = ImageStore(folder)
        self._views.clear()
        self.index = min(self.index, len(show.slides) - 1)

    def set_access(self, reduced_motion: bool, high_contrast: bool) -> None:
        """Reduced motion and high contrast; a change of contrast redraws every slide."""
        self.reduced_motion = reduced_motion
        if high_contrast != self.high_contrast:
            self.high_contrast = high_contrast
            self._views.clear()
        self.update()

    def set_large_text(self, large: bool) -> None:
        """Lays every slide out again with larger (or normal) text."""
        if large != self.large_text:
            self.large_text = large
            self._views.clear()
            self.update()

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self._views.clear()
            self.update()

    def style(self) -> Style:  # type: ignore[override]
        assert self.show_data is not None
        palette = (
            Palette.high_contrast()
            if self.high_contrast
            else Palette.from_theme(self.show_data.settings.theme)
        )
        return Style(
            self.width(),
            self.height(),
            palette,
            self.families,
            self.dots_per_mm,
            self.variable_weight,
            LARGE_TEXT_SCALE if self.large_text else 1.0,
        )

    def view(self, index: int) -> SlideView:
        """The laid-out view of a slide at the current size and language, cached."""
        assert self.show_data is not None and self._images is not None
        key = (index, self.language, self.width(), self.height())
        view = self._views.get(key)
        if view is None:
            context = SlideContext(self.show_data, self.language, self.style(), self._images)
            view = view_for(self.show_data.slides[index], context)
            self._views[key] = view
            while len(self._views) > VIEW_CACHE_SIZE:
                self._views.popitem(last=False)
        else:
            self._views.move_to_end(key)
        return view

    def prepare(self, index: int) -> None:
        """Lays out and draws a slide's still before it is needed, so a transition only blits."""
        if self.show_data is not None and self.width() > 0:
            self.view(index).still_image()

    # -- moving between slides -----------------------------------------------------------------

    def action_at(self, point: QPointF) -> str | None:
        """What a tap here does on the slide at rest ("link"), or None."""
        shown = self.show_data
        if self.in_transition or self.dragging or shown is None:
            return None
        if not 0 <= self.index < len(shown.slides):
            return None
        view = self.view(self.index)
        return next((action for rect, action in view.actions if rect.contains(point)), None)

    @property
    def in_transition(self) -> bool:
        return self._from is not None

    def show_index(
        self, index: int, animate: bool = True, direction: int = 1, from_offset: float = 0.0
    ) -> None:
        """Moves to a slide; a move that continues a drag slides on from where it was let go."""
        assert self.show_data is not None
        self._drag = None
        self._snap_from = None
        if animate and index == self.index and not self.in_transition and not from_offset:
            self.update()  # already there: nothing moves
            return
        if animate and not self.reduced_motion and self.isVisible() and self.width() > 0:
            self._start_transition(
                self.view(self.index).final_image(), index, direction, from_offset
            )
        else:
            self._from = None
            self.index = index
            self._motion_start = self.clock() - 3600.0  # already settled
            self.slide_shown.emit(index)
        self.update()

    def replace_show(self, show: Show, folder: Path, index: int, language: str) -> None:
        """Crossfades from the slide on screen into another show (a content swap)."""
        leaving = None
        visible = self.isVisible() and self.width() > 0
        if self.show_data is not None and visible and not self.reduced_motion:
            leaving = self.view(self.index).final_image()
        self.set_show(show, folder, language, self.families, self.variable_weight)
        index = max(0, min(index, len(show.slides) - 1))
        self._drag = None
        self._snap_from = None
        if leaving is None:
            self.index = index
            self._from = None
            self.slide_shown.emit(index)
        else:
            self.index = -1  # nothing of the new show is on screen yet
            self._start_transition(leaving, index, 1, 0.0, kind="crossfade")
        self.update()

    def _start_transition(
        self, leaving: QImage, index: int, direction: int, from_offset: float, kind: str = ""
    ) -> None:
        assert self.show_data is not None
        self._from = leaving
        dragged = from_offset != 0.0
        self._transition_kind = kind or ("slide" if dragged else self.show_data.settings.transition)
        self._direction = -1 if direction < 0 else 1
        self._start_progress = min(0.95, abs(from_offset) / max(1, self.width()))
        full = TRANSITION_S[self._transition_kind]
        self._transition_s = max(0.15, full * (1.0 - self._start_progress))
        self._easing = QEasingCurve(
            QEasingCurve.Type.OutCubic if dragged else QEasingCurve.Type.InOutCubic
        )
        self._transition_start = self.clock()
        # The slide's own motion (bars growing) begins as it lands.
        self._motion_start = self._transition_start + self._transition_s
        self.index = index
        self.view(index).still_image()
        self.frames.run()
        self._landing.start(math.ceil(self._transition_s * 1000))

    # -- dragging -------------------------------------------------------------------------------

    @property
    def dragging(self) -> bool:
        return self._drag is not None

    def neighbour(self, step: int) -> int:
        assert self.show_data is not None
        return (self.index + step) % len(self.show_data.slides)

    def drag_to(self, offset: float) -> None:
        """The slide follows the finger; the neighbour it would reveal comes along."""
        if self.in_transition:
            return
        self._snap_from = None
        self._drag = max(-self.width(), min(self.width(), offset))
        self.update()

    def snap_back(self) -> None:
        if self._drag and not self.reduced_motion:
            self._snap_from = self._drag
            self._snap_start = self.clock()
            self.frames.run()
        self._drag = None
        self.update()

    def land_if_due(self) -> None:
        """Lands the slide if its transition's time is up by the stage's clock (its landing
        timer calls this; so may whoever moves a replaced clock)."""
        if self._from is None:
            return
        left = self._transition_start + self._transition_s - self.clock()
        if left > 0:
            self._landing.start(max(1, math.ceil(left * 1000)))
            return
        self._finish_transition()
        self.update()

    def _finish_transition(self) -> None:
        self._landing.stop()
        self._from = None
        self.slide_shown.emit(self.index)

    # -- painting -----------------------------------------------------------------------------

    def paint_frame(self, painter: QPainter) -> None:
        """One frame of whatever is on stage now; also used to render slides to files.

        Every frame decides whether another one is needed: the frame clock runs only while
        something on stage still moves, and stops on the first frame where nothing does.
        """
        moving = self._paint_stage(painter)
        if self.show_band and self.show_data is not None:
            style = self.view(self.index).style
            count = len(self.show_data.slides)
            self.band.paint(painter, style, self.language, count, self.index, self.paused)
        if moving:
            self.frames.run()
        else:
            self.frames.stop()

    def _paint_stage(self, painter: QPainter) -> bool:
        """Paints the slide area; True while the picture will differ in the next frame."""
        if self.show_data is None:
            painter.fillRect(self.rect(), QColor("#000000"))
            return False
        now = self.clock()
        view = self.view(self.index)
        if self._drag is not None:
            self._paint_dragged(painter, view, self._drag)
            return False  # the finger moves it; a still finger needs no frames
        if self._snap_from is not None:
            t = (now - self._snap_start) / SNAP_BACK_S
            if t < 1.0:
                eased = QEasingCurve(QEasingCurve.Type.OutCubic).valueForProgress(t)
                self._paint_dragged(painter, view, self._snap_from * (1.0 - eased))
                return True
            self._snap_from = None
        elif self._from is not None:
            progress = (now - self._transition_start) / self._transition_s
            if progress < 1.0:
                self._paint_transition(
                    painter, self._from, view, self._easing.valueForProgress(progress)
                )
                return True
            # Time is up: the slide is drawn settled; it lands on the landing timer, not here.
        return self._paint_settled(painter, view, now)

    def _paint_settled(self, painter: QPainter, view: SlideView, now: float) -> bool:
        if view.animation_s and not self.reduced_motion:
            progress = (now - self._motion_start) / view.animation_s
            if progress < 1.0:
                painter.drawImage(0, 0, view.still_image())
                painter.setRenderHints(
                    QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                )
                view.paint_motion(painter, max(0.0, progress))
                return True
        painter.drawImage(0, 0, view.final_image())
        return False

    def _paint_dragged(self, painter: QPainter, view: SlideView, offset: float) -> None:
        painter.drawImage(QPointF(offset, 0), view.final_image())
        if offset < 0:
            painter.drawImage(
                QPointF(offset + self.width(), 0), self.view(self.neighbour(1)).final_image()
            )
        elif offset > 0:
            painter.drawImage(
                QPointF(offset - self.width(), 0), self.view(self.neighbour(-1)).final_image()
            )

    def _paint_transition(
        self, painter: QPainter, old: QImage, entering: SlideView, t: float
    ) -> None:
        new = entering.still_image()
        if self._transition_kind == "slide":
            progress = self._start_progress + (1.0 - self._start_progress) * t
            shift = self.width() * progress * self._direction
            painter.drawImage(QPointF(-shift, 0), old)
            painter.drawImage(QPointF(self._direction * self.width() - shift, 0), new)
        else:
            # Both images are opaque: the new one over the old at rising opacity is a crossfade.
            painter.drawImage(0, 0, old)
            painter.setOpacity(t)
            painter.drawImage(0, 0, new)
            painter.setOpacity(1.0)

    def set_paused(self, paused: bool) -> None:
        if paused != self.paused:
            self.paused = paused
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint_frame(painter)
        painter.end()
        self.frame_painted.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        self.frames.stop()  # nothing on screen to move; the first frame when shown decides
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Stills are per size; the old ones are dropped and the current one redrawn.
        self._views.clear()
        self._from = None
        super().resizeEvent(event)
