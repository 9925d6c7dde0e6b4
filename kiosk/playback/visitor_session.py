"""The visitor session: the first touch wakes the kiosk, and idling out returns it to start."""

from __future__ import annotations

import math
import time
from enum import Enum

from kiosk.clock import Clock

COUNTDOWN_S = 10.0


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
