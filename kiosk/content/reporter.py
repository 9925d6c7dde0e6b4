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
            name = f"slide '{slide_id}'" if isinstance(slide_id, str) else f"slide {path[1] + 1}"
            return name, path[2:]
        if path and path[0] == "settings":
            return "settings", path[1:]
        return "the show", path

    def slide_list(self) -> list[Any] | None:
        """The slides as read, when they are a list."""
        slides = self.tree.get("slides") if isinstance(self.tree, dict) else None
        return slides if isinstance(slides, list) else None

    def unknown_key(self, key: str, allowed: list[str], path: KeyPath) -> None:
        name, rel = self.where(path)
        inside = dotted(rel[:-1])
        location = f"{name}" + (f", {inside}" if inside else "")
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        self.error(path, f"unknown key '{key}' in {location}{hint}", key=True)

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
            inside = f"{name}" + (f", {parent_rel}" if parent_rel else "")
            self.error(path[:-1], f"missing required key '{loc[-1]}' in {inside}")
        elif kind == "union_tag_invalid":
            tag = str((item.get("ctx") or {}).get("tag"))
            close = difflib.get_close_matches(tag, list(SLIDE_KINDS), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "kinds: " + ", ".join(SLIDE_KINDS)
            self.error((*path, "kind"), f"unknown slide kind '{tag}' in {name} ({hint})")
        elif kind == "union_tag_not_found":
            kinds = ", ".join(SLIDE_KINDS)
            self.error(path, f"missing required key 'kind' in {name} (one of: {kinds})")
        else:
            language = (item.get("ctx") or {}).get("language")
            if language and (*path, language) in self.source.values:
                path = (*path, language)
            subject = f"'{dotted(rel)}' in {name}" if rel else name
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
    if kind == "value_error" and isinstance(ctx.get("error"), ValueCheckError):
        return f"{subject}: {ctx['error']}"
    if kind == "literal_error":
        return f"{subject} must be one of {ctx.get('expected')}, got {got}"
    return f"{subject}: {error['msg']}"


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
