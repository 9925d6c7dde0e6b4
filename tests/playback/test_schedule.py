"""Slides on given days, weekdays and hours, at the kiosk's local time."""

from __future__ import annotations

import datetime
from typing import Any

from kiosk.content.checker import validated
from kiosk.content.model import LocalText, TitleSlide, parse_hours
from kiosk.playback.schedule import active_slides, is_active


def slide(slide_id: str = "s", **schedule: Any) -> TitleSlide:
    """A real slide of the show model with the given schedule fields, checked as in a show."""
    return validated(
        TitleSlide,
        {"kind": "title", "id": slide_id, "headline": LocalText.parse("Release N:OW"), **schedule},
    )


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def test_unscheduled_slides_always_play() -> None:
    assert is_active(slide(), at("2026-01-01T03:00"))


def test_dates_are_inclusive() -> None:
    day = slide(show_from=datetime.date(2026, 5, 21), show_until=datetime.date(2026, 5, 21))
    assert not is_active(day, at("2026-05-20T23:59"))
    assert is_active(day, at("2026-05-21T00:00"))
    assert is_active(day, at("2026-05-21T23:59"))
    assert not is_active(day, at("2026-05-22T00:00"))


def test_weekdays() -> None:
    weekend = slide(weekdays=["sat", "sun"])
    assert is_active(weekend, at("2026-05-23T12:00"))  # a Saturday
    assert not is_active(weekend, at("2026-05-22T12:00"))  # a Friday


def test_evening_window_and_one_over_midnight() -> None:
    evening = slide(hours="18:00-22:00")
    assert not is_active(evening, at("2026-05-21T17:59"))
    assert is_active(evening, at("2026-05-21T18:00"))
    assert not is_active(evening, at("2026-05-21T22:00"))
    night = slide(hours="22:00-02:00")
    assert is_active(night, at("2026-05-21T23:30"))
    assert is_active(night, at("2026-05-22T01:59"))
    assert not is_active(night, at("2026-05-22T02:00"))


def test_hours_format() -> None:
    assert parse_hours("09:30-24:00") == (datetime.time(9, 30), datetime.time.max)
    assert parse_hours("9-17") is None
    assert parse_hours("25:00-26:00") is None


def test_never_an_empty_loop() -> None:
    slides = [slide("a", weekdays=["mon"]), slide("b", weekdays=["tue"])]
    assert [s.id for s in active_slides(slides, at("2026-05-24T12:00"))] == ["a", "b"]  # Sunday
    assert [s.id for s in active_slides(slides, at("2026-05-25T12:00"))] == ["a"]  # Monday
