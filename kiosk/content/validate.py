"""Loads a content folder and checks all of it in one pass, reporting compiler-style."""

from __future__ import annotations

import datetime
import difflib
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from kiosk.content import assets, links
from kiosk.content.contrast import THEME_PAIRS, contrast_ratio
from kiosk.content.diagnostics import Diagnostic, Report, Severity
from kiosk.content.model import (
    SLIDE_KINDS,
    AsOf,
    AssetPath,
    LocalText,
    LocalUrl,
    Settings,
    Show,
    Slide,
    StorySlide,
    describe_value,
)
from kiosk.content.snapshot import MANIFEST, Collected, Entry, collect, manifest_text
from kiosk.content.stamp import Stamp, folder_stamp
from kiosk.content.yamlsource import KeyPath, SourceMap, load_yaml_file

if typing.TYPE_CHECKING:
    from kiosk.content.signing import Keys, Verdict

SHOW_FILE = "show.yaml"
_SLIDE_ADAPTER: TypeAdapter[Any] = TypeAdapter(Slide)


@dataclass
class LoadedShow:
    """The outcome of loading a folder: a playable show only when there is no error."""

    folder: Path
    show: Show | None
    report: Report
    show_file: str = SHOW_FILE
    # Where each slide starts in show.yaml, for reports made after loading (line, column).
    slide_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    # The folder's files as they were before reading: a change after that is a new show.
    stamp: Stamp = None
    # When keys are trusted: who signed the show, or why it is refused (kiosk.content.signing).
    verdict: Verdict | None = None
    # Where the show's files were read to, once: everything drawn is read from here, never
    # from the live folder (kiosk.content.snapshot). The folder itself before the show is read.
    snapshot: Path | None = None
    # Every file of the show as read: path, size and SHA-256.
    entries: tuple[Entry, ...] = ()

    @property
    def files(self) -> Path:
        """The folder to read the show's files from: its snapshot."""
        return self.snapshot if self.snapshot is not None else self.folder

    # Names this exact show, signature included: the SHA-256 of every file's path and hash.
    fingerprint: str = ""
    standby: bool = False  # the kiosk's own stand-by screen, playing because no show may
    # Files in the folder that are no part of the show (OS litter, sync conflict copies).
    ignored: tuple[tuple[str, str], ...] = ()


