"""The show as typed data: settings, theme, and the slide kinds, in the order they play.

Plain frozen dataclasses: the running kiosk holds a checked show without any validation
machinery. The check (kiosk.content.checker) validates these same classes with pydantic, which
reads each field's type, default and `info` (constraints, description) and each class's
`__pydantic_config__`.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
import typing
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from kiosk.content.value_types import (
    AsOf,
    AssetPath,
    ClipPath,
    ClipTime,
    Colour,
    Hours,
    LanguageCode,
    LocalFiles,
    LocalText,
    LocalUrl,
    Pydantic,
    Seconds,
    SlideId,
    ValueCheckError,
    Weekday,
)

# The schedule reads a slide's `hours` with it, imported beside the slide kinds it schedules.
from kiosk.content.value_types import parse_hours as parse_hours

_STRICT = {"extra": "forbid"}  # pydantic's config for every class: an unknown key is an error


def info(
    default: Any = dataclasses.MISSING,
    description: str | None = None,
    *,
    default_factory: Any = dataclasses.MISSING,
    **constraints: Any,
) -> Any:
    """A field's default, its description (for the JSON Schema) and its constraints as pydantic
    names them (ge, le, min_length, max_length, allow_inf_nan)."""
    if description is not None:
        constraints["description"] = description
    return dataclasses.field(default=default, default_factory=default_factory, metadata=constraints)


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """The types of a show class's fields, resolved, with their annotations."""
    return typing.get_type_hints(cls, include_extras=True)


def field_names(cls: type) -> list[str]:
    """The keys a show class takes, in order."""
    return [f.name for f in dataclasses.fields(cls)]


@dataclasses.dataclass(frozen=True, kw_only=True)
class Theme:
    """Colours of the show; text and background must keep a readable contrast."""

    __pydantic_config__ = _STRICT

    background: Colour = info("#101a24", description="Slide background")
    surface: Colour = info("#1b2935", description="Cards and panels on the background")
    text: Colour = info("#f6f4ef", description="Main text")
    muted: Colour = info("#b9c2cb", description="Secondary text: sources, dates, captions")
    accent: Colour = info("#e54e52", description="Headline accents, highlighted bar, buttons")
    bar: Colour = info("#6f8396", description="Bars that are not highlighted")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Settings:
    """How the show plays: languages, timing, theme and the campaign link."""

    __pydantic_config__ = _STRICT

    title: LocalText | None = info(None, description="Name of the show, for staff screens")
    languages: list[LanguageCode] = info(
        min_length=1, max_length=8, description="Language codes the show is written in"
    )
    default_language: LanguageCode = info(description="Language shown at start and after idle")
    idle_timeout: float = info(
        60,
        ge=10,
        le=3600,
        allow_inf_nan=False,
        description="Seconds without a touch before the kiosk returns to its attract loop",
    )
    slide_duration: Seconds = info(12, description="Default seconds a slide stays on screen")
    transition: Literal["crossfade", "slide"] = "crossfade"
    theme: Theme = info(default_factory=Theme)
    font: AssetPath | None = info(None, description="A .ttf or .otf file in the folder")
    manifesto: LocalUrl = info(description="The campaign's manifesto, per language")
    imprint: LocalText | None = info(
        None,
        description="Who publishes the printed handout, with an address (in Germany the person "
        "responsible under press law, V.i.S.d.P.): printed on every page of every handout",
    )
    reduced_motion: bool = info(
        False, description="No animations: slides change at once, bars appear at full length"
    )
    high_contrast: bool = info(
        False, description="White and yellow on black, whatever the theme says"
    )
    story_review_months: int = info(
        12,
        ge=1,
        le=60,
        description="Warn when a real person's story was last verified longer ago than this",
    )

    def manifesto_url(self, language: str) -> str:
        return link_for(self.manifesto, language, self.default_language)

    def manifesto_language(self, language: str) -> str | None:
        """The language of the manifesto page a visitor reading `language` is sent to; None
        when one address serves every language."""
        return link_language(self.manifesto, language, self.default_language)


