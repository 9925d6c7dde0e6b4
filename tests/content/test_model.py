"""Value types of the show format."""

from __future__ import annotations

import datetime

import pytest

from kiosk.content.model import AsOf, LocalText
from kiosk.content.value_types import ValueCheckError

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once


def test_text_in_one_language_serves_all() -> None:
    text = LocalText.parse("Belarus")
    assert text.get("de") == text.get("ru") == "Belarus"
    assert text.languages() is None


def test_text_falls_back_to_the_default_language() -> None:
    text = LocalText.parse({"de": "Hallo", "en": "Hello"})
    assert text.get("en", "de") == "Hello"
    assert text.get("be", "de") == "Hallo"


def test_whole_numbers_are_text_but_decimals_need_quotes() -> None:
    assert LocalText.parse(350).get("de") == "350"
    with pytest.raises(ValueCheckError, match="put it in quotes"):
        LocalText.parse(1.1)


def test_empty_and_overlong_text() -> None:
    with pytest.raises(ValueCheckError, match="is empty"):
        LocalText.parse("   ")
    with pytest.raises(ValueCheckError, match="10,000 characters long"):
        LocalText.parse("x" * 10_000)


def test_as_of_month_or_day() -> None:
    assert AsOf.parse("2025-05").isoformat() == "2025-05"
    assert AsOf.parse(datetime.date(2025, 5, 21)).isoformat() == "2025-05-21"
    assert AsOf.parse("2025-05").first_day == datetime.date(2025, 5, 1)
    with pytest.raises(ValueCheckError):
        AsOf.parse("May 2025")
