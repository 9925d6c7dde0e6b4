"""The value types a show's fields are made of: text per language, paths, dates, colours, hours."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Annotated, Any, ClassVar, Literal

from kiosk.i18n.said import Said, english, said

JsonSchemaValue = dict[str, Any]

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
SLIDE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$")
MAX_TEXT_CHARS = 2000


def describe_value(value: Any) -> str:
    """A value as an organiser wrote it, in words (a `Said`; a text as it is, quoted)."""
    if isinstance(value, bool):
        return said("yes/no value {value}", value=str(value).lower())
    if isinstance(value, int | float):
        return said("number {value}", value=value)
    if isinstance(value, datetime.date):
        return said("date {value}", value=value.isoformat())
    if value is None:
        return said("nothing")
    if isinstance(value, list):
        return said("a list")
    if isinstance(value, dict):
        return said("a map of keys")
    return repr(value)


class ValueCheckError(ValueError):
    """What is wrong with a value, in an organiser's words: a kind (for tests and tools), a
    message template and the values it names."""

    def __init__(self, kind: str, template: str, context: dict[str, Any] | None = None):
        super().__init__(template.format(**(context or {})))
        self.kind, self.template, self.context = kind, template, context or {}

    def said(self) -> Said:
        """The message, to be said in the reader's language."""
        return said(self.template, **self.context)


def _checked_by(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """check as pydantic runs it: a ValueCheckError becomes pydantic's error of the same kind."""

    def run(value: Any) -> Any:
        try:
            return check(value)
        except ValueCheckError as problem:
            raise ValueCheckError(problem.kind, problem.template, problem.context) from None

    return run


# The show's classes are plain data: the running kiosk imports no pydantic. Only the check
# (kiosk.content.checker) validates them with pydantic, which asks each of these for its
# part of the validator and of the JSON Schema when it builds them.


class Checked:
    """A field's own check (a function that returns the value or raises ValueCheckError) and its
    JSON Schema: pydantic runs it in place of its own validation of the type."""

    def __init__(self, check: Callable[[Any], Any], json_schema: JsonSchemaValue):
        self.check, self.json_schema = check, json_schema

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(_checked_by(self.check))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> JsonSchemaValue:
        return self.json_schema


class Pydantic:
    """One of pydantic's annotations (`Field`, `Discriminator`), made when a check asks."""

    def __init__(self, name: str, *args: Any, **kwargs: Any):
        self.name, self.args, self.kwargs = name, args, kwargs

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        import pydantic

        made = getattr(pydantic, self.name)(*self.args, **self.kwargs)
        return handler.generate_schema(Annotated[source, made])


class ValidatedType:
    """A value type that checks itself (cls.parse) and describes itself (JSON_SCHEMA)."""

    JSON_SCHEMA: ClassVar[JsonSchemaValue] = {}

    @classmethod
    def parse(cls, value: Any) -> Any:
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(_checked_by(cls.parse))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> JsonSchemaValue:
        return cls.JSON_SCHEMA


class LocalText(ValidatedType):
    """Visible text: one string for every language, or one string per language code."""

    __slots__ = ("by_language", "universal")

    def __init__(self, value: str | dict[str, str]):
        if isinstance(value, str):
            self.universal: str | None = value
            self.by_language: dict[str, str] = {}
        else:
            self.universal = None
            self.by_language = dict(value)

    def get(self, language: str, fallback: str | None = None) -> str:
        """The text in language, else in fallback, else in the first language given."""
        if self.universal is not None:
            return self.universal
        for code in (language, fallback):
            if code is not None and code in self.by_language:
                return self.by_language[code]
        return next(iter(self.by_language.values()), "")

    def languages(self) -> set[str] | None:
        """The languages given, or None when one text serves every language."""
        return None if self.universal is not None else set(self.by_language)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, LocalText)
            and type(other) is type(self)
            and (self.universal, self.by_language) == (other.universal, other.by_language)
        )

    def __hash__(self) -> int:
        return hash((self.universal, tuple(sorted(self.by_language.items()))))

    def __repr__(self) -> str:
        shown = self.universal if self.universal is not None else self.by_language
        return f"{type(self).__name__}({shown!r})"

    @classmethod
    def _check_string(cls, value: Any, language: str | None = None) -> str:
        # Each message whole, with or without the language, so that it can be translated.
        context = {"language": language} if language else {}
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            quotes = isinstance(value, bool | float | datetime.date)
            template = {
                (False, False): english("expected text, got {got}"),
                (False, True): english("expected text, got {got}; put it in quotes"),
                (True, False): english("expected text for '{language}', got {got}"),
                (True, True): english(
                    "expected text for '{language}', got {got}; put it in quotes"
                ),
            }[(bool(language), quotes)]
            raise ValueCheckError("text_type", template, {**context, "got": describe_value(value)})
        if not value.strip():
            template = (
                english("text for '{language}' is empty") if language else english("text is empty")
            )
            raise ValueCheckError("text_empty", template, context)
        if len(value) > MAX_TEXT_CHARS:
            template = (
                english(
                    "text for '{language}' is {count} characters long; a slide shows at most "
                    "{limit}"
                )
                if language
                else english("text is {count} characters long; a slide shows at most {limit}")
            )
            context.update(count=f"{len(value):,}", limit=f"{MAX_TEXT_CHARS:,}")
            raise ValueCheckError("text_too_long", template, context)
        return value

    @classmethod
    def parse(cls, value: Any) -> LocalText:
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            if not value:
                raise ValueCheckError("text_empty", "text has no language in it")
            checked = {}
            for code, text in value.items():
                if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
                    raise ValueCheckError(
                        "language_code",
                        "'{code}' is not a language code (use two or three lowercase letters, "
                        "like de, en, be, ru)",
                        {"code": code},
                    )
                checked[code] = cls._check_string(text, code)
            return cls(checked)
        return cls(cls._check_string(value))

    JSON_SCHEMA: ClassVar[JsonSchemaValue] = {
        "anyOf": [
            {"type": "string", "minLength": 1},
            {
                "type": "object",
                "description": "One text per language code",
                "propertyNames": {"pattern": LANGUAGE_CODE.pattern},
                "additionalProperties": {"type": "string", "minLength": 1},
                "minProperties": 1,
            },
        ]
    }


