"""Puts each problem in show.yaml into the report at its line and column, in organisers' words."""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from typing import Any

from pydantic import ValidationError

from kiosk.content.diagnostics import Diagnostic, Report, Severity
from kiosk.content.model import SLIDE_KINDS, field_names, field_types
from kiosk.content.value_types import ValueCheckError, describe_value
from kiosk.content.yamlsource import KeyPath, SourceMap
from kiosk.i18n.said import Said, english, said


class ShowReporter:
    """Reports on one show.yaml: where a key path stands, and what the organiser calls it."""

    def __init__(self, file: str, report: Report):
        self.file = file  # show.yaml as the organiser names it, in every message
        self.report = report
        self.source = SourceMap()
        self.tree: Any = None  # the file's data as read, for naming slides by their id

    def _at(
        self, severity: Severity, path: KeyPath | None, message: str, key: bool = False
    ) -> None:
        """message: a `Said` (said in the reader's language) or, from a part of the check that
        is not yet translated, English."""
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
            slide = self.tree["slides"][path[1]] if self.slide_list() else None
            slide_id = slide.get("id") if isinstance(slide, dict) else None
            return slide_name(slide_id, path[1]), path[2:]
        if path and path[0] == "settings":
            return "settings", path[1:]  # the key's own name, in every language
        return said("the show"), path

    def slide_list(self) -> list[Any] | None:
        """The slides as read, when they are a list."""
        slides = self.tree.get("slides") if isinstance(self.tree, dict) else None
        return slides if isinstance(slides, list) else None

    def unknown_key(self, key: str, allowed: list[str], path: KeyPath) -> None:
        name, rel = self.where(path)
        inside = dotted(rel[:-1])
        location = said("{part}, {inside}", part=name, inside=inside) if inside else name
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        message = (
            said(
                "unknown key '{key}' in {location} (did you mean '{close}'?)",
                key=key,
                location=location,
                close=close[0],
            )
            if close
            else said("unknown key '{key}' in {location}", key=key, location=location)
        )
        self.error(path, message, key=True)

    def report_validation(self, error: ValidationError, base: KeyPath, model: type | None) -> None:
        """Pydantic's errors for the part of the show at base, one message each."""
        items = error.errors()
        if base[:1] == ("slides",):
            for item in items:
                loc = tuple(item["loc"])
                if loc and loc[0] in SLIDE_KINDS:
                    model, item["loc"] = SLIDE_KINDS[str(loc[0])], loc[1:]
        suggested = _suggested_keys(items, model)
        for item in items:
            loc = tuple(item["loc"])
            if item["type"] == "missing" and (loc[:-1], loc[-1]) in suggested:
                continue
            self._validation_item(item, base, model)

    def _validation_item(self, item: Any, base: KeyPath, model: type | None) -> None:
        """One of pydantic's errors in the organiser's words, at its place in the file."""
        loc = tuple(item["loc"])
        path = base + loc
        kind = item["type"]
        name, rel = self.where(path)
        if kind in _UNKNOWN_KEY:
            parent = _model_at(model, loc[:-1])
            allowed = field_names(parent) if parent else []
            self.unknown_key(str(loc[-1]), allowed, path)
        elif kind == "missing":
            parent_rel = dotted(rel[:-1])
            inside = said("{part}, {inside}", part=name, inside=parent_rel) if parent_rel else name
            self.error(
                path[:-1],
                said("missing required key '{key}' in {location}", key=loc[-1], location=inside),
            )
        elif kind == "union_tag_invalid":
            tag = str((item.get("ctx") or {}).get("tag"))
            close = difflib.get_close_matches(tag, list(SLIDE_KINDS), n=1, cutoff=0.6)
            kinds = ", ".join(SLIDE_KINDS)
            self.error(
                (*path, "kind"),
                said(
                    "unknown slide kind '{kind}' in {location} (did you mean '{close}'?)",
                    kind=tag,
                    location=name,
                    close=close[0],
                )
                if close
                else said(
                    "unknown slide kind '{kind}' in {location} (kinds: {kinds})",
                    kind=tag,
                    location=name,
                    kinds=kinds,
                ),
            )
        elif kind == "union_tag_not_found":
            kinds = ", ".join(SLIDE_KINDS)
            self.error(
                path,
                said(
                    "missing required key 'kind' in {location} (one of: {kinds})",
                    location=name,
                    kinds=kinds,
                ),
            )
        else:
            language = (item.get("ctx") or {}).get("language")
            if language and (*path, language) in self.source.values:
                path = (*path, language)
            subject = said("'{key}' in {location}", key=dotted(rel), location=name) if rel else name
            self.error(path, _pydantic_message(item, subject))


