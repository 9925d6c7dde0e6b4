"""The attract loop keeps time with a replaceable clock."""

from __future__ import annotations

import pytest

from kiosk.playback.attract_loop import AttractLoop
from tests.clocks import StepClock

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once


def test_each_slide_is_due_after_its_own_duration() -> None:
    clock = StepClock()
    loop = AttractLoop([10, 20], clock)
    clock.now = 9.9
    assert not loop.due()
    clock.now = 10.0
    assert loop.due()
    loop.go_to(1)
    clock.now = 29.0
    assert not loop.due() and loop.remaining() == 1.0
    clock.now = 30.0
    assert loop.due()
    loop.go_to(2)  # past the last slide: the first again, with its own time
    clock.now = 39.9
    assert not loop.due()
    clock.now = 40.0
    assert loop.due()


def test_pause_keeps_the_remaining_time() -> None:
    clock = StepClock()
    loop = AttractLoop([10], clock)
    clock.now = 4
    loop.pause()
    clock.now = 100
    assert not loop.due() and loop.remaining() == 6
    loop.resume()
    clock.now = 105.9
    assert not loop.due()
    clock.now = 106
    assert loop.due()


def test_a_clock_jumping_back_restarts_the_slide_instead_of_freezing() -> None:
    clock = StepClock()
    loop = AttractLoop([10], clock)
    clock.now = -3600
    assert loop.remaining() == 10
    clock.now = -3590
    assert loop.due()