@dataclasses.dataclass(frozen=True, kw_only=True)
class SlideBase:
    __pydantic_config__ = _STRICT
    kind: str
    id: SlideId = info(description="Unique name of the slide, e.g. 'stats-per-million'")
    duration: Seconds | None = info(None, description="Seconds on screen; default from settings")
    review_by: datetime.date | None = info(
        None, description="Date by which the slide's facts must be checked again"
    )
    show_from: datetime.date | None = info(None, description="First day the slide plays")
    show_until: datetime.date | None = info(None, description="Last day the slide plays")
    weekdays: list[Weekday] | None = info(
        None, min_length=1, description="Days of the week it plays: mon, tue, … sun"
    )
    hours: Hours | None = info(
        None, description="Daily time window at the kiosk's local time, e.g. 18:00-22:00"
    )
    print: bool | None = info(
        None,
        description=(
            "Whether the printed handout carries the slide; by default the first title, "
            "stats and quotes do, stories only when marked"
        ),
    )

    def texts(self) -> Iterator[LocalText]:
        """Every visible text of the slide, for checks that look at all of them."""
        yield from _texts_of(self)


def _texts_of(part: Any) -> Iterator[LocalText]:
    for field in dataclasses.fields(part):
        value = getattr(part, field.name)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, LocalText) and not isinstance(item, LocalUrl | LocalFiles):
                yield item
            elif dataclasses.is_dataclass(item):
                yield from _texts_of(item)


@dataclasses.dataclass(frozen=True, kw_only=True)
class _Sourced(SlideBase):
    sources: list[LocalText] = info(
        min_length=1, max_length=8, description="Where the figures come from, shown on screen"
    )
    as_of: AsOf = info(description="When the figures were true: 2025-05 or 2025-05-21")


@dataclasses.dataclass(frozen=True, kw_only=True)
class TitleSlide(SlideBase):
    """A headline with a short text: openings, chapter titles, appeals."""

    kind: Literal["title"]
    kicker: LocalText | None = info(None, description="Small line above the headline")
    headline: LocalText
    text: LocalText | None = None
    sources: list[LocalText] = info(default_factory=list, max_length=8)
    as_of: AsOf | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class StatsRow:
    __pydantic_config__ = _STRICT
    label: LocalText
    value: float = info(ge=0, allow_inf_nan=False)
    highlight: bool = False


@dataclasses.dataclass(frozen=True, kw_only=True)
class StatsSlide(_Sourced):
    """A comparison of values drawn as bars, with sources and an as-of date."""

    kind: Literal["stats"]
    headline: LocalText
    caption: LocalText | None = info(None, description="What the values measure")
    unit: LocalText | None = info(None, description="Unit shown after each value")
    rows: list[StatsRow] = info(min_length=1, max_length=10)


@dataclasses.dataclass(frozen=True, kw_only=True)
class FactItem:
    __pydantic_config__ = _STRICT
    value: LocalText = info(description="The figure as shown, e.g. '1,100+'")
    caption: LocalText


@dataclasses.dataclass(frozen=True, kw_only=True)
class FactsSlide(_Sourced):
    """A few key numbers with captions."""

    kind: Literal["facts"]
    headline: LocalText | None = None
    items: list[FactItem] = info(min_length=1, max_length=6)


@dataclasses.dataclass(frozen=True, kw_only=True)
class StorySlide(SlideBase):
    """A person in prison: a named person (with consent) or an archetype."""

    kind: Literal["story"]
    name: LocalText = info(description="The person's name, or the archetype, e.g. 'A student'")
    archetype: bool = info(
        False, description="True when the story stands for many people rather than one person"
    )
    line: LocalText = info(description="One short line under the name")
    body: LocalText
    image: AssetPath | None = None
    consent: bool | None = info(None, description="The person or family agreed to be shown")
    verified_on: datetime.date | None = info(None, description="When the story was last checked")


@dataclasses.dataclass(frozen=True, kw_only=True)
class QuoteSlide(SlideBase):
    """A quote with its author, the author's role, and where it was said."""

    kind: Literal["quote"]
    text: LocalText
    author: LocalText
    role: LocalText | None = info(None, description="Who the author is, as of today")
    source: LocalText | None = info(None, description="Where and when it was said")
    portrait: AssetPath | None = None
    original: LocalText | None = info(
        None,
        description="The words exactly as the person said them, in the language `said_in`; "
        "visitors reading another language see them with `text` beneath, marked as a "
        "translation",
    )
    said_in: LanguageCode | None = info(
        None, description="The language of `original` (required with it)"
    )

    def __post_init__(self) -> None:
        if (self.original is None) != (self.said_in is None):
            raise ValueCheckError(
                "original_language", "'original' and 'said_in' go together: give both or neither"
            )


