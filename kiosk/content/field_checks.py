"""Checks every text, link and file of the show by its field's type, on the data as read."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from kiosk.content import assets, captions, clips, links
from kiosk.content.diagnostics import Diagnostic, Severity
from kiosk.content.model import field_types
from kiosk.content.reporter import ShowReporter, dotted, field_shape
from kiosk.content.value_types import (
    AssetPath,
    ClipPath,
    LocalFiles,
    LocalText,
    LocalUrl,
    ValueCheckError,
)
from kiosk.content.yamlsource import KeyPath
from kiosk.i18n.said import said


class FieldChecks:
    """Checks on the raw data, guided by the model types, so a slide with one broken field
    still has every other field checked in the same pass."""

    def __init__(
        self,
        reporter: ShowReporter,
        folder: Path,
        languages: list[str],
        default_language: str | None,
        refused: set[str],
        decode_pictures: bool,
    ):
        self.reporter = reporter
        self.folder = folder  # where the files are read: the snapshot
        self.languages = languages  # as settings.languages lists them, even when it is broken
        self.default_language = default_language
        self.refused = refused  # files refused as read, each named already
        self.decode_pictures = decode_pictures
        # What was read of each clip and caption file, by the name the show gives it, for the
        # checks that compare them with each other (captions past the clip's end).
        self.clips: dict[str, clips.ClipInfo] = {}
        self.captions: dict[str, captions.CaptionTrack] = {}

    def check_fields(self, model: type, raw: dict[str, Any], base: KeyPath) -> None:
        for name, annotation in field_types(model).items():
            if name not in raw:
                continue
            is_list, inner = field_shape(annotation)
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
        if dataclasses.is_dataclass(kind):
            if isinstance(value, dict):
                self.check_fields(kind, value, path)
            return
        try:
            if issubclass(kind, LocalUrl):
                self._check_url(path, LocalUrl.parse(value))
            elif issubclass(kind, LocalFiles):
                self._check_captions(path, LocalFiles.parse(value))
            elif issubclass(kind, LocalText):
                self._check_text_languages(path, LocalText.parse(value))
            elif issubclass(kind, ClipPath):
                self._check_clip(path, ClipPath.parse(value))
            elif issubclass(kind, AssetPath):
                self._check_asset(path, AssetPath.parse(value))
        except ValueCheckError:
            pass  # the type error is already reported by the model validation

    def _check_text_languages(self, path: KeyPath, text: LocalText) -> None:
        given = text.languages()
        if given is None or not self.languages:
            return
        name, rel = self.reporter.where(path)
        subject = said("'{key}' in {location}", key=dotted(rel), location=name)
        declared = ", ".join(self.languages)
        for code in sorted(given):
            if code not in self.languages:
                self.reporter.error(
                    (*path, code),
                    said(
                        "language '{code}' in {subject} is not declared in settings.languages "
                        "({languages})",
                        code=code,
                        subject=subject,
                        languages=declared,
                    ),
                    key=True,
                )
        default = self.default_language
        if default in self.languages and default not in given:
            self.reporter.error(
                path,
                said(
                    "{subject} has no '{code}' text (the default language)",
                    subject=subject,
                    code=default,
                ),
            )
        for code in self.languages:
            if code != default and code not in given:
                self.reporter.warning(
                    path,
                    said(
                        "{subject} has no '{code}' text; '{default}' is shown instead",
                        subject=subject,
                        code=code,
                        default=default,
                    ),
                )

    def _check_url(self, path: KeyPath, url: LocalText) -> None:
        given = url.languages()
        for code in [None] if given is None else sorted(given):
            target = path if code is None else (*path, code)
            if code is not None and self.languages and code not in self.languages:
                name, rel = self.reporter.where(path)
                self.reporter.error(
                    target,
                    said(
                        "language '{code}' in {subject} is not declared in settings.languages "
                        "({languages})",
                        code=code,
                        subject=said("'{key}' in {location}", key=dotted(rel), location=name),
                        languages=", ".join(self.languages),
                    ),
                    key=True,
                )
            for problem in links.check_link(url.get(code or "")):
                if problem.severity == "error":
                    self.reporter.error(target, problem.message)
                else:
                    self.reporter.warning(target, problem.message)

    def _check_asset(self, path: KeyPath, name: AssetPath) -> None:
        if name.replace("\\", "/") in self.refused:
            return  # named where it was read: a second message would say "not found"
        try:
            file = assets.resolve_asset(self.folder, name)
            if path[-1] == "font":
                assets.inspect_font(file, name)
            else:
                for note in assets.inspect_image(file, name).notes:
                    self.reporter.warning(path, note)
                if self.decode_pictures:
                    assets.decode_image(file, name)
        except assets.AssetError as problem:
            self.reporter.error(path, problem.said())
        except OSError as error:
            self.reporter.error(
                path,
                said("cannot read '{name}': {error}", name=name, error=error.strerror or error),
            )

    def _check_clip(self, path: KeyPath, name: AssetPath) -> None:
        if name.replace("\\", "/") in self.refused:
            return
        try:
            file = assets.resolve_asset(self.folder, name)
            check = clips.decode_clip if self.decode_pictures else clips.inspect_clip
            info = check(file, name)
        except assets.AssetError as problem:
            self.reporter.error(path, problem.said())
            return
        except OSError as error:
            self.reporter.error(
                path,
                said("cannot read '{name}': {error}", name=name, error=error.strerror or error),
            )
            return
        self.clips[name] = info
        for note in clips.clip_warnings(info, name):
            self.reporter.warning(path, note)

    def _check_captions(self, path: KeyPath, files: LocalFiles) -> None:
        """The languages as for a text; each file read as WebVTT, its problems at its lines."""
        self._check_text_languages(path, files)
        shown = Path(self.reporter.file).parent
        for code, name in sorted(files.by_language.items()):
            if name.replace("\\", "/") in self.refused:
                continue
            try:
                file = assets.resolve_asset(self.folder, name)
            except assets.AssetError as problem:
                self.reporter.error((*path, code), problem.said())
                continue
            track = captions.read_captions(file)
            self.captions[name] = track
            where = str(shown / name) if str(shown) != "." else name
            for found in track.problems:
                severity = Severity.ERROR if found.error else Severity.WARNING
                self.reporter.report.add(
                    Diagnostic(where, found.line, None, severity, found.message)
                )