def display_path(path: Path) -> str:
    """A path as the organiser will recognise it: relative to where they stand, if inside."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def load_show(
    folder: Path,
    today: datetime.date | None = None,
    decode_pictures: bool = False,
    trusted_keys: Keys = (),
    snapshot_into: Path | None = None,
) -> LoadedShow:
    """Reads a show folder once into a snapshot and checks the snapshot.

    Every file is read once, hashed and copied (into snapshot_into, or a folder of this
    process's that goes when it ends); the signature, when keys are trusted, is checked over
    exactly those bytes before anything is parsed, and everything after reads the copy
    (`LoadedShow.files`). Pictures are checked from their headers; with decode_pictures each is
    also decoded whole (seconds for a large show, so the kiosk does that on a worker thread, and
    `validate` always does it). With trusted keys the show must be signed by one of them,
    every file as it was signed; otherwise it is refused, whatever else it holds.
    """
    folder = Path(folder)
    stamp = folder_stamp(folder)
    if not folder.is_dir():
        loaded = _Checker(folder, today or datetime.date.today(), decode_pictures).run()
        loaded.stamp = stamp
        return loaded
    files = snapshot_into if snapshot_into is not None else _process_snapshot()
    found = collect(folder, into=files)
    return check_collected(folder, files, found, stamp, today, decode_pictures, trusted_keys)


def unreadable_show(folder: Path, error: BaseException) -> LoadedShow:
    """A folder whose reading failed in a way no check foresaw: refused, with the reason."""
    report = Report(display_path(folder))
    report.add(
        Diagnostic(
            display_path(folder), None, None, Severity.ERROR, f"the folder cannot be read: {error}"
        )
    )
    return LoadedShow(folder, None, report)


def check_collected(
    folder: Path,
    files: Path,
    found: Collected,
    stamp: Stamp,
    today: datetime.date | None = None,
    decode_pictures: bool = False,
    trusted_keys: Keys = (),
) -> LoadedShow:
    """Checks a show whose files were read into `files` (see load_show)."""
    from kiosk.content.signing import Trust

    trust = Trust.of(trusted_keys)
    problems = [
        Diagnostic(display_path(folder / relative), None, None, Severity.ERROR, problem)
        for relative, problem in found.problems
    ]
    verdict = None
    if trust.required:
        from kiosk.content.signing import verify_collected

        verdict = verify_collected(found, trust)
        if not found.problems:
            problems += [
                Diagnostic(display_path(folder / MANIFEST), None, None, Severity.ERROR, problem)
                for problem in verdict.problems
            ]
    if any(relative == SHOW_FILE for relative, _ in found.problems):
        loaded = LoadedShow(folder, None, Report(display_path(folder)))
    else:
        checker = _Checker(files, today or datetime.date.today(), decode_pictures, shown=folder)
        checker.refused = {relative for relative, _ in found.problems}
        loaded = checker.run()
        loaded.folder = folder
    loaded.snapshot = files
    loaded.entries = tuple(found.entries)
    loaded.fingerprint = fingerprint(found)
    loaded.ignored = tuple(found.ignored)
    loaded.stamp = stamp
    loaded.verdict = verdict
    for diagnostic in problems:
        loaded.report.add(diagnostic)
    if problems:
        loaded.show = None
    return loaded


def fingerprint(found: Collected) -> str:
    """The SHA-256 of the show's manifest and of its signature files as read."""
    import hashlib

    digest = hashlib.sha256(manifest_text(found.entries).encode())
    for name in sorted(found.signed_files):
        digest.update(f"{name}\0".encode() + hashlib.sha256(found.signed_files[name]).digest())
    return digest.hexdigest()


_SNAPSHOTS: list[Path] = []


def _process_snapshot() -> Path:
    """A folder for one snapshot, removed when this process ends (commands, tests)."""
    import atexit
    import shutil
    import tempfile

    def remove_all() -> None:
        for path in _SNAPSHOTS:
            shutil.rmtree(path, ignore_errors=True)

    if not _SNAPSHOTS:
        atexit.register(remove_all)
    path = Path(tempfile.mkdtemp(prefix="kiosk-show-"))
    _SNAPSHOTS.append(path)
    return path


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _pydantic_message(error: Any, subject: str) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    got = describe_value(error.get("input"))
    expected = {
        "string_type": "text",
        "bool_type": "yes or no (true/false)",
        "bool_parsing": "yes or no (true/false)",
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "int_from_float": "a whole number",
        "float_type": "a number",
        "float_parsing": "a number",
        "date_type": "a date like 2025-05-21",
        "date_parsing": "a date like 2025-05-21",
        "date_from_datetime_parsing": "a date like 2025-05-21",
        "date_from_datetime_inexact": "a date like 2025-05-21",
        "list_type": "a list",
        "model_type": "a map of keys",
        "model_attributes_type": "a map of keys",
        "dict_type": "a map of keys",
        "finite_number": "a finite number",
    }
    if kind in expected:
        return f"{subject} must be {expected[kind]}, got {got}"
    bounds = {
        "greater_than": ("greater than", "gt"),
        "greater_than_equal": ("at least", "ge"),
        "less_than": ("less than", "lt"),
        "less_than_equal": ("at most", "le"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"{subject} must be {words} {_number(ctx.get(key))}, got {got}"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"{subject} needs at least {n} {_plural(n, 'entry', 'entries')}"
    if kind == "too_long":
        n = ctx.get("max_length")
        return f"{subject} may have at most {n} {_plural(n or 0, 'entry', 'entries')}"
    if kind == "literal_error":
        return f"{subject} must be one of {ctx.get('expected')}, got {got}"
    return f"{subject}: {error['msg']}"


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _model_at(model: type[BaseModel] | None, rel: KeyPath) -> type[BaseModel] | None:
    for part in rel:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        inner = _shape(field.annotation)[1]
        model = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
    return model


def _dotted(rel: KeyPath) -> str:
    text = ""
    for part in rel:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Checker:
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
        self.source = SourceMap()
        self.tree: Any = None
        self.languages: list[str] = []
        self.default_language: str | None = None

    # -- reporting -----------------------------------------------------------------------------

    def _at(
        self, severity: Severity, path: KeyPath | None, message: str, key: bool = False
    ) -> None:
        if path is None:
            line, column = None, None
        else:
            pos = self.source.key_pos(path) if key else self.source.value_pos(path)
            line, column = pos.line, pos.column
        self.report.add(Diagnostic(self.file, line, column, severity, message))

    def error(self, path: KeyPath | None, message: str, key: bool = False) -> None:
        self._at(Severity.ERROR, path, message, key)

    def warning(self, path: KeyPath | None, message: str, key: bool = False) -> None:
        self._at(Severity.WARNING, path, message, key)

    def where(self, path: KeyPath) -> tuple[str, KeyPath]:
        """Names the part of the show a path lies in, and the path relative to that part."""
        if len(path) >= 2 and path[0] == "slides" and isinstance(path[1], int):
            slide = self.tree["slides"][path[1]] if self._slide_list() else None
            slide_id = slide.get("id") if isinstance(slide, dict) else None
            name = f"slide '{slide_id}'" if isinstance(slide_id, str) else f"slide {path[1] + 1}"
            return name, path[2:]
        if path and path[0] == "settings":
            return "settings", path[1:]
        return "the show", path

    def _slide_list(self) -> list[Any] | None:
        slides = self.tree.get("slides") if isinstance(self.tree, dict) else None
        return slides if isinstance(slides, list) else None

    # -- the pass -----------------------------------------------------------------------------

    def run(self) -> LoadedShow:
        if not self._read():
            return LoadedShow(self.folder, None, self.report)
        self._repair_language_texts(self.tree, ())
        settings = self._check_settings()
        slides = self._check_slides()
        self._check_languages()
        if settings is not None:
            self._check_contrast(settings)
        if isinstance(self.tree.get("settings"), dict):
            self._check_fields(Settings, self.tree["settings"], ("settings",))
        for index, raw in enumerate(self._slide_list() or []):
            if isinstance(raw, dict):
                self._check_slide(index, raw, settings)
        show = None
        positions = {}
        if self.report.ok and settings is not None:
            show = Show.model_construct(settings=settings, slides=[s for _, s in slides])
            for index, slide in slides:
                pos = self.source.value_pos(("slides", index))
                positions[slide.id] = (pos.line, pos.column)
        return LoadedShow(self.folder, show, self.report, self.file, positions)

    def _languages(self) -> set[str]:
        settings = self.tree.get("settings") if isinstance(self.tree, dict) else None
        listed = settings.get("languages") if isinstance(settings, dict) else None
        if isinstance(listed, list) and all(isinstance(code, str) for code in listed):
            return set(listed)
        return {"de", "en", "be", "ru"}

    def _repair_language_texts(self, node: Any, path: KeyPath) -> None:
        """Two mistakes YAML cannot see, named as what they are and repaired so the rest of
        the folder is still checked:

        - languages indented no further than their field ('headline:' with nothing after it,
          then 'de:' and 'en:' under it at the same indentation) would read as an empty
          headline and two unknown keys;
        - a comma inside '{de: Musikerin, politische Gefangene, en: ...}' ends the text, so
          'politische Gefangene' would read as an unknown key.
        """
        languages = self._languages()
        if isinstance(node, list):
            for index, item in enumerate(node):
                self._repair_language_texts(item, (*path, index))
            return
        if not isinstance(node, dict):
            return
        keys = list(node)
        text_map = any(key in languages for key in keys) and all(
            key in languages or node[key] is None for key in keys
        )
        if text_map:
            self._split_by_comma(node, path, languages)
            return
        for index, key in enumerate(keys):
            if node.get(key, "") is not None or index + 1 >= len(keys):
                continue
            following: list[str] = []
            for later in keys[index + 1 :]:
                if later not in languages:
                    break
                following.append(later)
            if not following:
                continue
            field_pos = self.source.key_pos((*path, key))
            first_pos = self.source.key_pos((*path, following[0]))
            self.error(
                (*path, following[0]),
                f"wrong indentation: '{following[0]}:' on line {first_pos.line} belongs to "
                f"'{key}:' on line {field_pos.line}; indent the language lines under it by two "
                f"more spaces than '{key}:' (column {field_pos.column + 2})",
                key=True,
            )
            node[key] = {code: node.pop(code) for code in following}
        for key, value in node.items():
            self._repair_language_texts(value, (*path, key))

    def _split_by_comma(self, node: dict[str, Any], path: KeyPath, languages: set[str]) -> None:
        previous: str | None = None
        for key in list(node):
            if key in languages:
                previous = key
                continue
            if previous is not None and isinstance(node.get(previous), str):
                whole = f"{node[previous]}, {key}"
                example = f'{previous}: "{whole}"'
            else:
                example = 'de: "Musikerin, politische Gefangene"'
            self.error(
                (*path, key),
                f"'{key}' is the rest of a text cut at a comma: inside '{{ … }}' a comma ends "
                f"a text, so put a text with a comma in quotes: {example}",
                key=True,
            )
            del node[key]

    def _read(self) -> bool:
        folder = self.folder
        if not folder.exists():
            self.report.add(
                Diagnostic(display_path(folder), None, None, Severity.ERROR, "folder not found")
            )
            return False
        if not folder.is_dir():
            self.report.add(
                Diagnostic(display_path(folder), None, None, Severity.ERROR, "not a folder")
            )
            return False
        path = folder / SHOW_FILE
        if (self.shown / SHOW_FILE).is_dir():
            self.error(None, "show.yaml is not a file (is it a folder?)")
            return False
        if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
            self.error(None, "show.yaml is a link to a file outside the content folder")
            return False
        if not path.exists():
            self.error(None, "file not found; a content folder needs a show.yaml")
            return False
        if not path.is_file():
            self.error(None, "show.yaml is not a file (is it a folder?)")
            return False
        document = load_yaml_file(path)
        self.source = document.source
        for problem in document.problems:
            line = problem.pos.line if problem.pos else None
            column = problem.pos.column if problem.pos else None
            self.report.add(Diagnostic(self.file, line, column, Severity.ERROR, problem.message))
        if document.problems:
            return False
        self.tree = document.data
        if self.tree is None:
            self.error(None, "show.yaml is empty; it needs 'settings' and 'slides'")
            return False
        if not isinstance(self.tree, dict):
            self.error(
                (),
                "show.yaml must be a map with 'settings' and 'slides', "
                f"not {describe_value(self.tree)}",
            )
            return False
        for key in self.tree:
            if key not in Show.model_fields:
                self._unknown_key(key, list(Show.model_fields), (key,))
        return True

    def _unknown_key(self, key: str, allowed: list[str], path: KeyPath) -> None:
        name, rel = self.where(path)
        inside = _dotted(rel[:-1])
        location = f"{name}" + (f", {inside}" if inside else "")
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        self.error(path, f"unknown key '{key}' in {location}{hint}", key=True)

    def _report_validation(
        self, error: ValidationError, base: KeyPath, model: type[BaseModel] | None
    ) -> None:
        items = error.errors()
        if base[:1] == ("slides",):
            for item in items:
                loc = tuple(item["loc"])
                if loc and loc[0] in SLIDE_KINDS:
                    model, item["loc"] = SLIDE_KINDS[str(loc[0])], loc[1:]
        # A misspelt required key shows up twice: as unknown and as missing. Say it once.
        suggested: set[tuple[KeyPath, str]] = set()
        for item in items:
            if item["type"] == "extra_forbidden":
                loc = tuple(item["loc"])
                parent = _model_at(model, loc[:-1])
                close = difflib.get_close_matches(
                    str(loc[-1]), list(parent.model_fields) if parent else [], n=1, cutoff=0.6
                )
                suggested.update((loc[:-1], c) for c in close)
        for item in items:
            loc = tuple(item["loc"])
            if item["type"] == "missing" and (loc[:-1], loc[-1]) in suggested:
                continue
            path = base + loc
            kind = item["type"]
            name, rel = self.where(path)
            if kind == "extra_forbidden":
                parent = _model_at(model, loc[:-1])
                allowed = list(parent.model_fields) if parent else []
                self._unknown_key(str(loc[-1]), allowed, path)
            elif kind == "missing":
                parent_rel = _dotted(rel[:-1])
                inside = f"{name}" + (f", {parent_rel}" if parent_rel else "")
                self.error(path[:-1], f"missing required key '{loc[-1]}' in {inside}")
            elif kind == "union_tag_invalid":
                tag = str((item.get("ctx") or {}).get("tag"))
                close = difflib.get_close_matches(tag, list(SLIDE_KINDS), n=1, cutoff=0.6)
                hint = (
                    f"did you mean '{close[0]}'?" if close else "kinds: " + ", ".join(SLIDE_KINDS)
                )
                self.error((*path, "kind"), f"unknown slide kind '{tag}' in {name} ({hint})")
            elif kind == "union_tag_not_found":
                kinds = ", ".join(SLIDE_KINDS)
                self.error(path, f"missing required key 'kind' in {name} (one of: {kinds})")
            else:
                language = (item.get("ctx") or {}).get("language")
                if language and (*path, language) in self.source.values:
                    path = (*path, language)
                subject = f"'{_dotted(rel)}' in {name}" if rel else name
                self.error(path, _pydantic_message(item, subject))

    def _check_settings(self) -> Settings | None:
        raw = self.tree.get("settings")
        if raw is None:
            self.error((), "missing required key 'settings' in the show")
            return None
        # Languages are read even when other settings are broken, so text checks still run.
        languages = raw.get("languages") if isinstance(raw, dict) else None
        if isinstance(languages, list):
            self.languages = [code for code in languages if isinstance(code, str)]
        default = raw.get("default_language") if isinstance(raw, dict) else None
        self.default_language = default if isinstance(default, str) else None
        try:
            return Settings.model_validate(raw)
        except ValidationError as error:
            self._report_validation(error, ("settings",), Settings)
            return None

    def _check_slides(self) -> list[tuple[int, Any]]:
        raw = self.tree.get("slides")
        if raw is None:
            self.error((), "missing required key 'slides' in the show; add at least one slide")
            return []
        if not isinstance(raw, list):
            self.error(("slides",), f"'slides' must be a list of slides, got {describe_value(raw)}")
            return []
        if not raw:
            self.error(("slides",), "the show has no slides; add at least one under 'slides'")
            return []
        valid = []
        seen: dict[str, int] = {}
        for index, item in enumerate(raw):
            if not isinstance(item, dict):
                self.error(
                    ("slides", index),
                    f"slide {index + 1} must be a map of keys, got {describe_value(item)}",
                )
                continue
            slide_id = item.get("id")
            if isinstance(slide_id, str):
                if slide_id in seen:
                    first = self.source.value_pos(("slides", seen[slide_id], "id"))
                    self.error(
                        ("slides", index, "id"),
                        f"duplicate slide id '{slide_id}' (first used at line {first.line})",
                    )
                else:
                    seen[slide_id] = index
            try:
                valid.append((index, _SLIDE_ADAPTER.validate_python(item)))
            except ValidationError as error:
                self._report_validation(error, ("slides", index), None)
        return valid

    def _check_contrast(self, settings: Settings) -> None:
        theme = settings.theme
        for fore, back, minimum, what in THEME_PAIRS:
            ratio = contrast_ratio(getattr(theme, fore), getattr(theme, back))
            if ratio < minimum:
                path: KeyPath = ("settings", "theme", fore)
                if path not in self.source.values:
                    path = ("settings", "theme")
                self.warning(
                    path,
                    f"theme colours {fore} on {back} have a contrast of {ratio:.1f}:1; "
                    f"{what} need at least {minimum:g}:1 to be readable",
                )

    def _check_languages(self) -> None:
        raw = self.tree.get("settings")
        codes = raw.get("languages") if isinstance(raw, dict) else None
        if not isinstance(codes, list):
            return
        for index, code in enumerate(codes):
            if code in codes[:index]:
                self.error(("settings", "languages", index), f"language '{code}' is listed twice")
        default = self.default_language
        if default is not None and self.languages and default not in self.languages:
            self.error(
                ("settings", "default_language"),
                f"default language '{default}' is not in settings.languages "
                f"({', '.join(self.languages)})",
            )

    # -- checks on the raw data, guided by the model types, so a slide with one broken field
    # -- still has every other field checked in the same pass.

    def _check_fields(self, model: type[BaseModel], raw: dict[str, Any], base: KeyPath) -> None:
        for name, info in model.model_fields.items():
            if name not in raw:
                continue
            is_list, inner = _shape(info.annotation)
            value = raw[name]
            path = (*base, name)
            if is_list:
                if isinstance(value, list):
                    for index, item in enumerate(value):
                        self._check_value(inner, item, (*path, index))
            else:
                self._check_value(inner, value, path)

    def _check_value(self, kind: Any, value: Any, path: KeyPath) -> None:
        if not isinstance(kind, type):
            return
        if issubclass(kind, BaseModel):
            if isinstance(value, dict):
                self._check_fields(kind, value, path)
            return
        try:
            if issubclass(kind, LocalUrl):
                self._check_url(path, LocalUrl.parse(value))
            elif issubclass(kind, LocalText):
                self._check_text_languages(path, LocalText.parse(value))
            elif issubclass(kind, AssetPath):
                self._check_asset(path, AssetPath.parse(value))
        except PydanticCustomError:
            pass  # the type error is already reported by the model validation

    def _check_slide(self, index: int, raw: dict[str, Any], settings: Settings | None) -> None:
        model = SLIDE_KINDS.get(raw.get("kind"))  # type: ignore[arg-type]
        if model is None:
            return
        base: KeyPath = ("slides", index)
        self._check_fields(model, raw, base)
        name = (
            f"slide '{raw.get('id')}'" if isinstance(raw.get("id"), str) else f"slide {index + 1}"
        )
        try:
            as_of = AsOf.parse(raw["as_of"]) if raw.get("as_of") is not None else None
        except PydanticCustomError:
            as_of = None
        if as_of is not None and as_of.first_day > self.today:
            self.error(
                (*base, "as_of"), f"as-of date {as_of.isoformat()} in {name} is in the future"
            )
        show_from, show_until = raw.get("show_from"), raw.get("show_until")
        if (
            isinstance(show_from, datetime.date)
            and isinstance(show_until, datetime.date)
            and show_until < show_from
        ):
            self.error(
                (*base, "show_until"),
                f"show_until {show_until.isoformat()} in {name} is before show_from "
                f"{show_from.isoformat()}: the slide would never play",
            )
        elif isinstance(show_until, datetime.date) and show_until < self.today:
            self.warning(
                (*base, "show_until"),
                f"{name} was scheduled until {show_until.isoformat()}, which has passed; "
                "it no longer plays",
            )
        review_by = raw.get("review_by")
        if isinstance(review_by, datetime.date) and review_by < self.today:
            self.warning(
                (*base, "review_by"),
                f"{name} was due for review on {review_by.isoformat()}; check its facts "
                "and set a new review_by date",
            )
        if model is StorySlide:
            self._check_story(base, raw, name.replace("slide", "story", 1), settings)

    def _check_story(
        self, base: KeyPath, raw: dict[str, Any], name: str, settings: Settings | None
    ) -> None:
        verified_on = raw.get("verified_on")
        if not isinstance(verified_on, datetime.date):
            verified_on = None
        if verified_on is not None and verified_on > self.today:
            self.error((*base, "verified_on"), f"verified_on date of {name} is in the future")
        if raw.get("archetype") is True:
            return
        if raw.get("consent") is not True:
            self.warning(
                base,
                f"{name} is about a real person but has no 'consent: true'; show it only with "
                "the consent of the person or their family (or mark it 'archetype: true')",
            )
        months = settings.story_review_months if settings else 12
        if verified_on is None:
            self.warning(base, f"{name} is about a real person but has no verified_on date")
        elif (self.today - verified_on).days > months * 30.44:
            self.warning(
                (*base, "verified_on"),
                f"{name} was last verified on {verified_on.isoformat()}, more than "
                f"{months} months ago; check the person's situation and update verified_on",
            )

    def _check_text_languages(self, path: KeyPath, text: LocalText) -> None:
        given = text.languages()
        if given is None or not self.languages:
            return
        name, rel = self.where(path)
        subject = f"'{_dotted(rel)}' in {name}"
        for code in sorted(given):
            if code not in self.languages:
                self.error(
                    (*path, code),
                    f"language '{code}' in {subject} is not declared in settings.languages "
                    f"({', '.join(self.languages)})",
                    key=True,
                )
        default = self.default_language
        if default in self.languages and default not in given:
            self.error(path, f"{subject} has no '{default}' text (the default language)")
        for code in self.languages:
            if code != default and code not in given:
                self.warning(path, f"{subject} has no '{code}' text; '{default}' is shown instead")

    def _check_url(self, path: KeyPath, url: LocalText) -> None:
        given = url.languages()
        for code in [None] if given is None else sorted(given):
            target = path if code is None else (*path, code)
            if code is not None and self.languages and code not in self.languages:
                name, rel = self.where(path)
                self.error(
                    target,
                    f"language '{code}' in '{_dotted(rel)}' in {name} is not declared in "
                    f"settings.languages ({', '.join(self.languages)})",
                    key=True,
                )
            for problem in links.check_link(url.get(code or "")):
                if problem.severity == "error":
                    self.error(target, problem.message)
                else:
                    self.warning(target, problem.message)

    def _check_asset(self, path: KeyPath, name: AssetPath) -> None:
        if name.replace("\\", "/") in self.refused:
            return  # named where it was read: a second message would say "not found"
        try:
            file = assets.resolve_asset(self.folder, name)
            if path[-1] == "font":
                assets.inspect_font(file, name)
            else:
                for note in assets.inspect_image(file, name).notes:
                    self.warning(path, note)
                if self.decode_pictures:
                    assets.decode_image(file, name)
        except assets.AssetError as problem:
            self.error(path, str(problem))
        except OSError as error:
            self.error(path, f"cannot read '{name}': {error.strerror or error}")


def _shape(annotation: Any) -> tuple[bool, Any]:
    """Whether a field holds a list, and the type of its items (or of itself)."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is list:
            is_list = True
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return is_list, None
            annotation = args[0]
        else:
            return is_list, annotation
