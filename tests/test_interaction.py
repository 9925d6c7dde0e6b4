"""Waking, idling out and swipe thresholds, on a clock the test moves."""

from __future__ import annotations

import pytest

from kiosk.interaction import FLICK_DISTANCE, SWIPE_DISTANCE, Mode, Swipe, VisitorSession


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_first_input_wakes_and_is_used_up() -> None:
    session = VisitorSession(60, Clock())
    assert session.mode is Mode.ATTRACT
    assert session.input() is True
    assert session.mode is Mode.INTERACTIVE
    assert session.input() is False


def test_idle_then_countdown_then_attract() -> None:
    clock = Clock()
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
    clock = Clock()
    session = VisitorSession(60, clock)
    session.input()
    clock.now = 65
    session.tick()
    assert session.input() is True  # the tap only dismisses the countdown
    assert session.mode is Mode.INTERACTIVE
    clock.now = 124
    assert session.tick() is Mode.INTERACTIVE


@pytest.mark.parametrize(
    ("moves", "seconds", "expected"),
    [
        ([-10], 0.5, None),  # barely moved: a tap
        ([-100, -200, -300, -400], 1.0, 1),  # a long drag to the left: next
        ([100, 200, 300, 400], 1.0, -1),  # to the right: previous
        ([-50, -100, -150], 2.0, 0),  # short and slow: snap back
        ([-40, -80, -120], 0.05, 1),  # short but fast: a flick
    ],
)
def test_swipe_decisions(moves: list[int], seconds: float, expected: int | None) -> None:
    clock = Clock()
    swipe = Swipe(1920, 960, 500, clock)
    for index, dx in enumerate(moves, 1):
        clock.now = seconds * index / len(moves)
        swipe.move(960 + dx, 500)
    assert swipe.finish(960 + moves[-1], 500) == expected


def test_vertical_movement_is_not_a_swipe() -> None:
    swipe = Swipe(1920, 960, 500, Clock())
    assert swipe.move(980, 800) is None
    assert swipe.finish(980, 800) == 0  # moved, but not sideways: nothing turns


def test_thresholds_are_sane() -> None:
    assert 0 < FLICK_DISTANCE < SWIPE_DISTANCE < 0.5
