"""The stage: paints the current slide, its animation, and transitions, from cached stills."""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHideEvent, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk import i18n
from kiosk.content.model import Show
from kiosk.playback.state import ShowState, SlideMove
from kiosk.playback.visitor_session import Mode
from kiosk.ui.attract_band import AttractBand, BandLayout
from kiosk.ui.corner_code import CornerCode, with_corner_code
from kiosk.ui.frame_clock import FrameClock
from kiosk.ui.slides import ImageStore, SlideContext, SlideView, view_for
from kiosk.ui.slides.base import SLIDE_FORMAT
from kiosk.ui.style import LARGE_TEXT_SCALE, Palette, Style

if TYPE_CHECKING:
    from kiosk.ui.clip_sound import SoundOutput

TRANSITION_S = {"crossfade": 0.8, "slide": 0.7}
SNAP_BACK_S = 0.25
# A crossfade hands over from one slide to the next at this opacity: the slide leaving fades
# down to it over the first half, the one entering rises from it over the second. At this
# opacity words are a faint trace (under 2:1 against the background), so two texts never
# read on top of each other, and the frame never stands empty.
HANDOVER_OPACITY = 0.2
VIEW_CACHE_SIZE = 3  # current and both neighbours: every move a visitor can make
# Pictures kept decoded after a slide is drawn: a slide's picture lives on in its drawn still
# (and the stills of its neighbours stay while a visitor may swipe back), so a picture is
# decoded again only for a new layout (a turned screen, larger text). The last one is kept
# for the common case of a slide drawn twice in a row (its bars grown, then settled).
PICTURES_KEPT = 1
# How long a slide in the attract loop stands still before its drawn picture is let go.
REST_AFTER_MS = 500