class LocalUrl(LocalText):
    """A web address, the same for every language or one per language."""


class AssetPath(str, ValidatedType):
    """A file inside the content folder, named by a path relative to it."""

    __slots__ = ()

    @classmethod
    def parse(cls, value: Any) -> AssetPath:
        if not isinstance(value, str) or not value.strip():
            raise ValueCheckError(
                "path_type",
                "expected a file path relative to the content folder, got {got}",
                {"got": describe_value(value)},
            )
        return cls(value.strip())

    JSON_SCHEMA: ClassVar[JsonSchemaValue] = {
        "type": "string",
        "minLength": 1,
        "description": "Path relative to the folder",
    }


class ClipPath(AssetPath):
    """A video clip inside the content folder (checked with the decoder, not as a picture)."""

    __slots__ = ()

    JSON_SCHEMA: ClassVar[JsonSchemaValue] = {
        "type": "string",
        "minLength": 1,
        "description": "Path of a clip (.mp4, .mov, .webm, .mkv) relative to the folder",
    }


class LocalFiles(LocalText):
    """A file per language code (a clip's captions), each a path relative to the folder."""

    @classmethod
    def parse(cls, value: Any) -> LocalFiles:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            raise ValueCheckError(
                "files_type",
                "expected one file per language, as in {{de: clips/de.vtt, en: clips/en.vtt}},"
                " got {got}",
                {"got": describe_value(value)},
            )
        parsed = LocalText.parse(value)
        return cls({code: path.strip() for code, path in parsed.by_language.items()})

    JSON_SCHEMA: ClassVar[JsonSchemaValue] = {
        "type": "object",
        "description": "One file per language code, relative to the folder",
        "propertyNames": {"pattern": LANGUAGE_CODE.pattern},
        "additionalProperties": {"type": "string", "minLength": 1},
        "minProperties": 1,
    }


_MONTHS = re.compile(r"^(\d{4})-(\d{2})$")


