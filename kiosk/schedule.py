"""When a slide may play: dates, weekdays and a daily time window, at the kiosk's local time."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from typing import Any

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$")

Now = Callable[[], datetime.datetime]


def parse_hours(text: str) -> tuple[datetime.time, datetime.time] | None:
    """'18:00-22:00' as two times; None when the text is not such a window."""
    match = HOURS.match(text.strip())
    if not match:
        return None
    start_h, start_m, end_h, end_m = (int(g) for g in match.groups())
    start = datetime.time(start_h, start_m)
    end = datetime.time.max if (end_h, end_m) == (24, 0) else datetime.time(end_h % 24, end_m)
    return start, end


def is_active(slide: Any, moment: datetime.datetime) -> bool:
    """Whether a slide plays at a moment; a slide without a schedule always plays."""
    day = moment.date()
    show_from = getattr(slide, "show_from", None)
    show_until = getattr(slide, "show_until", None)
    if show_from is not None and day < show_from:
        return False
    if show_until is not None and day > show_until:
        return False
    weekdays = getattr(slide, "weekdays", None)
    if weekdays and WEEKDAYS[day.weekday()] not in weekdays:
        return False
    hours = getattr(slide, "hours", None)
    if hours:
        window = parse_hours(hours)
        if window is not None:
            start, end = window
            now = moment.time()
            # A window like 22:00-02:00 runs over midnight.
            inside = start <= now < end if start < end else (now >= start or now < end)
            if not inside:
                return False
    return True


def active_slides(slides: Sequence[Any], moment: datetime.datetime) -> list[Any]:
    """The slides playing at a moment; all of them if none is (the screen is never empty)."""
    active = [slide for slide in slides if is_active(slide, moment)]
    return active or list(slides)
