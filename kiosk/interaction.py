"""What a visitor's input means: waking the kiosk, idling out, and telling a swipe from a tap."""

from __future__ import annotations

import math
import time
from enum import Enum

from kiosk.playback import Clock

COUNTDOWN_S = 10.0
# A finger moving less than this share of the screen width is a tap, not a drag.
TAP_SLOP = 0.02
# A drag this long (share of the width) turns the page; a quick flick needs less.
SWIPE_DISTANCE = 0.18
FLICK_DISTANCE = 0.05
FLICK_SPEED = 0.8  # screen widths per second
FLICK_WINDOW_S = 0.15  # speed is judged over the last moments before the finger lifts


class Mode(Enum):
    ATTRACT = "attract"  # the loop plays by itself; the first touch only wakes
    INTERACTIVE = "interactive"  # a visitor is here: controls shown, no autoplay
    COUNTDOWN = "countdown"  # nobody touched for a while: returning to start unless tapped


class VisitorSession:
    """The kiosk's state with respect to the person in front of it."""

    def __init__(
        self, idle_timeout_s: float, clock: Clock = time.monotonic, countdown_s: float = COUNTDOWN_S
    ):
        self.idle_timeout_s = idle_timeout_s
        self.countdown_s = countdown_s
        self._clock = clock
        self.mode = Mode.ATTRACT
        self._last_input = clock()
        self._countdown_started = 0.0

    def input(self) -> bool:
        """A touch, click or key arrived. True when it is used up by waking or staying."""
        self._last_input = self._clock()
        if self.mode is Mode.INTERACTIVE:
            return False
        self.mode = Mode.INTERACTIVE
        return True

    def tick(self) -> Mode:
        """Moves on when time has passed; returns the mode now."""
        now = self._clock()
        if self.mode is Mode.INTERACTIVE and now - self._last_input >= self.idle_timeout_s:
            self.mode = Mode.COUNTDOWN
            self._countdown_started = now
        elif self.mode is Mode.COUNTDOWN and now - self._countdown_started >= self.countdown_s:
            self.mode = Mode.ATTRACT
        elif now < self._last_input:
            self._last_input = now  # the clock went backwards: count from now
        return self.mode

    def seconds_left(self) -> int:
        """Whole seconds shown on the countdown."""
        left = self.countdown_s - (self._clock() - self._countdown_started)
        return max(0, math.ceil(left))

    def seconds_to_next_change(self) -> float:
        now = self._clock()
        if self.mode is Mode.INTERACTIVE:
            return max(0.0, self.idle_timeout_s - (now - self._last_input))
        if self.mode is Mode.COUNTDOWN:
            # Tick once a second so the number on screen counts down.
            left = self.countdown_s - (now - self._countdown_started)
            return max(0.0, min(1.0, left - math.floor(left) or 1.0))
        return math.inf

    def reset(self) -> None:
        self.mode = Mode.ATTRACT
        self._last_input = self._clock()


class Swipe:
    """Follows one finger or mouse drag and decides what it meant when it ends."""

    def __init__(self, width: float, x: float, y: float, clock: Clock = time.monotonic):
        self.width = max(1.0, width)
        self._clock = clock
        self.start_x, self.start_y = x, y
        self._samples: list[tuple[float, float]] = [(clock(), x)]
        self.dragging = False

    def move(self, x: float, y: float) -> float | None:
        """The horizontal offset to show, once the movement is clearly a sideways drag."""
        self._samples = [*self._samples[-15:], (self._clock(), x)]
        dx, dy = x - self.start_x, y - self.start_y
        if not self.dragging and abs(dx) > TAP_SLOP * self.width and abs(dx) > abs(dy):
            self.dragging = True
        return dx if self.dragging else None

    def finish(self, x: float, y: float) -> int | None:
        """+1: to the next slide, -1: to the previous, 0: snap back, None: it was a tap."""
        self.move(x, y)
        dx = x - self.start_x
        if not self.dragging:
            moved = math.hypot(dx, y - self.start_y)
            return None if moved <= TAP_SLOP * self.width else 0
        share = abs(dx) / self.width
        end = self._samples[-1][0]
        recent = [(t, px) for t, px in self._samples if t >= end - FLICK_WINDOW_S]
        (t0, x0), (t1, x1) = recent[0], recent[-1]
        speed = abs(x1 - x0) / self.width / (t1 - t0) if t1 > t0 else 0.0
        if share >= SWIPE_DISTANCE or (share >= FLICK_DISTANCE and speed >= FLICK_SPEED):
            return 1 if dx < 0 else -1
        return 0
