"""Swipe thresholds: what a drag of a given length and speed means."""

from __future__ import annotations

import pytest

from kiosk.ui.swipe import Swipe
from tests.clocks import StepClock


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
    clock = StepClock()
    swipe = Swipe(1920, 960, 500, clock)
    for index, dx in enumerate(moves, 1):
        clock.now = seconds * index / len(moves)
        swipe.move(960 + dx, 500)
    assert swipe.finish(960 + moves[-1], 500) == expected


def test_vertical_movement_is_not_a_swipe() -> None:
    swipe = Swipe(1920, 960, 500, StepClock())
    assert swipe.move(980, 800) is None
    assert swipe.finish(980, 800) == 0  # moved, but not sideways: nothing turns


@pytest.mark.parametrize(
    ("share", "seconds", "expected"),
    [
        (0.019, 0.5, None),  # under 2 % of the width: a tap
        (0.021, 2.0, 0),  # past 2 %: a drag, which springs back
        (0.175, 2.0, 0),  # slow and under 18 % of the width: springs back
        (0.185, 2.0, 1),  # slow, past 18 %: the page turns
        (0.045, 0.03, 0),  # fast but under 5 %: not a flick
        (0.055, 0.03, 1),  # fast and past 5 %: a flick turns the page
    ],
)
def test_the_thresholds_in_shares_of_the_width(
    share: float, seconds: float, expected: int | None
) -> None:
    """A drag of 18 % of the screen's width turns the page at any speed, a flick from 5 %;
    under 2 % a finger has tapped."""
    clock = StepClock()
    swipe = Swipe(1920, 960, 500, clock)
    clock.now = seconds
    assert swipe.finish(960 - share * 1920, 500) == expected
