"""Checks one show.yaml in a single pass: its settings, every slide and its schedule."""

from __future__ import annotations

import dataclasses
import datetime
import functools
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from kiosk.content.captions import format_time
from kiosk.content.clips import clip_cut_command
from kiosk.content.contrast import THEME_PAIRS, contrast_ratio
from kiosk.content.diagnostics import Diagnostic, Report, Severity, display_path
from kiosk.content.field_checks import FieldChecks
from kiosk.content.loaded import SHOW_FILE, LoadedShow
from kiosk.content.model import (
    SLIDE_KINDS,
    Settings,
    Show,
    Slide,
    StorySlide,
    VideoSlide,
    field_names,
)
from kiosk.content.reporter import ShowReporter, slide_name, story_name
from kiosk.content.text_repair import repair_language_texts
from kiosk.content.value_types import AsOf, ValueCheckError, describe_value
from kiosk.content.yamlsource import KeyPath, load_yaml_file
from kiosk.i18n.catalogs import has_words_in, kiosk_languages
from kiosk.i18n.said import Said, said

KIOSK_LANGUAGES = kiosk_languages()

_SLIDE_ADAPTER: TypeAdapter[Any] = TypeAdapter(Slide)
_Part = TypeVar("_Part")


@functools.cache
def _adapter(kind: type) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def validated(kind: type[_Part], data: Any) -> _Part:
    """data checked as one of the show's classes; pydantic's ValidationError when it is not."""
    result: _Part = _adapter(kind).validate_python(data)  # type: ignore[arg-type]
    return result


