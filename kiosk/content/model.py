"""The show as typed data: settings, the slide kinds, and the value types they are made of."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainValidator,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
SLIDE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]|24):([0-5]\d)$")
MAX_TEXT_CHARS = 2000


def describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"number {value}"
    if isinstance(value, datetime.date):
        return f"date {value.isoformat()}"
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map of keys"
    return repr(value)


class ValidatedType:
    """A value type that checks itself (cls.parse) and describes itself (JSON_SCHEMA)."""

    JSON_SCHEMA: ClassVar[JsonSchemaValue] = {}

    @classmethod
    def parse(cls, value: Any) -> Any:
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(cls.parse)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
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
        where = f" for '{language}'" if language else ""
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            hint = "; put it in quotes" if isinstance(value, bool | float | datetime.date) else ""
            raise PydanticCustomError(
                "text_type",
                "expected text{where}, got {got}{hint}",
                {"where": where, "got": describe_value(value), "hint": hint},
            )
        if not value.strip():
            raise PydanticCustomError("text_empty", "text{where} is empty", {"where": where})
        if len(value) > MAX_TEXT_CHARS:
            raise PydanticCustomError(
                "text_too_long",
                "text{where} is {count} characters long; a slide shows at most {limit}",
                {"where": where, "count": f"{len(value):,}", "limit": f"{MAX_TEXT_CHARS:,}"},
            )
        return value

    @classmethod
    def parse(cls, value: Any) -> LocalText:
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            if not value:
                raise PydanticCustomError("text_empty", "text has no language in it")
            checked = {}
            for code, text in value.items():
                if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
                    raise PydanticCustomError(
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
            raise PydanticCustomError(
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
        raise PydanticCustomError(
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
        raise PydanticCustomError(
            "colour_comment",
            'colour is empty; write it in quotes, like "#1a2b3c" (an unquoted # starts a '
            "comment in YAML)",
        )
    if not isinstance(value, str) or not COLOUR.match(value):
        raise PydanticCustomError(
            "colour_format",
            'expected a colour like "#1a2b3c", got {got}',
            {"got": describe_value(value)},
        )
    return value.lower()


def _check_language(value: Any) -> str:
    if not isinstance(value, str) or not LANGUAGE_CODE.match(value):
        raise PydanticCustomError(
            "language_code",
            "'{code}' is not a language code (use two or three lowercase letters, like de, en, "
            "be, ru)",
            {"code": value if isinstance(value, str) else describe_value(value)},
        )
    return value


def _check_slide_id(value: Any) -> str:
    if not isinstance(value, str) or not SLIDE_ID.match(value):
        raise PydanticCustomError(
            "slide_id",
            "slide id {got} may use only lowercase letters, digits, '-' and '_' (at most 64)",
            {"got": repr(value) if isinstance(value, str) else describe_value(value)},
        )
    return value


# Plain validators replace pydantic's generic messages with ones an organiser can act on.
Colour = Annotated[
    str,
    PlainValidator(_check_colour),
    WithJsonSchema({"type": "string", "pattern": COLOUR.pattern}),
]
LanguageCode = Annotated[
    str,
    PlainValidator(_check_language),
    WithJsonSchema({"type": "string", "pattern": LANGUAGE_CODE.pattern}),
]
SlideId = Annotated[
    str,
    PlainValidator(_check_slide_id),
    WithJsonSchema({"type": "string", "pattern": SLIDE_ID.pattern}),
]
Seconds = Annotated[float, Field(gt=0, le=3600, allow_inf_nan=False)]
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
    if not isinstance(value, str) or parse_hours(value) is None:
        raise PydanticCustomError(
            "hours_format",
            'expected a daily time window like "18:00-22:00", got {got}',
            {"got": repr(value) if isinstance(value, str) else describe_value(value)},
        )
    return value.strip()


Hours = Annotated[
    str,
    PlainValidator(_check_hours),
    WithJsonSchema({"type": "string", "pattern": r"^\d{2}:\d{2}-\d{2}:\d{2}$"}),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Theme(_Strict):
    """Colours of the show; text and background must keep a readable contrast."""

    background: Colour = Field("#101a24", description="Slide background")
    surface: Colour = Field("#1b2935", description="Cards and panels on the background")
    text: Colour = Field("#f6f4ef", description="Main text")
    muted: Colour = Field("#b9c2cb", description="Secondary text: sources, dates, captions")
    accent: Colour = Field("#e2474b", description="Headline accents, highlighted bar, buttons")
    bar: Colour = Field("#6f8396", description="Bars that are not highlighted")


class Settings(_Strict):
    """How the show plays: languages, timing, theme and the campaign link."""

    title: LocalText | None = Field(None, description="Name of the show, for staff screens")
    languages: list[LanguageCode] = Field(
        min_length=1, max_length=8, description="Language codes the show is written in"
    )
    default_language: LanguageCode = Field(description="Language shown at start and after idle")
    idle_timeout: float = Field(
        60,
        ge=10,
        le=3600,
        allow_inf_nan=False,
        description="Seconds without a touch before the kiosk returns to its attract loop",
    )
    slide_duration: Seconds = Field(12, description="Default seconds a slide stays on screen")
    transition: Literal["crossfade", "slide"] = "crossfade"
    theme: Theme = Field(default_factory=Theme)
    font: AssetPath | None = Field(None, description="A .ttf or .otf file in the folder")
    manifesto: LocalUrl = Field(description="The campaign's manifesto, per language")
    reduced_motion: bool = Field(
        False, description="No animations: slides change at once, bars appear at full length"
    )
    high_contrast: bool = Field(
        False, description="White and yellow on black, whatever the theme says"
    )
    story_review_months: int = Field(
        12,
        ge=1,
        le=60,
        description="Warn when a real person's story was last verified longer ago than this",
    )

    def manifesto_url(self, language: str) -> str:
        return link_for(self.manifesto, language, self.default_language)


class SlideBase(_Strict):
    kind: str
    id: SlideId = Field(description="Unique name of the slide, e.g. 'stats-per-million'")
    duration: Seconds | None = Field(None, description="Seconds on screen; default from settings")
    review_by: datetime.date | None = Field(
        None, description="Date by which the slide's facts must be checked again"
    )
    show_from: datetime.date | None = Field(None, description="First day the slide plays")
    show_until: datetime.date | None = Field(None, description="Last day the slide plays")
    weekdays: list[Weekday] | None = Field(
        None, min_length=1, description="Days of the week it plays: mon, tue, … sun"
    )
    hours: Hours | None = Field(
        None, description="Daily time window at the kiosk's local time, e.g. 18:00-22:00"
    )
    print: bool | None = Field(
        None,
        description=(
            "Whether the printed handout carries the slide; by default the first title, "
            "stats and quotes do, stories only when marked"
        ),
    )

    def texts(self) -> Iterator[LocalText]:
        """Every visible text of the slide, for checks that look at all of them."""
        yield from _texts_of(self)


def _texts_of(model: BaseModel) -> Iterator[LocalText]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, LocalText) and not isinstance(item, LocalUrl):
                yield item
            elif isinstance(item, BaseModel):
                yield from _texts_of(item)


class _Sourced(SlideBase):
    sources: list[LocalText] = Field(
        min_length=1, max_length=8, description="Where the figures come from, shown on screen"
    )
    as_of: AsOf = Field(description="When the figures were true: 2025-05 or 2025-05-21")


class TitleSlide(SlideBase):
    """A headline with a short text: openings, chapter titles, appeals."""

    kind: Literal["title"]
    kicker: LocalText | None = Field(None, description="Small line above the headline")
    headline: LocalText
    text: LocalText | None = None
    sources: list[LocalText] = Field(default_factory=list, max_length=8)
    as_of: AsOf | None = None


class StatsRow(_Strict):
    label: LocalText
    value: float = Field(ge=0, allow_inf_nan=False)
    highlight: bool = False


class StatsSlide(_Sourced):
    """A comparison of values drawn as bars, with sources and an as-of date."""

    kind: Literal["stats"]
    headline: LocalText
    caption: LocalText | None = Field(None, description="What the values measure")
    unit: LocalText | None = Field(None, description="Unit shown after each value")
    rows: list[StatsRow] = Field(min_length=1, max_length=10)


class FactItem(_Strict):
    value: LocalText = Field(description="The figure as shown, e.g. '1,100+'")
    caption: LocalText


class FactsSlide(_Sourced):
    """A few key numbers with captions."""

    kind: Literal["facts"]
    headline: LocalText | None = None
    items: list[FactItem] = Field(min_length=1, max_length=6)


class StorySlide(SlideBase):
    """A person in prison: a named person (with consent) or an archetype."""

    kind: Literal["story"]
    name: LocalText = Field(description="The person's name, or the archetype, e.g. 'A student'")
    archetype: bool = Field(
        False, description="True when the story stands for many people rather than one person"
    )
    line: LocalText = Field(description="One short line under the name")
    body: LocalText
    image: AssetPath | None = None
    consent: bool | None = Field(None, description="The person or family agreed to be shown")
    verified_on: datetime.date | None = Field(None, description="When the story was last checked")


class QuoteSlide(SlideBase):
    """A quote with its author, the author's role, and where it was said."""

    kind: Literal["quote"]
    text: LocalText
    author: LocalText
    role: LocalText | None = Field(None, description="Who the author is, as of today")
    source: LocalText | None = Field(None, description="Where and when it was said")
    portrait: AssetPath | None = None


