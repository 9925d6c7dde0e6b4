"""The clocks the kiosk runs on, as types tests can replace with clocks of their own."""

from __future__ import annotations

import datetime
from collections.abc import Callable

# Seconds that only move forward (time.monotonic): timing slides, idle, gestures.
Clock = Callable[[], float]
# The local date and time (datetime.datetime.now): schedules and hourly counts.
WallClock = Callable[[], datetime.datetime]
