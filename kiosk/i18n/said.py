"""Words the kiosk says about itself (log lines, kiosk.toml's problems) that staff also read.

The log file stays in English, for whoever supports the kiosk; the staff status shows the same
lines in the staff's language. A log line's English is its format string in the code
(`log.error("cannot save %s: %s", path, error)`), which is the text a translator sees in the
catalogs under the context "log"; a text built before it is logged is a `Said`: its English
template with named values (`said("{path}: unknown setting '{key}'", path=..., key=...)`),
under the context "said". `make catalogs` finds both in the code.

Values (paths, a system's error text, a key someone typed) are never translated.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from kiosk.i18n.catalogs import catalog

LOG_CONTEXT = "log"
SAID_CONTEXT = "said"


class Said(str):
    """A text with its values: in English as a str, in another language by `in_language`.

    A value may itself be a `Said` (the part of a show a problem is in: "slide 'intro'"),
    said in the same language."""

    template: str  # English, with {named} places for the values
    values: tuple[tuple[str, str], ...]

    def __new__(cls, template: str, values: tuple[tuple[str, str], ...] = ()) -> Said:
        text = super().__new__(cls, template.format(**dict(values)))
        text.template, text.values = template, values
        return text

    def __getnewargs__(self) -> tuple[str, tuple[tuple[str, str], ...]]:  # type: ignore[override]
        return self.template, self.values

    def in_language(self, language: str) -> str:
        if language == "en":
            return str(self)
        translated = catalog(language).pgettext(SAID_CONTEXT, self.template)
        values = {name: in_language(value, language) for name, value in self.values}
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation that lost a place
            return self.template.format(**values)


def said(template: str, **values: object) -> Said:
    """A text to say in the reader's language: its English template and its values (a value
    that is a `Said`, or an error raised with one, is said in that language too; anything
    else as its text)."""
    return Said(template, tuple((name, _value(value)) for name, value in values.items()))


def _value(value: object) -> str:
    if (
        isinstance(value, BaseException)
        and len(value.args) == 1
        and isinstance(value.args[0], Said)
    ):
        return value.args[0]
    return value if isinstance(value, Said) else str(value)


def english(template: str) -> str:
    """Marks an English template for the catalogs where it is not said at once (a table of
    messages): `make catalogs` finds it as it finds `said`."""
    return template


def in_language(text: object, language: str) -> str:
    """A text as a reader of `language` reads it: a `Said` translated, anything else as is."""
    return text.in_language(language) if isinstance(text, Said) else str(text)


@dataclass(frozen=True)
class LoggedLine:
    """A log record as the staff status keeps it: its format, its values, in one line."""

    created: float
    template: str
    args: tuple[Any, ...]
    english: str  # the first line as the log file has it

    @classmethod
    def of(cls, record: logging.LogRecord, english: str) -> LoggedLine:
        args = record.args if isinstance(record.args, tuple) else ()
        # Kept as numbers and texts: the record's objects may change or hold much.
        kept = tuple(a if isinstance(a, int | float | Said) else str(a) for a in args)
        template = record.msg if isinstance(record.msg, str) else english
        return cls(record.created, template, kept, english)

    def in_language(self, language: str) -> str:
        """The first line in `language`; English where it has no words."""
        translated = catalog(language).pgettext(LOG_CONTEXT, self.template)
        values = tuple(a.in_language(language) if isinstance(a, Said) else a for a in self.args)
        try:
            text = translated % values if values else translated
        except (TypeError, ValueError, KeyError):  # a translation that lost a place
            return self.english
        lines = text.strip().splitlines()
        return lines[0] if lines else self.english
