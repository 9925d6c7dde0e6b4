"""The kiosk's own words in each language, and dates and numbers written as readers expect
(as CLDR has them: kiosk/i18n/written_forms.py).

The English words are kept by screen (visitor_words, staff_words, status_words, and
counted_words for the texts with a number in them); every other language's are in gettext
catalogs (kiosk/i18n/locale, built with `make catalogs`), looked up by the same keys.
"""

from __future__ import annotations

from typing import Protocol

from kiosk.i18n.catalogs import catalog, has_words_in
from kiosk.i18n.counted_words import COUNTED
from kiosk.i18n.staff_words import STAFF_WORDS
from kiosk.i18n.status_words import STATUS_WORDS
from kiosk.i18n.visitor_words import VISITOR_WORDS
from kiosk.i18n.written_forms import FORMS

__all__ = [
    "COUNTED",
    "FALLBACK",
    "LANGUAGE_NAMES",
    "SOURCE",
    "as_of_line",
    "counted",
    "dash",
    "format_date",
    "format_number",
    "language_name",
    "page_language_note",
    "text",
]

FALLBACK = "en"


class Day(Protocol):
    """A date as figures give it: a month of a year, or a day of it (the show's `AsOf`)."""

    @property
    def year(self) -> int: ...
    @property
    def month(self) -> int: ...
    @property
    def day(self) -> int | None: ...


# Each language named in itself, for the language switch.
LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "be": "Беларуская",
    "ru": "Русский",
    "uk": "Українська",
    "pl": "Polski",
    "lt": "Lietuvių",
    "fr": "Français",
}

# Every text without a number, in English, by key.
SOURCE: dict[str, str] = {**VISITOR_WORDS, **STAFF_WORDS, **STATUS_WORDS}


# The dash between parts of a line, as each language sets it: the spaced en dash in German and
# English, the em dash in Belarusian, Russian and Ukrainian.
_DASHES = {"de": "–", "en": "–", "pl": "–", "lt": "–", "fr": "–"}


def dash(language: str) -> str:
    return _DASHES.get(language, "—")


def page_language_note(page_language: str | None, language: str) -> str:
    """'Page in English' in the visitor's language, when a link leads to a page in
    another language than theirs; empty when it is theirs or not known."""
    if page_language is None or page_language == language:
        return ""
    key = f"page_in_{page_language}"
    return text(key if key in SOURCE else "page_in_other", language)


def text(key: str, language: str) -> str:
    """The kiosk's text `key` in a language (in English where it has none)."""
    return catalog(language).pgettext(key, SOURCE[key])


def counted(key: str, n: int, language: str) -> str:
    """A text with a number, in the grammatical form that number takes: '1 try', '2 tries',
    and in Belarusian and Russian '1 спроба', '3 спробы', '5 спроб'."""
    one, other = COUNTED[key]
    return catalog(language).npgettext(key, one, other, n).format(n=n)


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def format_date(day: Day, language: str) -> str:
    """'Mai 2025', 'May 2025', 'май 2025 г.', or with a day: '21. Mai 2025', '21 мая 2025 г.',
    as CLDR writes them (kiosk/i18n/written_forms.py). A date stands among the kiosk's own
    words, so it is written in English where the kiosk has no words in the language."""
    forms = FORMS[language if has_words_in(language) else FALLBACK]
    if day.day is None:
        month = forms["month"][day.month - 1]
        return str(forms["month_year"]).format(month=month, year=day.year)
    month = forms["month_of_day"][day.month - 1]
    return str(forms["day_month_year"]).format(day=day.day, month=month, year=day.year)


def as_of_line(day: Day, language: str) -> str:
    return text("as_of", language).format(date=format_date(day, language))


def format_number(value: float, language: str) -> str:
    """Thousands and decimals as each language writes them (CLDR): 1.100 / 1,100 / 1 100.
    A figure stands alone, so it follows its language even where the kiosk has no words."""
    forms = FORMS.get(language, FORMS[FALLBACK])
    whole = float(value).is_integer()
    raw = f"{value:,.0f}" if whole else f"{value:,.1f}"
    group, decimal = str(forms["group"]), str(forms["decimal"])
    return "".join(group if c == "," else decimal if c == "." else c for c in raw)