def _suggested_keys(items: list[Any], model: type | None) -> set[tuple[KeyPath, str]]:
    """The keys that misspelt keys stand for: a misspelt required key shows up twice, as unknown
    and as missing, and is said once, as unknown (with the suggestion)."""
    suggested: set[tuple[KeyPath, str]] = set()
    for item in items:
        if item["type"] in _UNKNOWN_KEY:
            loc = tuple(item["loc"])
            parent = _model_at(model, loc[:-1])
            close = difflib.get_close_matches(
                str(loc[-1]), field_names(parent) if parent else [], n=1, cutoff=0.6
            )
            suggested.update((loc[:-1], c) for c in close)
    return suggested


# How pydantic names a key the show's classes do not have (a dataclass's unexpected argument).
_UNKNOWN_KEY = ("extra_forbidden", "unexpected_keyword_argument")


def dotted(rel: KeyPath) -> str:
    """A key path as the organiser reads it: `rows[2].label`."""
    text = ""
    for part in rel:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def field_shape(annotation: Any) -> tuple[bool, Any]:
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


def _model_at(model: type | None, rel: KeyPath) -> type | None:
    for part in rel:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        annotation = field_types(model).get(part)
        if annotation is None:
            return None
        inner = field_shape(annotation)[1]
        model = inner if isinstance(inner, type) and dataclasses.is_dataclass(inner) else None
    return model


def slide_name(slide_id: object, index: int) -> Said:
    """A slide as the organiser knows it: by its id, or by its place in the list."""
    if isinstance(slide_id, str):
        return said("slide '{id}'", id=slide_id)
    return said("slide {n}", n=index + 1)


def story_name(slide_id: object, index: int) -> Said:
    """A story slide as the organiser knows it."""
    if isinstance(slide_id, str):
        return said("story '{id}'", id=slide_id)
    return said("story {n}", n=index + 1)


def _pydantic_message(error: Any, subject: str) -> Said:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    got = describe_value(error.get("input"))
    expected = {
        "string_type": said("text"),
        "bool_type": said("yes or no (true/false)"),
        "bool_parsing": said("yes or no (true/false)"),
        "int_type": said("a whole number"),
        "int_parsing": said("a whole number"),
        "int_from_float": said("a whole number"),
        "float_type": said("a number"),
        "float_parsing": said("a number"),
        "date_type": said("a date like 2025-05-21"),
        "date_parsing": said("a date like 2025-05-21"),
        "date_from_datetime_parsing": said("a date like 2025-05-21"),
        "date_from_datetime_inexact": said("a date like 2025-05-21"),
        "list_type": said("a list"),
        "model_type": said("a map of keys"),
        "model_attributes_type": said("a map of keys"),
        "dict_type": said("a map of keys"),
        "finite_number": said("a finite number"),
    }
    if kind in expected:
        return said(
            "{subject} must be {expected}, got {got}",
            subject=subject,
            expected=expected[kind],
            got=got,
        )
    bounds = {
        "greater_than": (english("{subject} must be greater than {bound}, got {got}"), "gt"),
        "greater_than_equal": (english("{subject} must be at least {bound}, got {got}"), "ge"),
        "less_than": (english("{subject} must be less than {bound}, got {got}"), "lt"),
        "less_than_equal": (english("{subject} must be at most {bound}, got {got}"), "le"),
    }
    if kind in bounds:
        template, key = bounds[kind]
        return said(template, subject=subject, bound=_number(ctx.get(key)), got=got)
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        if n == 1:
            return said("{subject} needs at least 1 entry", subject=subject)
        return said("{subject} needs at least {n} entries", subject=subject, n=n)
    if kind == "too_long":
        n = ctx.get("max_length")
        if n == 1:
            return said("{subject} may have at most 1 entry", subject=subject)
        return said("{subject} may have at most {n} entries", subject=subject, n=n)
    if kind == "value_error" and isinstance(ctx.get("error"), ValueCheckError):
        return said("{subject}: {problem}", subject=subject, problem=ctx["error"].said())
    if kind == "literal_error":
        return said(
            "{subject} must be one of {choices}, got {got}",
            subject=subject,
            choices=ctx.get("expected"),
            got=got,
        )
    return said("{subject}: {problem}", subject=subject, problem=error["msg"])


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