class AsOf(ValidatedType):
    """The date a figure was true: a whole month ("2025-05") or a day."""

    __slots__ = ("day", "month", "year")

    def __init__(self, year: int, month: int, day: int | None = None):
        self.year, self.month, self.day = year, month, day

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, self.day or 1)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AsOf) and (self.year, self.month, self.day) == (
            other.year,
            other.month,
            other.day,
        )

    def __hash__(self) -> int:
        return hash((self.year, self.month, self.day))

    def __repr__(self) -> str:
        return f"AsOf({self.isoformat()!r})"

    def isoformat(self) -> str:
        month = f"{self.year:04d}-{self.month:02d}"
        return month if self.day is None else f"{month}-{self.day:02d}"

    @classmethod
    def parse(cls, value: Any) -> AsOf:
        if isinstance(value, cls):
            return value
        if isinstance(value, datetime.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, str):
            match = _MONTHS.match(value.strip())
            if match and 1 <= int(match.group(2)) <= 12:
                return cls(int(match.group(1)), int(match.group(2)))
            try:
                day = datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
            else:
                return cls(day.year, day.month, day.day)
        raise ValueCheckError(
            "as_of_format",
            "expected a month like 2025-05 or a day like 2025-05-21, got {got}",
            {"got": describe_value(value)},
        )

    JSON_SCHEMA: ClassVar[JsonSchemaValue] = {
        "type": "string",
        "pattern": r"^\d{4}-\d{2}(-\d{2})?$",
    }


def _check_colour(value: Any) -> str:
    if value is None:
        raise ValueCheckError(
            "colour_comment",
            'colour is empty; write it in quotes, like "#1a2b3c" (an unquoted # starts a '
            "comment in YAML)",
        )
    if not isinstance(value, str) or not COLOUR.match(value):
        raise ValueCheckError(
            "colour_format",
            'expected a colour like "#1a2b3c", got {got}',
            {"got": describe_value(value)},
        )
    return value.lower()


def _check_language(value: Any) -> str:
    if not isinstance(value, str) or not LANGUAGE_CODE.match(value):
        raise ValueCheckError(
            "language_code",
            "'{code}' is not a language code (use two or three lowercase letters, like de, en, "
            "be, ru)",
            {"code": value if isinstance(value, str) else describe_value(value)},
        )
    return value


def _check_slide_id(value: Any) -> str:
    if not isinstance(value, str) or not SLIDE_ID.match(value):
        raise ValueCheckError(
            "slide_id",
            "slide id {got} may use only lowercase letters, digits, '-' and '_' (at most 64)",
            {"got": repr(value) if isinstance(value, str) else describe_value(value)},
        )
    return value


# Plain validators replace pydantic's generic messages with ones an organiser can act on.
Colour = Annotated[str, Checked(_check_colour, {"type": "string", "pattern": COLOUR.pattern})]
LanguageCode = Annotated[
    str, Checked(_check_language, {"type": "string", "pattern": LANGUAGE_CODE.pattern})
]
SlideId = Annotated[str, Checked(_check_slide_id, {"type": "string", "pattern": SLIDE_ID.pattern})]
Seconds = Annotated[float, Pydantic("Field", gt=0, le=3600, allow_inf_nan=False)]
# A moment in a clip: from its first frame (0) on.
ClipTime = Annotated[float, Pydantic("Field", ge=0, le=3600, allow_inf_nan=False)]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def parse_hours(text: str) -> tuple[datetime.time, datetime.time] | None:
    """'18:00-22:00' as two times; None when the text is not such a window."""
    match = HOURS.match(text.strip())
    if not match:
        return None
    start_h, start_m, end_h, end_m = (int(g) for g in match.groups())
    start = datetime.time(start_h, start_m)
    end = datetime.time.max if (end_h, end_m) == (24, 0) else datetime.time(end_h % 24, end_m)
    return start, end


def _check_hours(value: Any) -> str:
    window = parse_hours(value) if isinstance(value, str) else None
    if window is None:
        raise ValueCheckError(
            "hours_format",
            'expected a daily time window like "18:00-22:00", got {got}',
            {"got": repr(value) if isinstance(value, str) else describe_value(value)},
        )
    if window[0] == window[1]:
        # Read as "never" or as "all day": either may be meant, so neither is guessed.
        raise ValueCheckError(
            "hours_same",
            "{got} starts and ends at the same time: for the whole day leave 'hours' out (or "
            'write "00:00-24:00"); otherwise give the time the slide stops',
            {"got": repr(value)},
        )
    return value.strip()


Hours = Annotated[
    str, Checked(_check_hours, {"type": "string", "pattern": r"^\d{2}:\d{2}-\d{2}:\d{2}$"})
]