class SlideStage(QWidget):
    """Shows one slide at a time and moves between them without an empty frame."""

    slide_shown = Signal(int)  # a slide is fully on screen (its transition has ended)
    frame_painted = Signal()

    def __init__(
        self,
        state: ShowState,
        families: tuple[str, ...] = ("sans-serif",),
        variable_weight: bool = True,
        parent: QWidget | None = None,
        on_screen: bool = True,
    ):
        """`on_screen`: a stage a window shows, which has clips' posters decoded off the GUI
        thread; an offline renderer's waits for them."""
        super().__init__(parent)
        self._frames_in_background = on_screen
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAutoFillBackground(False)
        self.state = state  # what to show: the stage reads it and keeps no copy
        self.families = families
        self.variable_weight = variable_weight
        self._dots_per_mm: float | None = None
        self._panel_size_trusted = False
        # Drawing caches: laid-out slides by what they were drawn for, the show's pictures, and
        # the slide whose pixels are on screen now (it leaves the screen when another comes).
        self._views: OrderedDict[tuple[int, str, int, int, bool, bool], SlideView] = OrderedDict()
        self._turn = 0  # degrees the panel turns the stage by (set_turn)
        self._images = self._image_store()
        self._on_screen: SlideView | None = None
        self._live: SlideView | None = None  # the slide whose own frames play (a clip)
        self._sound: SoundOutput | None = None  # where clips' sound is heard, if allowed
        self._from: QImage | None = None  # the picture leaving the screen during a transition
        self._from_code = False  # whether the manifesto's code stood beside the leaving slide
        self._from_background = QColor()  # the leaving slide's background colour
        self._transition_start = 0.0
        self._transition_s = 0.0
        self._transition_kind = "crossfade"
        # The pictures whose band strips were last compared (by their cache keys: holding the
        # pictures would keep a slide that has left the screen, 8 MB at 1080p, until the next
        # transition), and whether the strips are equal.
        self._band_compared: tuple[int, int, bool] | None = None
        self._direction = 1  # +1: the new slide comes from the right; -1: from the left
        self._start_progress = 0.0
        self._motion_start = 0.0
        self._easing = QEasingCurve(QEasingCurve.Type.InOutCubic)
        self._drag: float | None = None  # horizontal offset while a finger drags the slide
        self._snap_from: float | None = None  # offset a released drag springs back from
        self._snap_start = 0.0
        self.clock = time.monotonic
        self.frames = FrameClock(self)
        # A slide lands when its transition's time is up, painted or not: a compositor that
        # stops asking for frames (a hidden window, a screen off) does not stop the show.
        self._landing = QTimer(self)
        self._landing.setSingleShot(True)
        self._landing.timeout.connect(self.land_if_due)
        # A resting stage lets the picture of the slide on screen go (see `rest`).
        self._rest_wanted = False
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.timeout.connect(self._let_go_if_still)
        self.band = AttractBand()
        self.corner_code = CornerCode()
        # The style last made, with the show it was made for (told apart by identity: comparing
        # two shows field by field would cost more than the style, on every frame).
        self._style: tuple[Show, tuple[object, ...], Style] | None = None
        state.slide_requested.connect(self._on_slide_requested)
        state.show_replaced.connect(self._on_show_replaced)
        for changed in (
            state.language_changed,
            state.access_changed,
            state.large_text_changed,
            state.hold_changed,
            state.mode_changed,
        ):
            changed.connect(self.update)
        state.sound_changed.connect(self._on_sound_changed)

    # -- content --------------------------------------------------------------------------------

    @property
    def sound(self) -> SoundOutput | None:
        """Where clips' sound is heard: set where kiosk.toml allows sound; None: all muted."""
        return self._sound

    @sound.setter
    def sound(self, output: SoundOutput | None) -> None:
        self._sound = output
        if output is not None:
            output.failed.connect(self._on_sound_failed)

    @property
    def show_band(self) -> bool:
        """The attract band: an invitation (or staff's pause sign) while nobody is here."""
        return self.state.mode is Mode.ATTRACT

    @property
    def dots_per_mm(self) -> float | None:
        """The screen's pixels a millimetre on the glass, as it reports them; None: unknown."""
        return self._dots_per_mm

    @dots_per_mm.setter
    def dots_per_mm(self, value: float | None) -> None:
        if value != self._dots_per_mm:
            self._dots_per_mm = value
            self._views.clear()  # laid out for another size of the code beside them

    @property
    def panel_size_trusted(self) -> bool:
        """Whether dots_per_mm is the glass's true size (Style.panel_size_trusted)."""
        return self._panel_size_trusted

    @panel_size_trusted.setter
    def panel_size_trusted(self, value: bool) -> None:
        if value != self._panel_size_trusted:
            self._panel_size_trusted = value
            self._views.clear()

    def style(self) -> Style:  # type: ignore[override]
        """How slides are laid out on this screen now, the manifesto's code beside them."""
        state = self.state
        key = (
            state.language,
            self.width(),
            self.height(),
            state.high_contrast,
            state.large_text,
            self.dots_per_mm,
            self.panel_size_trusted,
        )
        if self._style is not None and self._style[0] is state.show and self._style[1] == key:
            return self._style[2]
        palette = (
            Palette.high_contrast()
            if state.high_contrast
            else Palette.from_theme(state.show.settings.theme)
        )
        style = Style(
            self.width(),
            self.height(),
            palette,
            self.families,
            self.dots_per_mm,
            self.variable_weight,
            LARGE_TEXT_SCALE if state.large_text else 1.0,
            panel_size_trusted=self.panel_size_trusted,
        )
        style = with_corner_code(style, state.show, state.language)
        self._style = (state.show, key, style)
        return style

    def view(self, index: int) -> SlideView:
        """The laid-out view of a slide of the show playing, at the current size, language,
        contrast and text size; cached."""
        key = self._view_key(index)
        view = self._views.get(key)
        if view is None:
            view = self._new_view(index)
            view.turn = self._turn
            self._views[key] = view
            while len(self._views) > VIEW_CACHE_SIZE:
                self._views.popitem(last=False)
        else:
            self._views.move_to_end(key)
        return view

    def _view_key(self, index: int) -> tuple[int, str, int, int, bool, bool]:
        """What a slide's layout depends on: the slide, language, size, contrast, text size."""
        state = self.state
        return (
            index,
            state.language,
            self.width(),
            self.height(),
            state.high_contrast,
            state.large_text,
        )

    def _new_view(self, index: int) -> SlideView:
        """A slide laid out afresh for the screen as it is now (not kept by this call)."""
        state = self.state
        context = SlideContext(state.show, state.language, self.style(), self._images)
        return view_for(state.show.slides[index], context)

    def preview_image(self, index: int, size: QSize) -> QImage:
        """A small picture of a slide as it looks settled, `size` large, upright: drawn from
        its layout at that size (a few milliseconds), not scaled down from a screen-sized
        picture; the caller keeps it. A slide not laid out already is laid out for this and
        not kept, so the slides kept for the next move stay."""
        view = self._views.get(self._view_key(index))
        if view is None:
            view = self._new_view(index)
        image = QImage(size, SLIDE_FORMAT)
        painter = QPainter(image)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        painter.scale(size.width() / max(1, self.width()), size.height() / max(1, self.height()))
        view.paint_still(painter)
        view.paint_motion(painter, 1.0)
        painter.end()
        return image

    def drawn_views(self) -> list[SlideView]:
        """The laid-out slides the stage keeps, each with its drawn picture."""
        return list(self._views.values())

    def decoded_pictures(self) -> list[QImage]:
        return self._images.decoded()

    def keep_views(self, indices: set[int]) -> None:
        """Drops the laid-out slides other than these: each holds a screen-sized picture, the
        bulk of what the running kiosk keeps in memory."""
        for key in [key for key in self._views if key[0] not in indices]:
            del self._views[key]

    def prepare(self, index: int) -> None:
        """Lays out and draws a slide's picture before it is needed, so a transition only
        blits: the still a slide enters on, or, for the slide on screen, the settled look it
        will leave with."""
        self._rest_wanted = False
        if self.width() <= 0:
            return
        view = self.view(index)
        if view is not self._on_screen:
            view.still_image()
        elif not view.images() and not self.frames.running:
            view.final_image()  # let go while resting
            view.settle()

    def rest(self, after_ms: int = REST_AFTER_MS) -> None:
        """The slide on screen stays there a while (the attract loop, with its next move not
        due soon): once nothing on stage moves, its drawn picture (8 MB at 1080p) is let go,
        since the window's own buffer holds what is on screen. It is drawn again when the
        stage is painted again (a touch, the window uncovered; while it rests it is let go
        again after such a paint) or shortly before the slide leaves (`prepare`)."""
        self._rest_wanted = True
        self._rest.start(after_ms)

    def _let_go_if_still(self) -> None:
        if not self._rest_wanted:
            return
        if self.frames.running:
            return  # bars still growing: the frame they stand in asks again
        view = self._on_screen
        resting = self.show_band and self.state.landed and not self.in_transition
        if view is not None and resting and self._drag is None and self._snap_from is None:
            view.let_go()

    # -- moving between slides -----------------------------------------------------------------

    def action_at(self, point: QPointF) -> str | None:
        """What a tap here does on the slide at rest ("link"), or None."""
        if self.in_transition or self.dragging or not self.state.landed:
            return None
        view = self.view(self.state.index)
        if view.style.corner_code and self.corner_code.tap_area().contains(point):
            return "link"
        button = self.sound_button()
        if button is not None and button.contains(point):
            return "sound"
        return next((action for rect, action in view.actions if rect.contains(point)), None)

    def sound_button(self) -> QRectF | None:
        """Where the button for the sound of the clip on screen stands, while a visitor is
        here and the clip plays with a sound the kiosk may let be heard; None otherwise."""
        live = self._live
        if live is None or self.state.mode is Mode.ATTRACT or live is not self._on_screen:
            return None
        return live.sound_button()

    def sound_label(self) -> str | None:
        """What the sound button says to a screen reader, in the visitor's language: what a
        tap does ("Sound on" while muted); None while there is no button."""
        if self.sound_button() is None:
            return None
        return i18n.text("sound_off" if self.state.sound else "sound_on", self.state.language)

    def _on_sound_failed(self) -> None:
        self.state.set_sound(False)  # the button shows it muted; the log says why

    def _on_sound_changed(self, on: bool) -> None:
        if self._live is not None:
            self._live.set_sound(on)
        self.update()

    @property
    def in_transition(self) -> bool:
        return self._from is not None

    def _on_slide_requested(self, move: SlideMove) -> None:
        """Brings the state's slide on screen; a move that continues a drag slides on from
        where the finger let go."""
        self._drag = None
        self._snap_from = None
        self._rest_wanted = False
        index = self.state.index
        if move.animate and self.state.landed and not self.in_transition:
            self.update()  # already there: nothing moves
            return
        leaving = self._on_screen
        offset = move.dragged * self.width()
        if move.animate and leaving is not None and self._can_animate():
            self._from_code = bool(leaving.style.corner_code)
            self._from_background = leaving.style.palette.background
            picture = leaving.leaving_image()
            self._stop_live()
            self._start_transition(picture, index, move.direction, offset)
        else:
            self._stop_live()
            self._from = None
            self._on_screen = self.view(index)
            self._motion_start = self.clock() - 3600.0  # already settled
            self.slide_shown.emit(index)
        self.update()

    def _on_show_replaced(self, index: int) -> None:
        """Crossfades from the slide on screen into another show (a content swap)."""
        leaving = self._on_screen.leaving_image() if self._on_screen is not None else None
        self._from_code = self._on_screen is not None and bool(self._on_screen.style.corner_code)
        if self._on_screen is not None:
            self._from_background = self._on_screen.style.palette.background
        self._stop_live()
        self._views.clear()
        self._images.close()
        self._images = self._image_store()
        self.ask_for_posters()
        self._drag = None
        self._snap_from = None
        if leaving is not None and self._can_animate():
            self._start_transition(leaving, index, 1, 0.0, kind="crossfade")
        else:
            self._from = None
            self._on_screen = self.view(index)
            self.slide_shown.emit(index)
        self.update()

    def _can_animate(self) -> bool:
        return not self.state.reduced_motion and self.isVisible() and self.width() > 0

    def _start_transition(
        self,
        leaving: QImage,
        index: int,
        direction: int,
        from_offset: float,
        kind: str = "",
    ) -> None:
        self._from = leaving
        dragged = from_offset != 0.0
        self._transition_kind = kind or (
            "slide" if dragged else self.state.show.settings.transition
        )
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
        self._on_screen = self.view(index)
        self._on_screen.still_image()
        self.frames.run()
        self._landing.start(math.ceil(self._transition_s * 1000))

    # -- dragging -------------------------------------------------------------------------------

    @property
    def dragging(self) -> bool:
        return self._drag is not None

    def drag_to(self, offset: float) -> None:
        """The slide follows the finger; the neighbour it would reveal comes along."""
        if self.in_transition:
            return
        self._snap_from = None
        self._drag = max(-self.width(), min(self.width(), offset))
        self.update()

    def snap_back(self) -> None:
        if self._drag and not self.state.reduced_motion:
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
        self.slide_shown.emit(self.state.index)

    # -- painting -----------------------------------------------------------------------------

    def paint_frame(self, painter: QPainter, exposed: QRect | None = None) -> None:
        """One frame of whatever is on stage now (of its `exposed` part, when not all of it
        is painted again); also used to render slides to files.

        Every frame decides whether another one is needed: the frame clock runs only while
        something on stage still moves, and stops on the first frame where nothing does.
        """
        moving = self._paint_stage(painter)
        state = self.state
        self.corner_code.paint(
            painter, self.style(), state.show, state.language, self.code_opacity()
        )
        if self.show_band:
            style = self.view(state.index).style
            if exposed is None or exposed.bottom() + 1 > self.height() - style.band_height:
                self.band.paint(
                    painter,
                    style,
                    self.invitation(),
                    state.slide_count,
                    state.index,
                    state.held,
                    self.band_languages(),
                    state.language,
                    self.invitations(),
                )
        if moving:
            self.frames.run(self._moving_area())
        else:
            self.frames.stop()
            if self._rest_wanted:
                self._rest.start(REST_AFTER_MS)  # drawn again (uncovered, say): let go again

    def _moving_area(self) -> QRect | None:
        """What changes from frame to frame: while the attract loop crossfades, the slide area
        above the band when the two pictures are the same behind the band (the band itself
        says where the loop stands, and is drawn as the transition begins); otherwise the
        whole stage."""
        if self._from is None or self._transition_kind != "crossfade" or not self.show_band:
            return None
        entering = self.view(self.state.index)
        band = math.ceil(entering.style.band_height)
        if self._turn or not self._same_behind_band(self._from, entering.still_image(), band):
            return None
        return QRect(0, 0, self.width(), self.height() - band)

    def _same_behind_band(self, leaving: QImage, entering: QImage, band: int) -> bool:
        """True when the two pictures are equal in the band's strip (two slides of one show
        on its background; not another show, nor a slide drawn before a change of contrast).
        Compared once per pair of pictures."""
        compared, keys = self._band_compared, (leaving.cacheKey(), entering.cacheKey())
        if compared is not None and compared[:2] == keys:
            return compared[2]
        same = leaving.size() == entering.size()
        if same:
            ratio = leaving.devicePixelRatio()
            top = math.floor((self.height() - band) * ratio)
            strip = QRect(0, top, leaving.width(), leaving.height() - top)
            same = leaving.copy(strip) == entering.copy(strip)
        self._band_compared = (*keys, same)
        return same

    def invitation(self) -> str:
        """The invitation to touch, in the language on screen: the languages beside it say
        to a passer-by which others the show speaks."""
        return i18n.text("touch_hint", self.state.language)

    def invitations(self) -> tuple[str, ...]:
        """The invitation in each of the show's languages: the band keeps room for the widest,
        so it stands alike in all of them."""
        codes = dict.fromkeys([*self.state.show.settings.languages, self.state.language])
        return tuple(i18n.text("touch_hint", code) for code in codes)

    def band_languages(self) -> tuple[tuple[str, str], ...]:
        """The show's languages for the band, each with its name in itself."""
        return tuple(
            (code, i18n.language_name(code)) for code in self.state.show.settings.languages
        )

    def band_layout(self) -> BandLayout:
        """Where the attract band's parts stand on this screen now."""
        state = self.state
        return self.band.layout(
            self.view(state.index).style,
            self.band_languages(),
            self.invitations(),
            state.slide_count,
        )

    def language_at(self, point: QPointF) -> str | None:
        """The language whose name in the attract band is under `point`, while the band
        shows; None elsewhere."""
        if not self.show_band or self.width() <= 0:
            return None
        return self.band_layout().language_at(point)

    def code_opacity(self) -> float:
        """The manifesto's code stands beside every slide but one that carries its own: it
        fades out into such a slide and back in after it, and stays put otherwise."""
        view = self._on_screen or self.view(self.state.index)
        shown = 1.0 if view.style.corner_code else 0.0
        if self._from is None:
            return shown
        progress = (self.clock() - self._transition_start) / self._transition_s
        eased = self._easing.valueForProgress(min(1.0, max(0.0, progress)))
        was = 1.0 if self._from_code else 0.0
        return was + (shown - was) * eased

    def _paint_stage(self, painter: QPainter) -> bool:
        """Paints the slide area; True while the picture will differ in the next frame."""
        now = self.clock()
        view = self._on_screen = self.view(self.state.index)
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
        if view.animation_s and not self.state.reduced_motion:
            progress = (now - self._motion_start) / view.animation_s
            if progress < 1.0:
                view.draw(painter, QPointF(0, 0), view.still_image())
                painter.setRenderHints(
                    QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                )
                view.paint_motion(painter, max(0.0, progress))
                return True
        view.draw(painter, QPointF(0, 0), view.final_image())
        view.settle()
        if view.live:
            if self._plays_live():
                self._play(view)
                view.paint_live(painter)
                if self.sound_button() is not None:
                    view.paint_sound_button(painter, self.state.sound)
                label = self.sound_label() or ""
                if self.accessibleDescription() != label:
                    self.setAccessibleDescription(label)
            else:
                self._stop_live()  # paused, or reduced motion: the poster stands
        return False

    # -- slides with frames of their own --------------------------------------------------------

    def _image_store(self) -> ImageStore:
        images = ImageStore(
            self.state.files, PICTURES_KEPT, frames_in_background=self._frames_in_background
        )
        images.on_frame = self._poster_arrived
        return images

    def _poster_arrived(self, clip: str) -> None:
        """A clip's poster is decoded: its slides are laid out again around it."""
        for key in [k for k, v in self._views.items() if getattr(v.slide, "file", None) == clip]:
            del self._views[key]
        self.update()

    def ask_for_posters(self) -> None:
        """Has the posters of the show's clips decoded now, off the GUI thread, so a video
        slide enters on its poster however it is reached (a swipe, a jump from the overview)."""
        if self.width() <= 0 or not self._frames_in_background:
            return
        state = self.state
        context = SlideContext(state.show, state.language, self.style(), self._images)
        for slide in state.show.slides:
            if slide.kind == "video":
                view_for(slide, context)  # laying it out asks for its poster

    def _plays_live(self) -> bool:
        state = self.state
        return not state.reduced_motion and not state.held and self.isVisible()

    def _play(self, view: SlideView) -> None:
        if self._live is view:
            return
        live, self._live = self._live, view
        # The same slide drawn anew (another language, contrast or text size): its clip plays
        # on where it was, with the captions of the new language.
        if live is None or not view.take_live(live):
            if live is not None:
                live.stop_live()
            view.start_live(self.update, self._sound)
        view.set_sound(self.state.sound)

    def _stop_live(self) -> None:
        live, self._live = self._live, None
        if live is not None:
            live.stop_live()

    def _paint_dragged(self, painter: QPainter, view: SlideView, offset: float) -> None:
        view.draw(painter, QPointF(offset, 0), view.final_image())
        if offset:
            side = 1 if offset < 0 else -1
            neighbour = self.view(self.state.neighbour(side))
            beside = QPointF(offset + side * self.width(), 0)
            neighbour.draw(painter, beside, neighbour.final_image())

    def _paint_transition(
        self, painter: QPainter, old: QImage, entering: SlideView, t: float
    ) -> None:
        new = entering.still_image()
        if self._transition_kind == "slide":
            progress = self._start_progress + (1.0 - self._start_progress) * t
            shift = self.width() * progress * self._direction
            entering.draw(painter, QPointF(-shift, 0), old)
            entering.draw(painter, QPointF(self._direction * self.width() - shift, 0), new)
        else:
            # One picture at a time over the background, handing over half-way (see
            # HANDOVER_OPACITY): a fill and one blend a frame, as a plain crossfade costs.
            picture, opacity = (old, 1.0 - t) if t < 0.5 else (new, t)
            opacity = HANDOVER_OPACITY + (1.0 - HANDOVER_OPACITY) * abs(2.0 * opacity - 1.0)
            if opacity < 1.0:
                painter.fillRect(
                    QRectF(0, 0, self.width(), self.height()),
                    _mixed(self._from_background, entering.style.palette.background, t),
                )
                painter.setOpacity(opacity)
            entering.draw(painter, QPointF(0, 0), picture)
            painter.setOpacity(1.0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint_frame(painter, event.rect())
        painter.end()
        self.frame_painted.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        self.frames.stop()  # nothing on screen to move; the first frame when shown decides
        self._stop_live()
        super().hideEvent(event)

    def set_turn(self, degrees: int) -> None:
        """The panel shows the stage turned by `degrees`: its slides are drawn turned alike."""
        if degrees != self._turn:
            self._turn = degrees
            self._stop_live()
            self._views.clear()
            self._from = None
            self._on_screen = None
            self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Stills are per size; the old ones are dropped and the current one redrawn.
        self._stop_live()
        self._views.clear()
        self._from = None
        self._on_screen = None
        super().resizeEvent(event)
        self.ask_for_posters()


def _mixed(one: QColor, other: QColor, share: float) -> QColor:
    """`one` blended with `share` of `other` (the backgrounds of two shows meet half-way)."""
    if not one.isValid() or one == other:
        return other
    return QColor.fromRgbF(
        one.redF() + (other.redF() - one.redF()) * share,
        one.greenF() + (other.greenF() - one.greenF()) * share,
        one.blueF() + (other.blueF() - one.blueF()) * share,
    )
