"""Clocks for tests: time moves only when the test moves it."""

from __future__ import annotations

import datetime


class StepClock:
    """Seconds, like time.monotonic; set or add to `now`."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


class StepWallClock:
    """The local date and time, like datetime.datetime.now; set `now`."""

    def __init__(self, text: str) -> None:
        self.now = datetime.datetime.fromisoformat(text)

    def __call__(self) -> datetime.datetime:
        return self.now


# How long a test waits for a show's check: it runs in a process of its own (about half a
# second here, five on aarch64 under emulation in `make test-pi`). A wait ends as soon as the
# check has.
CHECK_MS = 60_000
