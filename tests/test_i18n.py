"""Dates and numbers as each audience writes them."""

from __future__ import annotations

import pytest

from kiosk import i18n
from kiosk.content.model import AsOf


@pytest.mark.parametrize(
    ("language", "month", "day"),
    [
        ("de", "Stand: Mai 2025", "Stand: 21. Mai 2025"),
        ("en", "As of May 2025", "As of 21 May 2025"),
        ("ru", "По состоянию на май 2025 г.", "По состоянию на 21 мая 2025 г."),
        ("be", "Па стане на травень 2025 г.", "Па стане на 21 траўня 2025 г."),
    ],
)
def test_as_of_lines(language: str, month: str, day: str) -> None:
    assert i18n.as_of_line(AsOf(2025, 5), language) == month
    assert i18n.as_of_line(AsOf(2025, 5, 21), language) == day


def test_numbers() -> None:
    assert i18n.format_number(1100, "de") == "1.100"
    assert i18n.format_number(1100, "en") == "1,100"
    assert i18n.format_number(1100, "ru") == "1\u202f100"
    assert i18n.format_number(3.5, "de") == "3,5"


def test_languages_are_named_in_themselves() -> None:
    names = [i18n.language_name(c) for c in ("de", "en", "be", "ru")]
    assert names == ["Deutsch", "English", "Беларуская", "Русский"]
