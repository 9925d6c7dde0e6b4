"""Waking and idling out, on a clock the test moves."""

from __future__ import annotations

import pytest

from kiosk.playback.visitor_session import Mode, VisitorSession
from tests.clocks import StepClock

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once


def test_first_input_wakes_and_is_used_up() -> None:
    session = VisitorSession(60, StepClock())
    assert session.mode is Mode.ATTRACT
    assert session.input() is True
    assert session.mode is Mode.INTERACTIVE
    assert session.input() is False


def test_idle_then_countdown_then_attract() -> None:
    clock = StepClock()
    session = VisitorSession(60, clock, countdown_s=10)
    session.input()
    clock.now = 59.9
    assert session.tick() is Mode.INTERACTIVE
    clock.now = 60
    assert session.tick() is Mode.COUNTDOWN
    assert session.seconds_left() == 10
    clock.now = 63.5
    assert session.seconds_left() == 7
    clock.now = 70
    assert session.tick() is Mode.ATTRACT


def test_input_during_the_countdown_keeps_the_visitor() -> None:
    clock = StepClock()
    session = VisitorSession(60, clock)
    session.input()
    clock.now = 65
    session.tick()
    assert session.input() is True  # the tap only dismisses the countdown
    assert session.mode is Mode.INTERACTIVE
    clock.now = 124
    assert session.tick() is Mode.INTERACTIVE
