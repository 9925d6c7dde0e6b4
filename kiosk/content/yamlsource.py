"""Reads a YAML file into plain data plus a map of where every key and value stands.

The file is read defensively: size, encoding, nesting depth and alias expansion are checked
before any value is built, no tag ever constructs an object, and every problem comes back as a
located message instead of an exception.
"""

from __future__ import annotations

import codecs
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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


def _pos(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


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
                    f"file is {_human_bytes(size)}; a show file may be at most "
                    f"{_human_bytes(limit)}",
                )
            ]
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        return None, [YamlProblem(None, f"cannot read file: {error.strerror or error}")]

    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            return None, [YamlProblem(Pos(1, 1), f"file is saved as {name}; save it as UTF-8")]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, [
            YamlProblem(
                _line_col_at(raw, nul),
                "file contains binary data (a NUL byte); a show file must be plain UTF-8 text",
            )
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        bad = raw[error.start]
        return None, [
            YamlProblem(
                _line_col_at(raw, error.start),
                f"file is not valid UTF-8 (byte 0x{bad:02X}; perhaps saved as Latin-1 or "
                "Windows-1252); save it as UTF-8",
            )
        ]


def _human_bytes(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.0f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} kB"
    return f"{size} bytes"


def _snippet(line: str, column: int) -> str:
    """The key or word starting at a column, as an organiser would point at it."""
    rest = line[column:].strip()
    word = rest.split(":", 1)[0] + ":" if ":" in rest.split(" ", 1)[0] + " " else rest[:30]
    return word.strip() or rest[:30]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous_entry(lines: list[str], line_no: int) -> int | None:
    """The nearest line above that holds something (not blank, not a comment)."""
    for number in range(line_no - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _friendly_yaml_error(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """The YAML library's complaint in the organiser's words, with the line and the fix."""
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    lines = text.splitlines()
    at = ""
    if mark is not None and mark.line < len(lines) and mark.column < len(lines[mark.line]):
        at = lines[mark.line][mark.column]
    start = error.context_mark
    start_line = lines[start.line] if start is not None and start.line < len(lines) else ""
    message = ""
    if at == "\t" or "'\\t'" in problem:
        message = "tab character in indentation; indent with spaces only"
    elif "maximum nesting depth" in problem:
        message = f"nesting is deeper than {MAX_DEPTH} levels"
    elif problem.startswith("found unacceptable character") or "special characters" in problem:
        message = "file contains a control character that YAML does not allow"
    elif "mapping values are not allowed" in problem and mark is not None:
        message = _colon_in_value_or_indented(lines, mark.line)
    elif "found undefined alias" in problem or "found undefined anchor" in problem:
        name = problem.split("'")[1] if "'" in problem else ""
        message = (
            f"'*{name}' refers to nothing: a value cannot start with '*'; put the text in quotes"
        )
    elif (
        (
            "expected <block end>" in problem
            or "did not find expected key" in problem
            or "did not find expected '-' indicator" in problem
        )
        and start is not None
        and mark is not None
    ):
        message = _wrong_indentation(lines, start.line, start.column, mark.line, mark.column, at)
    elif "quoted scalar" in context:
        if "unknown escape character" in problem:
            message = (
                "unknown escape after a backslash in a text in double quotes; write \\\\ "
                "for a backslash, or use single quotes"
            )
        elif start is not None:
            message = (
                f"the quotation mark opened on line {start.line + 1} is never closed; "
                "end the text with the same mark"
            )
    elif context.startswith("while parsing a flow") and start is not None:
        opened, closing = ("{", "}") if "mapping" in context else ("[", "]")
        if "<stream end>" in problem or (mark is not None and mark.line != start.line):
            message = (
                f"the '{opened}' on line {start.line + 1} is never closed with '{closing}'; "
                f"close it on the same line, or write the entries one per line instead"
            )
        else:
            message = (
                f"inside '{opened} … {closing}' a text with ':' or ',' must be in quotes, "
                'for example {de: "Zeit: jetzt"}'
            )
    elif "could not find expected ':'" in problem and start is not None:
        message = (
            f"line {start.line + 1} ('{start_line.strip()[:40]}') has no ':' after its name; "
            "write 'name: value', or indent a text that continues from the line above"
        )
    elif "that cannot start any token" in problem:
        message = (
            f"a value cannot start with '{at or problem.split(chr(39))[1]}'; put the text in "
            'quotes, for example headline: "@ home"'
        )
    elif "single document" in context or "another document" in problem:
        message = "a line '---' starts a second document in the file; remove that line"
    elif "mapping keys are not allowed" in problem:
        message = "a value cannot start with '?'; put the text in quotes"
    elif "incompatible YAML document" in problem:
        message = "the file starts with a '%YAML' line this program does not read; remove it"
    if not message:
        message = "YAML syntax error: " + (f"{context}: " if context else "") + problem
    return YamlProblem(_pos(mark) if mark is not None else None, message)


def _colon_in_value_or_indented(lines: list[str], line_no: int) -> str:
    """'mapping values are not allowed here': a key indented deeper than the one above it,
    or ': ' inside a text that is not in quotes."""
    line = lines[line_no] if line_no < len(lines) else ""
    previous = _previous_entry(lines, line_no)
    if previous is not None:
        above = lines[previous]
        starts_like_key = ":" in line.strip().split(" ", 1)[0]
        if starts_like_key and _indent(line) > _indent(above) and not above.rstrip().endswith(":"):
            return (
                f"wrong indentation: '{_snippet(line, _indent(line))}' is indented more than "
                f"'{_snippet(above, _indent(above))}' on line {previous + 1}; line it up with "
                f"it (column {_indent(above) + 1})"
            )
    return (
        "a ':' followed by a space inside a text; put the text in quotes, "
        'for example headline: "Zeit: jetzt"'
    )


def _wrong_indentation(
    lines: list[str], start_line: int, start_col: int, line_no: int, column: int, at: str
) -> str:
    """'expected <block end>': a line that lines up with nothing around it."""
    line = lines[line_no] if line_no < len(lines) else ""
    first = lines[start_line] if start_line < len(lines) else ""
    if line_no == start_line or (at in "\"'" and column > _indent(line)):
        return (
            f"the text on line {line_no + 1} goes on after its closing quotation mark; "
            "put the whole text in quotes"
        )
    if at == "-":
        return (
            f"wrong indentation: the list item on line {line_no + 1} does not line up; "
            f"put its '-' under the '-' of the other items, or indent the list under its name"
        )
    if first.lstrip().startswith("-") and _indent(first) == column:
        return (
            f"wrong indentation: '{_snippet(line, column)}' on line {line_no + 1} lines up with "
            f"the list's '-' (line {start_line + 1}); indent it to line up with the names in "
            f"that item, or start a new item with '- '"
        )
    options = [(start_line, start_col)]
    previous = _previous_entry(lines, line_no)
    if previous is not None and previous != start_line:
        if _indent(lines[previous]) == start_col:
            options = [(previous, start_col)]  # the same column: the nearer line says it
        else:
            options.insert(0, (previous, _indent(lines[previous])))
    choices = " or with ".join(
        f"'{_snippet(lines[number], col)}' on line {number + 1} (column {col + 1})"
        for number, col in options
    )
    return (
        f"wrong indentation: '{_snippet(line, column)}' on line {line_no + 1} lines up with "
        f"nothing above it; line it up with {choices}"
    )


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


def parse_yaml(text: str) -> YamlDocument:
    """Builds plain data from YAML text, with guards against bombs and every position noted."""
    source = SourceMap()
    problems: list[YamlProblem] = []
    constructor = yaml.constructor.SafeConstructor()
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    total_expanded = 0

    def place(value: Any, pos: Pos, expanded: int, raw: str | None = None) -> KeyPath | None:
        """Puts a finished value into its parent; returns its path, or None if dropped."""
        nonlocal root
        if not stack:
            root = value
            source.values[()] = pos
            return ()
        parent = stack[-1]
        parent.expanded += expanded
        if isinstance(parent.container, list):
            path = (*parent.path, len(parent.container))
            parent.container.append(value)
        else:
            if parent.pending_key is None:
                # This scalar is a key; its value comes next.
                if not isinstance(value, str | int | float | bool) and value is not None:
                    problems.append(
                        YamlProblem(pos, "a key must be a plain word, not a list or map")
                    )
                    parent.pending_key = "\x00invalid"
                else:
                    parent.pending_key = raw if raw is not None else str(value)
                parent.key_pos = pos
                return None
            key = parent.pending_key
            parent.pending_key = None
            if key == "\x00invalid":
                return None
            path = (*parent.path, key)
            if key in parent.container:
                first = source.keys.get(path)
                where = f" (first at line {first.line})" if first else ""
                problems.append(YamlProblem(parent.key_pos, f"duplicate key '{key}'{where}"))
                return None
            parent.container[key] = value
            assert parent.key_pos is not None
            source.keys[path] = parent.key_pos
        source.values[path] = pos
        if raw is not None:
            source.raw[path] = raw
        return path

    def check_tag(tag: str | None, pos: Pos) -> bool:
        if tag is None or tag in _STANDARD_TAGS:
            return True
        problems.append(
            YamlProblem(
                pos,
                f"YAML tag '{tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed; a show "
                "file holds only text, numbers, dates, lists and keys",
            )
        )
        return False

    events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
    try:
        for event in events:
            pos = _pos(event.start_mark)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(
                        YamlProblem(pos, "more than one YAML document ('---'); use one only")
                    )
                    break
            elif isinstance(event, yaml.ScalarEvent):
                if not check_tag(event.tag, pos):
                    value: Any = None
                else:
                    try:
                        value = _scalar_value(constructor, event)
                    except (yaml.constructor.ConstructorError, ValueError):
                        value = event.value
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                total_expanded += 1
                place(value, pos, 1, raw=event.value)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if len(stack) >= MAX_DEPTH:
                    problems.append(YamlProblem(pos, f"nesting is deeper than {MAX_DEPTH} levels"))
                    break
                check_tag(event.tag, pos)
                container: dict[str, Any] | list[Any] = (
                    {} if isinstance(event, yaml.MappingStartEvent) else []
                )
                # Reserve the slot in the parent now, so the path is known for children.
                if (
                    stack
                    and isinstance(stack[-1].container, dict)
                    and stack[-1].pending_key is None
                ):
                    problems.append(
                        YamlProblem(pos, "a key must be a plain word, not a list or map")
                    )
                    break
                path = place(container, pos, 0)
                frame = _Frame(
                    container, path if path is not None else ("\x00dropped",), event.anchor
                )
                stack.append(frame)
                total_expanded += 1
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                if stack:
                    stack[-1].expanded += frame.expanded
                if frame.anchor:
                    anchors[frame.anchor] = (frame.container, frame.expanded)
            elif isinstance(event, yaml.AliasEvent):
                target = anchors.get(event.anchor or "")
                if target is None:
                    problems.append(
                        YamlProblem(pos, f"reference to an undefined anchor '*{event.anchor}'")
                    )
                    break
                target_value, size = target
                total_expanded += size
                if total_expanded > MAX_EXPANDED_VALUES:
                    problems.append(
                        YamlProblem(
                            pos,
                            "aliases ('*name') expand to more than "
                            f"{MAX_EXPANDED_VALUES:,} values; simplify the file",
                        )
                    )
                    break
                place(target_value, pos, size)
            if total_expanded > MAX_EXPANDED_VALUES:
                problems.append(
                    YamlProblem(pos, f"file holds more than {MAX_EXPANDED_VALUES:,} values")
                )
                break
    except yaml.MarkedYAMLError as error:
        problems.append(_friendly_yaml_error(error, text))
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        pos = Pos(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        problems.append(
            YamlProblem(
                pos, f"file contains the control character U+{code:04X}, which YAML forbids"
            )
        )
    except yaml.YAMLError as error:
        problems.append(YamlProblem(None, f"YAML syntax error: {error}"))
    return YamlDocument(root, source, problems)


def load_yaml_file(path: Path) -> YamlDocument:
    text, problems = read_text(path)
    if text is None:
        return YamlDocument(None, SourceMap(), problems)
    return parse_yaml(text)
