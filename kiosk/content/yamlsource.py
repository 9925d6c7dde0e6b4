"""Reads a YAML file into plain data plus a map of where every key and value stands.

The file is read defensively: size, encoding, nesting depth and alias expansion are checked
before any value is built, no tag ever constructs an object, and every problem comes back as a
located message instead of an exception.
"""

from __future__ import annotations

import bisect
import codecs
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kiosk.content.yaml_messages import LINE_BREAK, syntax_message
from kiosk.i18n.said import said

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_EXPANDED_VALUES = 200_000

KeyPath = tuple[str | int, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
} | {"!"}

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Pos:
    line: int
    column: int


@dataclass
class SourceMap:
    """Where each value and each mapping key of a document stands (1-based)."""

    values: dict[KeyPath, Pos] = field(default_factory=dict)
    keys: dict[KeyPath, Pos] = field(default_factory=dict)
    raw: dict[KeyPath, str] = field(default_factory=dict)

    def value_pos(self, path: KeyPath) -> Pos:
        """The position of the value at path, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return Pos(1, 1)

    def key_pos(self, path: KeyPath) -> Pos:
        return self.keys.get(path) or self.value_pos(path)


@dataclass(frozen=True)
class YamlProblem:
    pos: Pos | None
    message: str


@dataclass
class YamlDocument:
    data: Any
    source: SourceMap
    problems: list[YamlProblem]


class _Lines:
    """Positions as an editor shows them: lines end at a line feed or carriage return only (the
    YAML library's own marks count a U+2028 inside a text as a line break too, and would put
    everything below it a line too low)."""

    def __init__(self, text: str):
        self._starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]

    def pos(self, mark: Any) -> Pos:
        return self.at(mark.index)  # characters from the start, as the marks count them

    def at(self, index: int) -> Pos:
        """The position of the character `index` characters from the start."""
        line = bisect.bisect_right(self._starts, index) - 1
        return Pos(line + 1, index - self._starts[line] + 1)

    def corrected(self, mark: Any) -> Any:
        """A mark with its line and column where an editor shows them (counted from 0)."""
        if mark is None:
            return None
        pos = self.pos(mark)
        return yaml.Mark(mark.name, mark.index, pos.line - 1, pos.column - 1, None, 0)


def _line_col_at(text: bytes, offset: int) -> Pos:
    line = text.count(b"\n", 0, offset) + 1
    start = text.rfind(b"\n", 0, offset) + 1
    column = len(text[start:offset].decode("utf-8", errors="replace")) + 1
    return Pos(line, column)


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[YamlProblem]]:
    """Reads a UTF-8 text file, refusing binary files, other encodings and oversized files."""
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [
                YamlProblem(
                    None,
                    said(
                        "file is {size}; a show file may be at most {limit}",
                        size=_human_bytes(size),
                        limit=_human_bytes(limit),
                    ),
                )
            ]
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        return None, [
            YamlProblem(None, said("cannot read file: {error}", error=error.strerror or error))
        ]

    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            return None, [
                YamlProblem(
                    Pos(1, 1), said("file is saved as {encoding}; save it as UTF-8", encoding=name)
                )
            ]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, [
            YamlProblem(
                _line_col_at(raw, nul),
                said(
                    "file contains binary data (a NUL byte); a show file must be plain UTF-8 text"
                ),
            )
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        bad = raw[error.start]
        return None, [
            YamlProblem(
                _line_col_at(raw, error.start),
                said(
                    "file is not valid UTF-8 (byte 0x{byte}; perhaps saved as Latin-1 or "
                    "Windows-1252); save it as UTF-8",
                    byte=f"{bad:02X}",
                ),
            )
        ]


def _human_bytes(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.0f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} kB"
    return f"{size} bytes"


class _Frame:
    """A mapping or sequence being built, with the key that is waiting for its value."""

    __slots__ = ("anchor", "container", "expanded", "key_pos", "path", "pending_key")

    def __init__(self, container: dict[str, Any] | list[Any], path: KeyPath, anchor: str | None):
        self.container = container
        self.path = path
        self.anchor = anchor
        self.pending_key: str | None = None
        self.key_pos: Pos | None = None
        self.expanded = 1


def _scalar_value(constructor: yaml.constructor.SafeConstructor, event: yaml.ScalarEvent) -> Any:
    if event.tag in (None, "!"):
        tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, event.value, event.implicit)
    else:
        tag = event.tag
    if event.tag == "!" or (event.style and event.tag is None):
        tag = "tag:yaml.org,2002:str"
    node = yaml.ScalarNode(tag, event.value, style=event.style)
    value = constructor.construct_object(node)
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value
    return value


_INVALID_KEY = "\x00invalid"  # a key that was a list or map: its value is dropped, once said


class _DocumentBuilder:
    """Builds plain data from YAML events, noting every position and counting every value, so a
    bomb of aliases is refused before it is expanded."""

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.source = SourceMap()
        self.problems: list[YamlProblem] = []
        self.constructor = yaml.constructor.SafeConstructor()
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0
        self.total_expanded = 0

    def take(self, event: Any) -> bool:
        """Takes in one event; False when reading must stop here."""
        pos = self.lines.pos(event.start_mark)
        if isinstance(event, yaml.DocumentStartEvent):
            going_on = self._document_start(pos)
        elif isinstance(event, yaml.ScalarEvent):
            going_on = self._scalar(event, pos)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            going_on = self._collection_start(event, pos)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            going_on = self._collection_end()
        elif isinstance(event, yaml.AliasEvent):
            going_on = self._alias(event, pos)
        else:
            going_on = True
        if not going_on:
            return False
        if self.total_expanded > MAX_EXPANDED_VALUES:
            self.problems.append(
                YamlProblem(
                    pos,
                    said("file holds more than {limit} values", limit=f"{MAX_EXPANDED_VALUES:,}"),
                )
            )
            return False
        return True

    def _document_start(self, pos: Pos) -> bool:
        self.documents += 1
        if self.documents > 1:
            self.problems.append(
                YamlProblem(pos, said("more than one YAML document ('---'); use one only"))
            )
            return False
        return True

    def _scalar(self, event: yaml.ScalarEvent, pos: Pos) -> bool:
        if not self._check_tag(event.tag, pos):
            value: Any = None
        else:
            try:
                value = _scalar_value(self.constructor, event)
            except (yaml.constructor.ConstructorError, ValueError):
                value = event.value
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.total_expanded += 1
        self._place(value, pos, 1, raw=event.value)
        return True

    def _collection_start(
        self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent, pos: Pos
    ) -> bool:
        stack = self.stack
        if len(stack) >= MAX_DEPTH:
            self.problems.append(
                YamlProblem(pos, said("nesting is deeper than {depth} levels", depth=MAX_DEPTH))
            )
            return False
        self._check_tag(event.tag, pos)
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        # Reserve the slot in the parent now, so the path is known for children.
        if stack and isinstance(stack[-1].container, dict) and stack[-1].pending_key is None:
            self.problems.append(
                YamlProblem(pos, said("a key must be a plain word, not a list or map"))
            )
            return False
        path = self._place(container, pos, 0)
        frame = _Frame(container, path if path is not None else ("\x00dropped",), event.anchor)
        stack.append(frame)
        self.total_expanded += 1
        return True

    def _collection_end(self) -> bool:
        frame = self.stack.pop()
        if self.stack:
            self.stack[-1].expanded += frame.expanded
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.container, frame.expanded)
        return True

    def _alias(self, event: yaml.AliasEvent, pos: Pos) -> bool:
        target = self.anchors.get(event.anchor or "")
        if target is None:
            self.problems.append(
                YamlProblem(
                    pos,
                    said("reference to an undefined anchor '*{name}'", name=event.anchor),
                )
            )
            return False
        target_value, size = target
        self.total_expanded += size
        if self.total_expanded > MAX_EXPANDED_VALUES:
            self.problems.append(
                YamlProblem(
                    pos,
                    said(
                        "aliases ('*name') expand to more than {limit} values; simplify the file",
                        limit=f"{MAX_EXPANDED_VALUES:,}",
                    ),
                )
            )
            return False
        self._place(target_value, pos, size)
        return True

    def _check_tag(self, tag: str | None, pos: Pos) -> bool:
        if tag is None or tag in _STANDARD_TAGS:
            return True
        self.problems.append(
            YamlProblem(
                pos,
                said(
                    "YAML tag '{tag}' is not allowed; a show file holds only text, numbers, "
                    "dates, lists and keys",
                    tag=tag.replace("tag:yaml.org,2002:", "!!"),
                ),
            )
        )
        return False

    def _place(self, value: Any, pos: Pos, expanded: int, raw: str | None = None) -> KeyPath | None:
        """Puts a finished value into its parent; returns its path, or None if dropped."""
        if not self.stack:
            self.root = value
            self.source.values[()] = pos
            return ()
        parent = self.stack[-1]
        parent.expanded += expanded
        path: KeyPath | None
        if isinstance(parent.container, list):
            path = (*parent.path, len(parent.container))
            parent.container.append(value)
        elif parent.pending_key is None:
            self._take_key(parent, value, pos, raw)
            return None
        else:
            path = self._take_value(parent, value)
        if path is None:
            return None
        self.source.values[path] = pos
        if raw is not None:
            self.source.raw[path] = raw
        return path

    def _take_key(self, parent: _Frame, value: Any, pos: Pos, raw: str | None) -> None:
        """A scalar in a mapping with no key waiting: this is the key; its value comes next."""
        if not isinstance(value, str | int | float | bool) and value is not None:
            self.problems.append(
                YamlProblem(pos, said("a key must be a plain word, not a list or map"))
            )
            parent.pending_key = _INVALID_KEY
        else:
            parent.pending_key = raw if raw is not None else str(value)
        parent.key_pos = pos

    def _take_value(self, parent: _Frame, value: Any) -> KeyPath | None:
        """The value of the key waiting in a mapping: its path, or None when it is dropped."""
        key = parent.pending_key
        parent.pending_key = None
        if key == _INVALID_KEY or key is None:
            return None
        path = (*parent.path, key)
        if key in parent.container:
            first = self.source.keys.get(path)
            message = (
                said("duplicate key '{key}' (first at line {line})", key=key, line=first.line)
                if first
                else said("duplicate key '{key}'", key=key)
            )
            self.problems.append(YamlProblem(parent.key_pos, message))
            return None
        assert isinstance(parent.container, dict)
        parent.container[key] = value
        assert parent.key_pos is not None
        self.source.keys[path] = parent.key_pos
        return path


def parse_yaml(text: str) -> YamlDocument:
    """Builds plain data from YAML text, with guards against bombs and every position noted."""
    text = text.removeprefix("\ufeff")  # a byte order mark is no character of the first line
    lines = _Lines(text)
    builder = _DocumentBuilder(lines)
    events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
    try:
        for event in events:
            if not builder.take(event):
                break
    except yaml.MarkedYAMLError as error:
        error.problem_mark = lines.corrected(error.problem_mark)
        error.context_mark = lines.corrected(error.context_mark)
        mark = error.problem_mark or error.context_mark
        builder.problems.append(
            YamlProblem(
                lines.pos(mark) if mark is not None else None,
                syntax_message(error, text, MAX_DEPTH),
            )
        )
    except yaml.reader.ReaderError as error:
        index = error.position
        if _Loader is not yaml.SafeLoader:  # libyaml counts the bytes of the UTF-8 it read
            index = len(text.encode("utf-8")[:index].decode("utf-8", errors="ignore"))
        pos = lines.at(index)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        builder.problems.append(
            YamlProblem(
                pos,
                said(
                    "file contains the control character U+{code}, which YAML forbids",
                    code=f"{code:04X}",
                ),
            )
        )
    except yaml.YAMLError as error:
        builder.problems.append(
            YamlProblem(None, said("YAML syntax error: {problem}", problem=error))
        )
    return YamlDocument(builder.root, builder.source, builder.problems)


def load_yaml_file(path: Path) -> YamlDocument:
    text, problems = read_text(path)
    if text is None:
        return YamlDocument(None, SourceMap(), problems)
    return parse_yaml(text)
