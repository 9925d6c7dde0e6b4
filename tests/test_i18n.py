"""Dates and numbers as each audience writes them."""

from __future__ import annotations

import pytest

from kiosk import i18n
from kiosk.content.model import AsOf, link_for, link_language
from kiosk.content.value_types import LocalText

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once


@pytest.mark.parametrize(
    ("language", "month", "day"),
    [
        ("de", "Stand: Mai 2025", "Stand: 21. Mai 2025"),
        ("en", "As of May 2025", "As of 21 May 2025"),
        ("ru", "По состоянию на май 2025\u202fг.", "По состоянию на 21 мая 2025\u202fг."),
        ("be", "Па стане на травень 2025", "Па стане на 21 траўня 2025\u202fг."),
        # The kiosk has no words in Ukrainian: the line is English, and so is its date.
        ("uk", "As of May 2025", "As of 21 May 2025"),
    ],
)
def test_as_of_lines(language: str, month: str, day: str) -> None:
    assert i18n.as_of_line(AsOf(2025, 5), language) == month
    assert i18n.as_of_line(AsOf(2025, 5, 21), language) == day


def test_numbers() -> None:
    assert i18n.format_number(1100, "de") == "1.100"
    assert i18n.format_number(1100, "en") == "1,100"
    assert i18n.format_number(1100, "ru") == "1\u00a0100"  # a space no line break parts
    assert i18n.format_number(3.5, "de") == "3,5"
    assert i18n.format_number(3.5, "en") == "3.5"
    assert i18n.format_number(1100, "fr") == "1\u202f100"  # a figure follows its language


def test_dates_and_numbers_are_written_as_cldr_has_them() -> None:
    """The kiosk's tables are Babel's CLDR data (the built file is checked to be exactly
    what build_catalogs makes of it: test_catalogs), but for the campaign's Belarusian May."""
    from datetime import date

    from babel.dates import format_date, format_skeleton
    from babel.numbers import format_decimal

    for language in ("de", "en", "ru"):
        locale = "en_GB" if language == "en" else language
        for month in range(1, 13):
            alone = format_skeleton("yMMMM", date(2024, month, 1), locale=locale)
            assert i18n.format_date(AsOf(2024, month), language) == alone
            long = format_date(date(2024, month, 9), "long", locale=locale)
            assert i18n.format_date(AsOf(2024, month, 9), language) == long
        assert i18n.format_number(1234567, language) == format_decimal(1234567, locale=locale)
    assert i18n.format_date(AsOf(2024, 4), "be") == "красавік 2024"


def test_languages_are_named_in_themselves() -> None:
    names = [i18n.language_name(c) for c in ("de", "en", "be", "ru")]
    assert names == ["Deutsch", "English", "Беларуская", "Русский"]


@pytest.mark.parametrize(
    ("language", "n", "expected"),
    [
        ("en", 1, "Wrong PIN – 1 try left"),
        ("en", 2, "Wrong PIN – 2 tries left"),
        ("de", 1, "Falsche PIN – noch 1 Versuch"),
        ("de", 4, "Falsche PIN – noch 4 Versuche"),
        ("ru", 1, "Неверный PIN — осталась 1 попытка"),
        ("ru", 3, "Неверный PIN — осталось 3 попытки"),
        ("be", 5, "Няправільны PIN — засталося 5 спроб"),
        ("be", 21, "Няправільны PIN — засталася 21 спроба"),
    ],
)
def test_a_number_takes_its_grammatical_form(language: str, n: int, expected: str) -> None:
    assert i18n.counted("pin_wrong", n, language) == expected


def test_belarusian_and_russian_take_three_forms_of_a_counted_word() -> None:
    """One, few and many, by the last digits: 1, 21, 101 slide; 2 to 4, 22 slides (not 12 to
    14); 5 to 20, 25, 111 slides: what the catalogs' plural rule (from CLDR) gives."""
    numbers = (1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111)
    ru = {n: i18n.counted("n_slides", n, "ru") for n in numbers}
    assert ru == {
        1: "1 слайд",
        2: "2 слайда",
        4: "4 слайда",
        5: "5 слайдов",
        11: "11 слайдов",
        12: "12 слайдов",
        14: "14 слайдов",
        21: "21 слайд",
        22: "22 слайда",
        25: "25 слайдов",
        101: "101 слайд",
        111: "111 слайдов",
    }
    assert [i18n.counted("n_slides", n, "be") for n in (1, 3, 5)] == [
        "1 слайд",
        "3 слайды",
        "5 слайдаў",
    ]
    assert [i18n.counted("n_slides", n, "de") for n in (0, 1, 2)] == [
        "0 Folien",
        "1 Folie",
        "2 Folien",
    ]
    assert i18n.counted("n_slides", 1, "uk") == "1 slide"  # no words of its own: English


@pytest.mark.parametrize(
    ("links", "language", "url", "note"),
    [
        ({"de": "https://a.org/de", "en": "https://a.org/en"}, "de", "https://a.org/de", ""),
        (
            {"de": "https://a.org/de", "en": "https://a.org/en"},
            "ru",
            "https://a.org/en",
            "Страница на английском",
        ),
        ({"de": "https://a.org/de"}, "be", "https://a.org/de", "Старонка па\u2011нямецку"),
        (
            {"de": "https://a.org/de", "uk": "https://a.org/uk"},
            "en",
            "https://a.org/de",
            "Page in German",
        ),
        ("https://a.org/", "ru", "https://a.org/", ""),  # one page for all: its language unknown
    ],
)
def test_a_link_to_a_page_in_another_language_says_which(
    links: dict[str, str] | str, language: str, url: str, note: str
) -> None:
    """A visitor sent to a page not in their language is told which language it is in."""
    text = LocalText(links)
    assert link_for(text, language, "de") == url
    assert i18n.page_language_note(link_language(text, language, "de"), language) == note


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANGUAGE": "be_BY:ru", "LANG": "de_DE.UTF-8"}, "be"),
        ({"LANGUAGE": "uk:ru"}, "ru"),  # the first the kiosk has words in
        ({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_a_command_speaks_the_environment_s_language(
    environment: dict[str, str], expected: str
) -> None:
    from kiosk.i18n.catalogs import environment_language

    assert environment_language(environment) == expected
