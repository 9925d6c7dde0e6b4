"""When a slide may play: dates, weekdays and a daily time window, at the kiosk's local time."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TypeVar

from kiosk.content.model import SlideBase, parse_hours

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

AnySlide = TypeVar("AnySlide", bound=SlideBase)


def is_active(slide: SlideBase, moment: datetime.datetime) -> bool:
    """Whether a slide plays at a moment; a slide without a schedule always plays."""
    day = moment.date()
    if slide.show_from is not None and day < slide.show_from:
        return False
    if slide.show_until is not None and day > slide.show_until:
        return False
    if slide.weekdays and WEEKDAYS[day.weekday()] not in slide.weekdays:
        return False
    if slide.hours:
        window = parse_hours(slide.hours)
        if window is not None:
            start, end = window
            now = moment.time()
            # A window like 22:00-02:00 runs over midnight.
            inside = start <= now < end if start < end else (now >= start or now < end)
            if not inside:
                return False
    return True


def active_slides(slides: Sequence[AnySlide], moment: datetime.datetime) -> list[AnySlide]:
    """The slides playing at a moment; all of them if none is (the screen is never empty)."""
    active = [slide for slide in slides if is_active(slide, moment)]
    return active or list(slides)
