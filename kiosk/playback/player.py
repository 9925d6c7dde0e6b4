"""Playback: the attract loop, the visitor session and navigation, over the show state.

The player keeps time (the loop and the idle countdown), decides which slide comes next and
which slides may play now (hidden stories, schedules), and takes a new show over at a slide
boundary. It writes the show state; views display that state and turn input into calls here.
What visitors saw and did is announced (`visited`) for the counts, never stored here.
"""

from __future__ import annotations

import datetime
import logging
import time
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.clock import Clock, WallClock
from kiosk.content import LoadedShow
from kiosk.content.model import CallToActionSlide, Show, StorySlide
from kiosk.logs import ALWAYS
from kiosk.playback.attract_loop import AttractLoop
from kiosk.playback.kept import KioskState
from kiosk.playback.schedule import active_slides
from kiosk.playback.state import Playing, ShowState, SlideMove
from kiosk.playback.visitor_session import Mode, VisitorSession

log = logging.getLogger(__name__)


class Player(QObject):
    """Steers the show: public methods for views and staff, the state for whoever displays it."""

    visited = Signal(str, str)  # an anonymous count: its event and detail
    taken_over = Signal(object)  # a new show (LoadedShow) plays now
    kept_problem = Signal()  # a staff choice could not be kept across a restart
    loop_checked = Signal()  # the loop looked at the clock (its timer fired), moved on or not

    def __init__(
        self,
        state: ShowState,
        clock: Clock = time.monotonic,
        wall_clock: WallClock = datetime.datetime.now,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.state = state
        self.clock = clock
        self.wall_clock = wall_clock  # local time, for slides that play on given days or hours
        self.pending: LoadedShow | None = None  # a new show waiting for the loop or the visitor
        # A session is counted once it is known to be a visitor's: at its second input, or
        # when it ends. Staff who open their PIN pad or menu with the input that woke the
        # kiosk (holding the corner, Ctrl+Alt+K) are no visitor.
        self._uncounted_session = False
        self._session_inputs = 0
        show = state.show
        self.loop = AttractLoop([show.duration_of(s) for s in show.slides], clock)
        self.session = VisitorSession(show.settings.idle_timeout, clock)
        self._advance_timer = QTimer(self)
        self._advance_timer.setSingleShot(True)
        self._advance_timer.timeout.connect(self.advance_if_due)
        self._session_timer = QTimer(self)
        self._session_timer.setSingleShot(True)
        self._session_timer.timeout.connect(self._on_session_timer)

    @classmethod
    def for_show(
        cls,
        loaded: LoadedShow,
        language: str,
        kept: KioskState | None = None,
        clock: Clock = time.monotonic,
        wall_clock: WallClock = datetime.datetime.now,
    ) -> Player:
        """A player, and the show state it steers, for a show that was read and checked."""
        playing = Playing.of(loaded)
        state = ShowState(playing, playing.full_show, language, kept)
        player = cls(state, clock, wall_clock)
        state.setParent(player)
        state.replace(player.visible(playing.full_show), 0)
        player._reloop()
        return player

    # -- the attract loop -------------------------------------------------------------------------

    def start(self) -> None:
        """The first slide, at once: the show begins."""
        self.state.access_changed.emit()
        self.state.move(SlideMove(self.state.index, animate=False))

    def slide_landed(self, index: int) -> None:
        """The stage reports that a slide is fully on screen (its transition has ended)."""
        state = self.state
        state.land(index)
        slide = state.show.slides[index]
        self.visited.emit("slides_shown", slide.id)
        if isinstance(slide, CallToActionSlide):
            self.visited.emit("qr_shown", slide.id)
        self.loop.go_to(index)
        if state.mode is Mode.ATTRACT:
            self._schedule_advance()

    def next_move_in(self) -> float | None:
        """Seconds until the attract loop moves on by itself; None while nothing moves it
        (a visitor's turn, or staff hold the slide)."""
        state = self.state
        if state.mode is not Mode.ATTRACT or state.held or self.loop.paused or not state.landed:
            return None  # (a slide's time starts when it lands)
        return self.loop.remaining()

    def advance_if_due(self) -> None:
        """Moves the attract loop on when the slide's time is up (the loop timer calls this)."""
        self._advance_if_due()
        self.loop_checked.emit()

    def _advance_if_due(self) -> None:
        state = self.state
        if state.mode is not Mode.ATTRACT or not state.landed or state.held:
            return
        if not self.loop.due():
            self._schedule_advance()
            return
        # A new show starts from its first slide: its slides are not the old show's.
        if self._apply_pending(0) or self._refresh_schedule():
            return
        self.state.move(SlideMove(self.state.neighbour(1)))

    def _schedule_advance(self) -> None:
        self._advance_timer.start(max(1, int(self.loop.remaining() * 1000)))

    def set_held(self, held: bool) -> None:
        """Staff hold the loop on the current slide, or let it play on."""
        self.state.set_held(self.wall_clock() if held else None)
        if held:
            self._advance_timer.stop()
        elif self.state.mode is Mode.ATTRACT:
            self._schedule_advance()

    # -- visitors ---------------------------------------------------------------------------------

    def visitor_input(self) -> bool:
        """A touch, click, key or wheel. True when it only woke the kiosk or kept it from
        returning to start: a press that did so must not also act on what is under it."""
        before = self.session.mode
        if self.session.input():
            if before is Mode.ATTRACT:
                self._uncounted_session, self._session_inputs = True, 0
                self.loop.pause()
                self._advance_timer.stop()
            self._session_inputs += 1
            self.state.set_mode(Mode.INTERACTIVE)
            self._schedule_session()
            return True
        self._session_inputs += 1
        self._count_session()
        self._schedule_session()
        return False

    def visitor_present(self) -> None:
        """Someone opened a panel by key: taps act at once from now on."""
        if self.session.mode is not Mode.INTERACTIVE:
            self.visitor_input()

    def staff_present(self) -> None:
        """Staff opened their PIN pad or menu: taps act at once, and a session that began
        with the input that brought staff here is not counted as a visitor's."""
        if self.session.mode is not Mode.INTERACTIVE:
            self.visitor_input()
        if self._session_inputs <= 1:
            self._uncounted_session = False

    def _count_session(self) -> None:
        if self._uncounted_session:
            self._uncounted_session = False
            self.visited.emit("sessions", "")

    def go(self, step: int, dragged: float = 0.0) -> None:
        """The next (or previous) slide; `dragged`: how far a visitor's drag had already moved
        the slide when it let go, as a share of the slide's width (it goes on from there)."""
        self._navigate(self.state.neighbour(step), step, dragged)

    def jump_to(self, index: int) -> None:
        if index != self.state.index:
            self._navigate(index, 1 if index > self.state.index else -1)

    def go_home(self) -> None:
        self.jump_to(0)

    def open_story(self, index: int) -> None:
        """A story chosen in the overview; "All stories" leads back while it is on screen."""
        self.visited.emit("stories_opened", self.state.show.slides[index].id)
        self._navigate(index, 1)
        self.state.set_story_return(index)

    def link_shown(self) -> None:
        """The take-the-link panel opened: counted like a QR code on a slide."""
        self.visited.emit("qr_shown", "take-the-link")

    def set_language(self, code: str) -> None:
        if self.state.set_language(code):
            self.visited.emit("language_chosen", code)

    def toggle_sound(self) -> None:
        """A visitor turns the sound of the clip on screen on, or off again."""
        self.state.set_sound(not self.state.sound)

    def set_large_text(self, large: bool) -> None:
        self.state.set_large_text(large)

    def reset_to_start(self) -> None:
        """Everything as a new visitor should find it: default language, loop on, from the
        first slide, or from the slide staff hold the show on."""
        state = self.state
        self._count_session()
        self.session.reset()
        state.set_story_return(None)
        state.set_large_text(False)
        state.set_language(state.show.settings.default_language)
        self.loop.resume()
        start = state.held_slide if state.held and state.held_slide is not None else 0
        if self._apply_pending(start):
            pass
        elif state.index != start:
            state.move(SlideMove(start))
        else:
            self.slide_landed(start)
        state.set_mode(Mode.ATTRACT)

    def end_visit(self) -> None:
        """Nobody is using the kiosk now (staff closed their menu): the controls go, the show
        is presented as to passers-by, on the slide it is on: in the show's own language and
        type, not the last visitor's."""
        state = self.state
        self._count_session()
        self.session.reset()
        self._session_timer.stop()
        state.set_story_return(None)
        state.set_large_text(False)
        state.set_language(state.show.settings.default_language)
        self.loop.resume()
        state.set_mode(Mode.ATTRACT)
        if not state.held and state.landed:
            self._schedule_advance()

    def _navigate(self, index: int, direction: int, dragged: float = 0.0) -> None:
        # A new show waits until the visitor leaves: it never changes the slides under a
        # visitor's finger (reset_to_start takes it, from its first slide).
        if index != self.state.story_from_overview:
            self.state.set_story_return(None)
        self.loop.go_to(index)
        self.state.move(SlideMove(index, direction, dragged))

    def _schedule_session(self) -> None:
        wait = self.session.seconds_to_next_change()
        if wait != float("inf"):
            self._session_timer.start(max(1, int(wait * 1000)))

    def _on_session_timer(self) -> None:
        before = self.session.mode
        mode = self.session.tick()
        if mode is Mode.COUNTDOWN:
            if before is not Mode.COUNTDOWN:
                self.state.set_mode(Mode.COUNTDOWN)
            self.state.set_countdown(self.session.seconds_left())
        elif mode is Mode.ATTRACT and before is Mode.COUNTDOWN:
            self.reset_to_start()
            return
        self._schedule_session()

    # -- which slides play: hidden stories, schedules, new shows at slide boundaries ------------

    def visible(self, show: Show) -> Show:
        """The slides that may play now: not hidden by staff, and scheduled for this moment.

        Never empty: if the schedule leaves nothing, everything not hidden plays.
        """
        hidden = self.state.kept.hidden_stories
        slides = [
            s for s in show.slides if not (isinstance(s, StorySlide) and s.id in hidden)
        ] or show.slides[:1]
        return replace(show, slides=active_slides(slides, self.wall_clock()))

    def _refresh_schedule(self) -> bool:
        """At a slide boundary: if the set of slides that may play has changed, move to it."""
        state = self.state
        visible = self.visible(state.full_show)
        ids = [s.id for s in visible.slides]
        if ids == [s.id for s in state.show.slides]:
            return False
        order = [s.id for s in state.full_show.slides]
        current = state.show.slides[state.index].id
        start = order.index(current) if current in order else -1
        following = (order[(start + step) % len(order)] for step in range(1, len(order) + 1))
        self._install(index_hint=ids.index(next(i for i in following if i in ids)))
        log.info("schedule: now playing %d slides", len(ids))
        return True

    def offer_show(self, loaded: LoadedShow, at_once: bool = False) -> None:
        """A new valid show: it takes over from its first slide when the attract loop next
        moves on or the visitor leaves, or now (`at_once`, on the slide on screen). The
        stand-by screen holds nothing anyone is reading: a show takes its place at once."""
        self.pending = loaded
        if self.state.playing.standby:
            if self.state.held:
                self.set_held(False)  # staff held the stand-by screen, not what replaces it
            self._apply_pending(0)
        elif at_once:
            self._apply_pending(self.state.index)

    def switch_to(self, loaded: LoadedShow) -> None:
        """Staff chose another content folder: it plays from its first slide."""
        self.pending = loaded
        self._apply_pending(0)

    def _apply_pending(self, index: int) -> bool:
        """Installs a waiting show in place of the move to `index`; True if it did."""
        if self.pending is None or self.pending.show is None:
            return False
        loaded, self.pending = self.pending, None
        playing = Playing.of(loaded)
        self._install(index_hint=index, playing=playing)
        # Every switch, each naming its version: the repeat limit never holds one back.
        version = playing.version.describe() if playing.version is not None else "no version"
        log.info("now playing %s: %s", loaded.folder, version, extra={ALWAYS: True})
        self.taken_over.emit(loaded)
        return True

    def _install(self, index_hint: int | None = None, playing: Playing | None = None) -> None:
        """Puts the full show (minus hidden stories) on stage, keeping the slide if it stays."""
        state = self.state
        current = (
            state.show.slides[state.index].id if 0 <= state.index < state.slide_count else None
        )
        visible = self.visible((playing or state.playing).full_show)
        ids = [s.id for s in visible.slides]
        if index_hint is not None:
            index = min(index_hint, len(ids) - 1)
        elif current in ids:
            index = ids.index(current)
        else:
            index = min(max(0, state.index), len(ids) - 1)
        state.replace(visible, index, playing)
        self._reloop()

    def _reloop(self) -> None:
        """A new loop over the slides on stage; a visitor's pause carries over."""
        show = self.state.show
        self.session.idle_timeout_s = show.settings.idle_timeout
        was_paused = self.loop.paused
        self.loop = AttractLoop([show.duration_of(s) for s in show.slides], self.clock)
        self.loop.go_to(self.state.index)
        if was_paused:
            self.loop.pause()

    def set_story_hidden(self, slide_id: str, hidden: bool) -> None:
        """Staff pull a story (or bring it back) everywhere at once; it is remembered."""
        kept = self.state.kept.set_hidden(slide_id, hidden)
        log.warning("story '%s' %s by staff", slide_id, "hidden" if hidden else "shown again")
        if not kept:
            self.kept_problem.emit()  # staff must not leave believing it stays so
        self._install()

    def set_staff_access(
        self, reduced_motion: bool | None = None, high_contrast: bool | None = None
    ) -> None:
        """Staff switch reduced motion or high contrast on or off for the whole event."""
        state = self.state
        motion = state.staff_reduced_motion if reduced_motion is None else reduced_motion
        contrast = state.staff_high_contrast if high_contrast is None else high_contrast
        if not state.set_staff_access(motion, contrast):
            self.kept_problem.emit()

    def stop(self) -> None:
        """Time stands still: the show is ending."""
        self._count_session()
        self._advance_timer.stop()
        self._session_timer.stop()
