"""Swipe thresholds: what a drag of a given length and speed means."""

from __future__ import annotations

import pytest

from kiosk.ui.swipe import FLICK_DISTANCE, SWIPE_DISTANCE, Swipe
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


def test_thresholds_are_sane() -> None:
    assert 0 < FLICK_DISTANCE < SWIPE_DISTANCE < 0.5
