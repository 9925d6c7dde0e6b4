"""What plays when: the attract loop over a show's slides, driven by a replaceable clock."""

from __future__ import annotations

import time
from collections.abc import Sequence

from kiosk.clock import Clock


class AttractLoop:
    """Keeps each slide on screen for its own duration.

    The loop only keeps time: the player tells it which slide has started (`go_to`) and asks
    whether that slide's time is up. Which slide is on screen is the show state's to know.
    """

    def __init__(self, durations: Sequence[float], clock: Clock = time.monotonic):
        if not durations:
            raise ValueError("a loop needs at least one slide")
        self._durations = list(durations)
        self._clock = clock
        self._duration = self._durations[0]  # the current slide's time on screen
        self._started_at = clock()
        self._paused_remaining: float | None = None

    @property
    def count(self) -> int:
        return len(self._durations)

    @property
    def paused(self) -> bool:
        return self._paused_remaining is not None

    def restart_timing(self) -> None:
        """The current slide starts its full duration now (e.g. when its transition ends)."""
        self._started_at = self._clock()
        if self._paused_remaining is not None:
            self._paused_remaining = self._duration

    def remaining(self) -> float:
        if self._paused_remaining is not None:
            return self._paused_remaining
        now = self._clock()
        elapsed = now - self._started_at
        if elapsed < 0:
            # A clock that jumped backwards restarts the slide instead of freezing the loop.
            self._started_at, elapsed = now, 0.0
        return max(0.0, self._duration - elapsed)

    def due(self) -> bool:
        return not self.paused and self.remaining() <= 0.0

    def go_to(self, index: int) -> None:
        """Slide `index` starts its time on screen now."""
        self._duration = self._durations[index % self.count]
        self.restart_timing()

    def pause(self) -> None:
        if self._paused_remaining is None:
            self._paused_remaining = self.remaining()

    def resume(self) -> None:
        if self._paused_remaining is not None:
            remaining = self._paused_remaining
            self._paused_remaining = None
            self._started_at = self._clock() - (self._duration - remaining)