class CallToActionSlide(SlideBase):
    """An appeal with a QR code to take away."""

    kind: Literal["call_to_action"]
    headline: LocalText
    text: LocalText | None = None
    url: LocalUrl = Field(description="Where the QR code leads, per language or one for all")
    short_url: LocalText | None = Field(
        None, description="Address printed beside the code; derived from url when left out"
    )

    def link(self, language: str, fallback: str) -> str:
        return link_for(self.url, language, fallback)

    def short_link(self, language: str, fallback: str) -> str:
        if self.short_url is not None:
            return self.short_url.get(language, fallback)
        return short_form(self.link(language, fallback))


def link_for(url: LocalText, language: str, default_language: str) -> str:
    """A link in language; campaign pages missing a language fall back to English first."""
    if url.universal is not None:
        return url.universal
    for code in (language, "en", default_language):
        if code in url.by_language:
            return url.by_language[code]
    return url.get(language)


def short_form(url: str) -> str:
    """The address as people type it: no scheme, no 'www.', no trailing slash."""
    short = re.sub(r"^https?://", "", url)
    short = re.sub(r"^www\.", "", short)
    return short.rstrip("/")


Slide = Annotated[
    TitleSlide | StatsSlide | FactsSlide | StorySlide | QuoteSlide | CallToActionSlide,
    Field(discriminator="kind"),
]

SLIDE_KINDS: dict[str, type[SlideBase]] = {
    "title": TitleSlide,
    "stats": StatsSlide,
    "facts": FactsSlide,
    "story": StorySlide,
    "quote": QuoteSlide,
    "call_to_action": CallToActionSlide,
}


class Show(_Strict):
    """A whole show: its settings and its slides, in the order they play."""

    settings: Settings
    slides: list[Slide] = Field(min_length=1)

    SCHEMA_TITLE: ClassVar[str] = "Release N:OW kiosk show (show.yaml)"

    def slide(self, slide_id: str) -> SlideBase | None:
        return next((s for s in self.slides if s.id == slide_id), None)

    def duration_of(self, slide: SlideBase) -> float:
        return slide.duration or self.settings.slide_duration
