"""The schedule, for schedules and moments Hypothesis makes up: an unscheduled slide always
plays, a slide whose days or hours leave a moment out never plays then, and the screen is never
empty (docs/content.md, "Scheduled slides")."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kiosk.content.checker import validated
from kiosk.content.model import LocalText, TitleSlide
from kiosk.playback.schedule import active_slides, is_active

QUICK = settings(max_examples=200, deadline=None, database=None)
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # the weekdays a show may name
DAY_S = 24 * 3600

# Moments to whole seconds, often on the minute, where a window starts or ends. (Left out: the
# last microsecond of a day, when a window ending "24:00" is already over.)
MOMENTS = st.datetimes(
    min_value=datetime.datetime(2024, 1, 1), max_value=datetime.datetime(2030, 12, 31)
).flatmap(
    lambda moment: st.sampled_from(
        [moment.replace(microsecond=0), moment.replace(second=0, microsecond=0)]
    )
)
DAYS = st.integers(min_value=1, max_value=400)
DATES = st.dates(min_value=datetime.date(2023, 12, 1), max_value=datetime.date(2031, 1, 31))
# A daily window as a show writes it, "HH:MM-HH:MM", the end "24:00" for midnight. A window
# whose end is its start says nothing clear (all day? never?) and is left out.
MINUTES = st.integers(min_value=0, max_value=24 * 60 - 1)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def slide(slide_id: str = "s", **schedule: Any) -> TitleSlide:
    """A real slide of the show model with the given schedule fields, checked as in a show."""
    return validated(
        TitleSlide,
        {"kind": "title", "id": slide_id, "headline": LocalText.parse("Release N:OW"), **schedule},
    )


@st.composite
def schedules(draw: st.DrawFn, moment: datetime.datetime) -> dict[str, Any]:
    """Any mix of the four schedule fields, each present or not; dates and window edges often
    right beside the moment, where a day or a minute too many or too few would show."""
    day = moment.date()
    near_day = st.integers(min_value=-2, max_value=2).map(lambda n: day + datetime.timedelta(n))
    minute = moment.hour * 60 + moment.minute
    near_minute = st.integers(min_value=-2, max_value=2).map(lambda n: (minute + n) % (24 * 60))
    schedule: dict[str, Any] = {}
    if draw(st.booleans()):
        schedule["show_from"] = draw(st.one_of(near_day, DATES))
    if draw(st.booleans()):
        schedule["show_until"] = draw(st.one_of(near_day, DATES))
    if draw(st.booleans()):
        schedule["weekdays"] = sorted(
            draw(st.sets(st.sampled_from(DAY_NAMES), min_size=1)), key=DAY_NAMES.index
        )
    if draw(st.booleans()):
        start = draw(st.one_of(near_minute, MINUTES))
        end = draw(st.one_of(near_minute, MINUTES, st.just(24 * 60)).filter(lambda e: e != start))
        schedule["hours"] = f"{_hhmm(start)}-{_hhmm(end)}"
    return schedule


def plays(schedule: dict[str, Any], moment: datetime.datetime) -> bool:
    """What the schedule says, worked out here on its own: dates inclusive, the weekday by
    name, the window as the part of the day from its start, running past midnight."""
    day = moment.date()
    if "show_from" in schedule and day < schedule["show_from"]:
        return False
    if "show_until" in schedule and day > schedule["show_until"]:
        return False
    if "weekdays" in schedule and DAY_NAMES[day.isoweekday() - 1] not in schedule["weekdays"]:
        return False
    if "hours" in schedule:
        start_text, end_text = schedule["hours"].split("-")
        start = int(start_text[:2]) * 3600 + int(start_text[3:]) * 60
        end = int(end_text[:2]) * 3600 + int(end_text[3:]) * 60
        length = (end - start) % DAY_S or DAY_S
        since_start = (moment.hour * 3600 + moment.minute * 60 + moment.second - start) % DAY_S
        if since_start >= length:
            return False
    return True


@QUICK
@given(moment=MOMENTS, data=st.data())
def test_a_slide_plays_exactly_when_its_schedule_says(
    moment: datetime.datetime, data: st.DataObject
) -> None:
    schedule = data.draw(schedules(moment), label="schedule")
    assert is_active(slide(**schedule), moment) == plays(schedule, moment)


@QUICK
@given(moment=MOMENTS, data=st.data())
def test_a_slide_whose_days_or_hours_leave_the_moment_out_never_plays(
    moment: datetime.datetime, data: st.DataObject
) -> None:
    """Built to leave the moment out, one way or another, and offered beside slides that do
    play: it is not in the loop."""
    way = data.draw(st.sampled_from(["before", "after", "weekday", "hours"]), label="left out by")
    day = moment.date()
    if way == "before":
        schedule: dict[str, Any] = {"show_from": day + datetime.timedelta(days=data.draw(DAYS))}
    elif way == "after":
        schedule = {"show_until": day - datetime.timedelta(days=data.draw(DAYS))}
    elif way == "weekday":
        today = DAY_NAMES[day.isoweekday() - 1]
        days = data.draw(st.sets(st.sampled_from([d for d in DAY_NAMES if d != today]), min_size=1))
        schedule = {"weekdays": sorted(days, key=DAY_NAMES.index)}
    else:
        now = moment.hour * 60 + moment.minute
        # A window that starts after this minute and ends at or before it, over midnight or not.
        start = (now + data.draw(st.integers(min_value=1, max_value=24 * 60 - 1))) % (24 * 60)
        length = data.draw(st.integers(min_value=1, max_value=(now - start) % (24 * 60)))
        end = (start + length) % (24 * 60)
        schedule = {"hours": f"{_hhmm(start)}-{_hhmm(end)}"}
    left_out = slide("left-out", **schedule)
    assert not is_active(left_out, moment), schedule
    others = [slide("always"), slide("left-out", **schedule), slide("also-always")]
    assert [s.id for s in active_slides(others, moment)] == ["always", "also-always"]


@settings(QUICK, max_examples=100)
@given(moment=MOMENTS, data=st.data())
def test_the_loop_is_the_slides_that_play_and_never_empty(
    moment: datetime.datetime, data: st.DataObject
) -> None:
    """Unscheduled slides always play; the loop keeps the show's order; when no slide is
    scheduled for the moment, all of them play."""
    unscheduled: st.SearchStrategy[dict[str, Any]] = st.just({})
    plan = data.draw(
        st.lists(st.one_of(unscheduled, schedules(moment)), min_size=1, max_size=6), label="plan"
    )
    slides = [slide(f"s{n}", **schedule) for n, schedule in enumerate(plan)]
    playing = [s.id for s in active_slides(slides, moment)]
    expected = [f"s{n}" for n, schedule in enumerate(plan) if plays(schedule, moment)]
    assert playing, "the screen is never empty"
    assert playing == (expected or [s.id for s in slides])
    assert {f"s{n}" for n, schedule in enumerate(plan) if not schedule} <= set(playing)


@QUICK
@given(moment=MOMENTS, start=MINUTES)
def test_a_window_from_a_minute_to_midnight_plays_until_midnight(
    moment: datetime.datetime, start: int
) -> None:
    """ "HH:MM-24:00" and "HH:MM-00:00" mean the same: from then to the end of the day."""
    assume(start != 0)
    for end in ("24:00", "00:00"):
        expected = moment.hour * 60 + moment.minute >= start
        assert is_active(slide(hours=f"{_hhmm(start)}-{end}"), moment) == expected
