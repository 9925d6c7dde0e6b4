"""What a drag on the stage meant: a tap, a page turn, or a drag that springs back."""

from __future__ import annotations

import math
import time

from kiosk.clock import Clock

# A finger moving less than this share of the screen width is a tap, not a drag.
TAP_SLOP = 0.02
# A drag this long (share of the width) turns the page; a quick flick needs less.
SWIPE_DISTANCE = 0.18
FLICK_DISTANCE = 0.05
FLICK_SPEED = 0.8  # screen widths per second
FLICK_WINDOW_S = 0.15  # speed is judged over the last moments before the finger lifts


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