class ShowChecker:
    """Reads show.yaml from a folder and reports every problem in it, all in one pass."""

    def __init__(
        self,
        folder: Path,
        today: datetime.date,
        decode_pictures: bool = False,
        shown: Path | None = None,
    ):
        self.folder = folder  # where the files are read: the snapshot
        self.today = today
        self.decode_pictures = decode_pictures
        shown = shown or folder  # the organiser's folder, in every message
        self.shown = shown
        self.refused: set[str] = set()  # files refused as read, each named already
        self.file = display_path(shown / SHOW_FILE)
        self.report = Report(display_path(shown))
        self.reporter = ShowReporter(self.file, self.report)
        self.languages: list[str] = []
        self.default_language: str | None = None

    @property
    def tree(self) -> Any:
        """show.yaml's data as read."""
        return self.reporter.tree

    def run(self) -> LoadedShow:
        if not self._read():
            return LoadedShow(self.folder, None, self.report)
        repair_language_texts(self.reporter, self.tree, ())
        settings = self._check_settings()
        slides = self._check_slides()
        self._check_languages()
        if settings is not None:
            self._check_contrast(settings)
            self._check_imprint(settings)
        fields = FieldChecks(
            self.reporter,
            self.folder,
            self.languages,
            self.default_language,
            self.refused,
            self.decode_pictures,
        )
        if isinstance(self.tree.get("settings"), dict):
            fields.check_fields(Settings, self.tree["settings"], ("settings",))
        for index, raw in enumerate(self.reporter.slide_list() or []):
            if isinstance(raw, dict):
                self._check_slide(index, raw, settings, fields)
        slides = [(index, self._timed(slide, fields)) for index, slide in slides]
        show = None
        positions = {}
        if self.report.ok and settings is not None:
            show = Show(settings=settings, slides=[s for _, s in slides])
            for index, slide in slides:
                pos = self.reporter.source.value_pos(("slides", index))
                positions[slide.id] = (pos.line, pos.column)
        return LoadedShow(self.folder, show, self.report, self.file, positions)

    def _read(self) -> bool:
        folder = self.folder
        if not folder.exists():
            self.report.add(
                Diagnostic(
                    display_path(folder), None, None, Severity.ERROR, said("folder not found")
                )
            )
            return False
        if not folder.is_dir():
            self.report.add(
                Diagnostic(display_path(folder), None, None, Severity.ERROR, said("not a folder"))
            )
            return False
        path = folder / SHOW_FILE
        error = self.reporter.error
        if (self.shown / SHOW_FILE).is_dir():
            error(None, said("show.yaml is not a file (is it a folder?)"))
            return False
        if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
            error(None, said("show.yaml is a link to a file outside the content folder"))
            return False
        if not path.exists():
            error(None, said("file not found; a content folder needs a show.yaml"))
            return False
        if not path.is_file():
            error(None, said("show.yaml is not a file (is it a folder?)"))
            return False
        document = load_yaml_file(path)
        self.reporter.source = document.source
        for problem in document.problems:
            line = problem.pos.line if problem.pos else None
            column = problem.pos.column if problem.pos else None
            self.report.add(Diagnostic(self.file, line, column, Severity.ERROR, problem.message))
        if document.problems:
            return False
        self.reporter.tree = tree = document.data
        if tree is None:
            error(None, said("show.yaml is empty; it needs 'settings' and 'slides'"))
            return False
        if not isinstance(tree, dict):
            error(
                (),
                said(
                    "show.yaml must be a map with 'settings' and 'slides', not {got}",
                    got=describe_value(tree),
                ),
            )
            return False
        for key in tree:
            if key not in field_names(Show):
                self.reporter.unknown_key(key, field_names(Show), (key,))
        return True

    def _check_settings(self) -> Settings | None:
        raw = self.tree.get("settings")
        if raw is None:
            self.reporter.error((), said("missing required key 'settings' in the show"))
            return None
        # Languages are read even when other settings are broken, so text checks still run.
        languages = raw.get("languages") if isinstance(raw, dict) else None
        if isinstance(languages, list):
            self.languages = [code for code in languages if isinstance(code, str)]
        default = raw.get("default_language") if isinstance(raw, dict) else None
        self.default_language = default if isinstance(default, str) else None
        try:
            return validated(Settings, raw)
        except ValidationError as error:
            self.reporter.report_validation(error, ("settings",), Settings)
            return None

    def _check_slides(self) -> list[tuple[int, Any]]:
        raw = self.tree.get("slides")
        error = self.reporter.error
        if raw is None:
            error((), said("missing required key 'slides' in the show; add at least one slide"))
            return []
        if not isinstance(raw, list):
            error(
                ("slides",),
                said("'slides' must be a list of slides, got {got}", got=describe_value(raw)),
            )
            return []
        if not raw:
            error(("slides",), said("the show has no slides; add at least one under 'slides'"))
            return []
        valid = []
        seen: dict[str, int] = {}
        for index, item in enumerate(raw):
            if not isinstance(item, dict):
                error(
                    ("slides", index),
                    said(
                        "slide {n} must be a map of keys, got {got}",
                        n=index + 1,
                        got=describe_value(item),
                    ),
                )
                continue
            slide_id = item.get("id")
            if isinstance(slide_id, str):
                if slide_id in seen:
                    first = self.reporter.source.value_pos(("slides", seen[slide_id], "id"))
                    error(
                        ("slides", index, "id"),
                        said(
                            "duplicate slide id '{id}' (first used at line {line})",
                            id=slide_id,
                            line=first.line,
                        ),
                    )
                else:
                    seen[slide_id] = index
            try:
                valid.append((index, _SLIDE_ADAPTER.validate_python(item)))
            except ValidationError as problem:
                self.reporter.report_validation(problem, ("slides", index), None)
        return valid

    def _check_contrast(self, settings: Settings) -> None:
        theme = settings.theme
        for fore, back, minimum, what in THEME_PAIRS:
            ratio = contrast_ratio(getattr(theme, fore), getattr(theme, back))
            if ratio < minimum:
                path: KeyPath = ("settings", "theme", fore)
                if path not in self.reporter.source.values:
                    path = ("settings", "theme")
                self.reporter.warning(
                    path,
                    said(
                        "theme colours {fore} on {back} have a contrast of {ratio}:1; {what} "
                        "need at least {minimum}:1 to be readable",
                        fore=fore,
                        back=back,
                        ratio=f"{ratio:.1f}",
                        what=said(what),
                        minimum=f"{minimum:g}",
                    ),
                )

    def _check_imprint(self, settings: Settings) -> None:
        if settings.imprint is not None:  # an empty text is refused as any other
            return
        self.reporter.warning(
            ("settings",),
            said(
                "no 'imprint': printed handouts must say who publishes them, with an address "
                "(in Germany the person responsible under press law, V.i.S.d.P.); an "
                "organisation's address can stand in for a private one (docs/content.md, "
                "Imprint)"
            ),
        )

    def _check_languages(self) -> None:
        raw = self.tree.get("settings")
        codes = raw.get("languages") if isinstance(raw, dict) else None
        if not isinstance(codes, list):
            return
        for index, code in enumerate(codes):
            if code in codes[:index]:
                self.reporter.error(
                    ("settings", "languages", index),
                    said("language '{code}' is listed twice", code=code),
                )
            elif isinstance(code, str) and not has_words_in(code):
                self.reporter.warning(
                    ("settings", "languages", index),
                    said(
                        "the kiosk's own words (its buttons, the sources and as-of lines) are "
                        "not written in '{code}': visitors who choose it read them in English "
                        "(the kiosk speaks {languages})",
                        code=code,
                        languages=", ".join(KIOSK_LANGUAGES),
                    ),
                )
        default = self.default_language
        if default is not None and self.languages and default not in self.languages:
            self.reporter.error(
                ("settings", "default_language"),
                said(
                    "default language '{code}' is not in settings.languages ({languages})",
                    code=default,
                    languages=", ".join(self.languages),
                ),
            )

    def _check_slide(
        self, index: int, raw: dict[str, Any], settings: Settings | None, fields: FieldChecks
    ) -> None:
        model = SLIDE_KINDS.get(raw.get("kind"))  # type: ignore[arg-type]
        if model is None:
            return
        base: KeyPath = ("slides", index)
        fields.check_fields(model, raw, base)
        self._check_dates(base, raw, slide_name(raw.get("id"), index))
        if model is StorySlide:
            self._check_story(base, raw, story_name(raw.get("id"), index), settings)
        if model is VideoSlide:
            name = slide_name(raw.get("id"), index)
            self._check_video(base, raw, name, fields)
            self._check_people_shown(base, raw, name, settings)

    def _check_people_shown(
        self, base: KeyPath, raw: dict[str, Any], name: Said, settings: Settings | None
    ) -> None:
        """A clip where people are shown: as for a story, its check date is not in the future
        and not too old, and a clip they did not agree to is never shown."""
        if raw.get("consent") is False:
            self.reporter.error(
                (*base, "consent"),
                said(
                    "{part} has 'consent: false': the people in it did not agree to be shown;"
                    " take the slide out",
                    part=name,
                ),
            )
        verified_on = raw.get("verified_on")
        if not isinstance(verified_on, datetime.date):
            return
        months = settings.story_review_months if settings else 12
        if verified_on > self.today:
            self.reporter.error(
                (*base, "verified_on"),
                said("verified_on date of {part} is in the future", part=name),
            )
        elif self._verified_long_ago(verified_on, months):
            self._say_verified_long_ago(base, name, verified_on, months)

    def _verified_long_ago(self, verified_on: datetime.date, months: int) -> bool:
        return (self.today - verified_on).days > months * 30.44

    def _say_verified_long_ago(
        self, base: KeyPath, name: Said, verified_on: datetime.date, months: int
    ) -> None:
        self.reporter.warning(
            (*base, "verified_on"),
            said(
                "{part} was last verified on {date}, more than {months} months ago; check "
                "the person's situation and update verified_on",
                part=name,
                date=verified_on.isoformat(),
                months=months,
            ),
        )

    def _check_video(
        self, base: KeyPath, raw: dict[str, Any], name: Said, fields: FieldChecks
    ) -> None:
        """The trims and the slide's time against the clip's length, and every caption
        against the part of the clip that is shown."""
        file = raw.get("file")
        clip = fields.clips.get(file) if isinstance(file, str) else None
        if clip is None or not clip.duration:
            return
        start, end = _number(raw.get("start")), _number(raw.get("end"))
        last_frame = clip.duration - (1 / clip.fps if clip.fps else 0.0)
        if start is not None and start > last_frame:
            self.reporter.error(
                (*base, "start"),
                said(
                    "{part} starts its clip at {start} s, but the clip is {length} s long",
                    part=name,
                    start=f"{start:g}",
                    length=f"{clip.duration:.1f}",
                ),
            )
            return
        if end is not None and end > clip.duration + 0.05:
            self.reporter.warning(
                (*base, "end"),
                said(
                    "{part} ends its clip at {end} s, but the clip is {length} s long: it ends"
                    " there",
                    part=name,
                    end=f"{end:g}",
                    length=f"{clip.duration:.1f}",
                ),
            )
        if raw.get("sound") is True and not clip.audio:
            self.reporter.warning(
                (*base, "sound"),
                said(
                    "{part} has 'sound: true', but its clip has no sound track: it always"
                    " plays muted (take 'sound' out, or use the clip with its sound)",
                    part=name,
                ),
            )
        if raw.get("loop") is True and start:
            self.reporter.warning(
                (*base, "start"),
                said(
                    "{part} loops its clip from {start} s: each round the clip is read again"
                    " from the last key frame before that point, which can make a Raspberry Pi"
                    " pause for a moment; cut the clip to that part instead: {command}",
                    part=name,
                    start=f"{start:g}",
                    command=clip_cut_command(str(raw.get("file")), start, end),
                ),
            )
        first, last = start or 0.0, min(end or clip.duration, clip.duration)
        duration = _number(raw.get("duration"))
        if duration is not None and raw.get("loop") is not True and duration > last - first + 0.5:
            self.reporter.warning(
                (*base, "duration"),
                said(
                    "{part} stays {duration} s, but its clip plays {length} s: its last frame"
                    " stands for the rest (leave duration out, or set loop: true)",
                    part=name,
                    duration=f"{duration:g}",
                    length=f"{last - first:.1f}",
                ),
            )
        files = raw.get("captions")
        for track_name in files.values() if isinstance(files, dict) else []:
            track = fields.captions.get(track_name) if isinstance(track_name, str) else None
            for caption in track.captions if track is not None else []:
                if caption.start >= last or caption.end <= first:
                    self.reporter.report.add(
                        Diagnostic(
                            str(Path(self.file).parent / track_name)
                            if Path(self.file).parent != Path(".")
                            else track_name,
                            caption.line,
                            None,
                            Severity.WARNING,
                            said(
                                "this caption ({start} to {end}) is outside the part of the"
                                " clip that is shown ({first} to {last}): it never appears",
                                start=format_time(caption.start),
                                end=format_time(caption.end),
                                first=format_time(first),
                                last=format_time(last),
                            ),
                        )
                    )

    def _timed(self, slide: Any, fields: FieldChecks) -> Any:
        """A video slide without a duration stays as long as its (trimmed) clip plays."""
        if not isinstance(slide, VideoSlide) or slide.duration is not None:
            return slide
        clip = fields.clips.get(slide.file)
        if clip is None or not clip.duration:
            return slide
        last = min(slide.end or clip.duration, clip.duration)
        length = max(0.1, last - (slide.start or 0.0))
        return dataclasses.replace(slide, duration=round(length, 3))

    def _check_dates(self, base: KeyPath, raw: dict[str, Any], name: Said) -> None:
        """A slide's as-of date, schedule and review date, against today."""
        try:
            as_of = AsOf.parse(raw["as_of"]) if raw.get("as_of") is not None else None
        except ValueCheckError:
            as_of = None
        if as_of is not None and as_of.first_day > self.today:
            self.reporter.error(
                (*base, "as_of"),
                said(
                    "as-of date {date} in {location} is in the future",
                    date=as_of.isoformat(),
                    location=name,
                ),
            )
        show_from, show_until = raw.get("show_from"), raw.get("show_until")
        if (
            isinstance(show_from, datetime.date)
            and isinstance(show_until, datetime.date)
            and show_until < show_from
        ):
            self.reporter.error(
                (*base, "show_until"),
                said(
                    "show_until {until} in {location} is before show_from {since}: the slide "
                    "would never play",
                    until=show_until.isoformat(),
                    location=name,
                    since=show_from.isoformat(),
                ),
            )
        elif isinstance(show_until, datetime.date) and show_until < self.today:
            self.reporter.warning(
                (*base, "show_until"),
                said(
                    "{part} was scheduled until {date}, which has passed; it no longer plays",
                    part=name,
                    date=show_until.isoformat(),
                ),
            )
        review_by = raw.get("review_by")
        if isinstance(review_by, datetime.date) and review_by < self.today:
            self.reporter.warning(
                (*base, "review_by"),
                said(
                    "{part} was due for review on {date}; check its facts and set a new "
                    "review_by date",
                    part=name,
                    date=review_by.isoformat(),
                ),
            )

    def _check_story(
        self, base: KeyPath, raw: dict[str, Any], name: Said, settings: Settings | None
    ) -> None:
        verified_on = raw.get("verified_on")
        if not isinstance(verified_on, datetime.date):
            verified_on = None
        if verified_on is not None and verified_on > self.today:
            self.reporter.error(
                (*base, "verified_on"),
                said("verified_on date of {part} is in the future", part=name),
            )
        if raw.get("archetype") is True:
            return
        if raw.get("consent") is not True:
            self.reporter.warning(
                base,
                said(
                    "{part} is about a real person but has no 'consent: true'; show it only "
                    "with the consent of the person or their family (or mark it 'archetype: "
                    "true')",
                    part=name,
                ),
            )
        months = settings.story_review_months if settings else 12
        if verified_on is None:
            self.reporter.warning(
                base, said("{part} is about a real person but has no verified_on date", part=name)
            )
        elif self._verified_long_ago(verified_on, months):
            self._say_verified_long_ago(base, name, verified_on, months)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