@dataclasses.dataclass(frozen=True, kw_only=True)
class CallToActionSlide(SlideBase):
    """An appeal with a QR code to take away."""

    kind: Literal["call_to_action"]
    headline: LocalText
    text: LocalText | None = None
    url: LocalUrl = info(description="Where the QR code leads, per language or one for all")
    short_url: LocalText | None = info(
        None, description="Address printed beside the code; derived from url when left out"
    )

    def link(self, language: str, fallback: str) -> str:
        return link_for(self.url, language, fallback)

    def link_language(self, language: str, fallback: str) -> str | None:
        return link_language(self.url, language, fallback)

    def short_link(self, language: str, fallback: str) -> str:
        if self.short_url is not None:
            return self.short_url.get(language, fallback)
        return short_form(self.link(language, fallback))


@dataclasses.dataclass(frozen=True, kw_only=True)
class VideoSlide(SlideBase):
    """A short clip, always muted in the loop, with captions in the visitor's language."""

    kind: Literal["video"]
    file: ClipPath = info(description="The clip: H.264 in .mp4, at most 1080p, is best")
    poster: AssetPath | None = info(
        None,
        description="Picture shown before the clip plays, when paused and in reduced motion;"
        " by default a frame of the clip",
    )
    captions: LocalFiles | None = info(
        None, description="A WebVTT file per language: what is said, and who says it"
    )
    start: ClipTime | None = info(None, description="Seconds into the clip where it begins")
    end: ClipTime | None = info(None, description="Seconds into the clip where it ends")
    loop: bool = info(
        False,
        description="Play the clip again until the slide's duration ends (duration required)",
    )
    sound: bool = info(
        False,
        description="A visitor may turn the clip's sound on with a button on the clip, where the"
        " kiosk allows sound (allow_sound in kiosk.toml: headphones at a quiet stand); the"
        " attract loop is always muted",
    )
    consent: bool | None = info(None, description="The people shown agreed to be shown")
    verified_on: datetime.date | None = info(None, description="When the clip was last checked")

    def __post_init__(self) -> None:
        if self.loop and self.duration is None:
            raise ValueCheckError(
                "loop_duration",
                "a looping clip plays until its slide's time ends: give 'duration' in seconds",
            )
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueCheckError(
                "clip_trim", "'end' must come after 'start': the clip would be empty"
            )


def link_for(url: LocalText, language: str, default_language: str) -> str:
    """A link in language; campaign pages missing a language fall back to English first."""
    if url.universal is not None:
        return url.universal
    return url.by_language.get(
        link_language(url, language, default_language) or "", url.get(language)
    )


def link_language(url: LocalText, language: str, default_language: str) -> str | None:
    """The language of the page `link_for` leads to; None for one address for every language
    (its language is not known)."""
    if url.universal is not None:
        return None
    for code in (language, "en", default_language):
        if code in url.by_language:
            return code
    return next(iter(url.by_language), None)


def short_form(url: str) -> str:
    """The address as people type it: no scheme, no 'www.', no trailing slash."""
    short = re.sub(r"^https?://", "", url)
    short = re.sub(r"^www\.", "", short)
    return short.rstrip("/")


Slide = Annotated[
    TitleSlide | StatsSlide | FactsSlide | StorySlide | QuoteSlide | CallToActionSlide | VideoSlide,
    Pydantic("Discriminator", "kind"),
]

SLIDE_KINDS: dict[str, type[SlideBase]] = {
    "title": TitleSlide,
    "stats": StatsSlide,
    "facts": FactsSlide,
    "story": StorySlide,
    "quote": QuoteSlide,
    "call_to_action": CallToActionSlide,
    "video": VideoSlide,
}


@dataclasses.dataclass(frozen=True, kw_only=True)
class Show:
    """A whole show: its settings and its slides, in the order they play."""

    __pydantic_config__ = _STRICT

    settings: Settings
    slides: list[Slide] = info(min_length=1)

    SCHEMA_TITLE: ClassVar[str] = "Release N:OW kiosk show (show.yaml)"

    def slide(self, slide_id: str) -> SlideBase | None:
        return next((s for s in self.slides if s.id == slide_id), None)

    def duration_of(self, slide: SlideBase) -> float:
        return slide.duration or self.settings.slide_duration
