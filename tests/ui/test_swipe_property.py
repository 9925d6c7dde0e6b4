"""What a drag means, for drags Hypothesis makes up: the page turns the way the finger went,
a tap stays a tap, and a finger moving up or down never turns the page."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.ui.swipe import Swipe
from tests.clocks import StepClock

# A finger that stays within 2 % of the screen's width has tapped; a drag of 18 % of the width
# turns the page, however slowly it went. (The numbers the recogniser is held to, written here
# on purpose: kiosk/ui/swipe.py may not quietly move them.)
TAP_SHARE = 0.02
SWIPE_SHARE = 0.18

WIDTHS = st.sampled_from([800, 1080, 1280, 1920, 2160, 3840])
# Seconds between two samples of the finger: from a burst of events to a pause mid-drag.
STEPS = st.floats(min_value=0.0, max_value=0.5)
QUICK = settings(max_examples=200, deadline=None, database=None)


@st.composite
def jitter(draw: st.DrawFn, width: int, count: int) -> list[tuple[float, float]]:
    """Offsets a trembling finger adds to a path, each within the tap slop (2 % of the width)."""
    reach = TAP_SHARE * width * 0.99
    points = []
    for _ in range(count):
        radius = draw(st.floats(min_value=0.0, max_value=reach))
        angle = draw(st.floats(min_value=0.0, max_value=2 * math.pi))
        points.append((radius * math.cos(angle), radius * math.sin(angle)))
    return points


def _drag(
    width: int, start: tuple[float, float], path: list[tuple[float, float]], steps: list[float]
) -> tuple[list[float | None], int | None]:
    """Feeds a path to the recogniser as a finger would; what each move showed, and the end."""
    clock = StepClock()
    swipe = Swipe(width, *start, clock)
    shown = []
    for (x, y), step in zip(path[:-1], steps, strict=False):
        clock.now += step
        shown.append(swipe.move(x, y))
    clock.now += steps[-1] if steps else 0.0
    return shown, swipe.finish(*path[-1])


@QUICK
@given(
    width=WIDTHS,
    start_share=st.floats(min_value=0.0, max_value=1.0),
    share=st.floats(min_value=SWIPE_SHARE + 0.005, max_value=1.0),
    leftwards=st.booleans(),
    data=st.data(),
)
def test_a_long_horizontal_drag_turns_the_page_the_way_the_finger_went(
    width: int, start_share: float, share: float, leftwards: bool, data: st.DataObject
) -> None:
    """Past 18 % of the width, slow or fast, trembling on the way: to the left is the next
    slide (+1), to the right the previous one (-1)."""
    count = data.draw(st.integers(min_value=1, max_value=12), label="samples")
    start = (start_share * width, 500.0)
    sign = -1 if leftwards else 1
    wobble = data.draw(jitter(width, count), label="jitter")
    # Along the way the finger goes anywhere between the start and the end, give or take the
    # jitter, and back and forth; it ends past 18 %, at most a tremble off the horizontal.
    along = data.draw(
        st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=count - 1, max_size=count - 1),
        label="along",
    )
    end_dx = sign * share * width
    path = [
        (start[0] + f * end_dx + dx, start[1] + dy)
        for f, (dx, dy) in zip([*along, 1.0], wobble, strict=True)
    ]
    path[-1] = (start[0] + end_dx, start[1] + wobble[-1][1])
    steps = data.draw(st.lists(STEPS, min_size=count, max_size=count), label="steps")
    _, decided = _drag(width, start, path, steps)
    assert decided == (1 if leftwards else -1)


@QUICK
@given(width=WIDTHS, data=st.data())
def test_a_tap_within_the_slop_never_becomes_a_swipe(width: int, data: st.DataObject) -> None:
    """A finger that never leaves 2 % of the width around where it landed has tapped: the
    slide does not follow it, and nothing turns."""
    count = data.draw(st.integers(min_value=1, max_value=12), label="samples")
    start = (width / 2, 400.0)
    path = [(start[0] + dx, start[1] + dy) for dx, dy in data.draw(jitter(width, count))]
    steps = data.draw(st.lists(STEPS, min_size=count, max_size=count), label="steps")
    shown, decided = _drag(width, start, path, steps)
    assert shown == [None] * len(shown)
    assert decided is None


@QUICK
@given(
    width=WIDTHS,
    points=st.lists(
        st.tuples(
            st.floats(min_value=-1.0, max_value=1.0),  # up or down, a share of the height
            st.floats(min_value=-0.5, max_value=0.5),  # sideways, at most half as far
        ),
        min_size=1,
        max_size=12,
    ),
    steps=st.lists(STEPS, min_size=12, max_size=12),
)
def test_a_vertical_drag_never_turns_the_page(
    width: int, points: list[tuple[float, float]], steps: list[float]
) -> None:
    """A finger moving up or down (never sideways more than half as far as it went up or down)
    never turns the page, and the slide never starts to follow it sideways."""
    height = width * 9 / 16
    start = (width / 2, height / 2)
    path = [
        (start[0] + across * abs(vertical) * height / 2, start[1] + vertical * height / 2)
        for vertical, across in points
    ]
    shown, decided = _drag(width, start, path, steps[: len(path)])
    assert shown == [None] * len(shown)
    assert decided in (None, 0)
