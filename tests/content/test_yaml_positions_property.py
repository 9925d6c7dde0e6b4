"""Where the YAML reader says a value stands, for documents Hypothesis writes: the line and
column of every key and every value are where an organiser's editor shows them.

The documents are written here line by line, in the forms a show file takes (block mappings and
lists, "- id: …" items, flow lists, quoted and plain texts, block texts, comments, blank lines,
CRLF line ends, words in Cyrillic and with umlauts), and each key and value's position is noted
as it is written: that note, not the YAML library, is what the reader is held to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content.yamlsource import KeyPath, Pos, parse_yaml

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once

# Words as organisers write them: Latin, German and Cyrillic letters, digits.
LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüßÄÖÜ"
    "абвгдеёжзийклмнопрстуфхцчшщыьэюяўіАБВГЎІ"
)
WORD = st.text(alphabet=LETTERS + "0123456789", min_size=1, max_size=8).filter(
    lambda w: w[0] in LETTERS
)
# Words YAML would read as something other than a text (yes, no, on, off, null …) are fine as
# values (their meaning is the YAML library's business) but not as keys, which are compared.
NOT_TEXT = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
KEY = WORD.filter(lambda w: w.lower() not in NOT_TEXT)
# Any text a person might type or paste on one line: letters of every script, punctuation,
# emoji, and the Unicode line and paragraph separators (U+2028, U+2029), which YAML 1.1 counts
# as line breaks and editors do not. Left out: control characters (NEL, U+0085, among them).
TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cc", "Cs"),
        exclude_characters="\ufeff\ufffe\uffff",
    ),
    max_size=16,
)


@dataclass
class Written:
    """A document as written so far, and where each key and value was put (1-based)."""

    lines: list[str] = field(default_factory=list)
    values: dict[KeyPath, Pos] = field(default_factory=dict)
    keys: dict[KeyPath, Pos] = field(default_factory=dict)

    @property
    def next_line(self) -> int:
        return len(self.lines) + 1

    def add(self, line: str) -> int:
        self.lines.append(line)
        return len(self.lines)


def _scalar(draw: st.DrawFn) -> str:
    """One scalar as it stands on a line: plain words, a number, or a quoted text."""
    kind = draw(st.sampled_from(["plain", "number", "double", "single"]))
    if kind == "plain":
        return " ".join(draw(st.lists(WORD, min_size=1, max_size=3)))
    if kind == "number":
        return str(draw(st.integers(min_value=-(10**6), max_value=10**6)))
    text = draw(TEXT)
    if kind == "double":
        # Escaped (\u00e4) or as it is; characters beyond U+FFFF always as they are, since
        # JSON would escape them as surrogate pairs, which YAML does not take.
        escaped = draw(st.booleans()) and all(ord(c) <= 0xFFFF for c in text)
        return json.dumps(text, ensure_ascii=escaped)
    return "'" + text.replace("'", "''") + "'"


def _comment(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["", "", f"  # {draw(TEXT)}"]))


def _gap(draw: st.DrawFn, doc: Written) -> None:
    """Blank lines and comment lines, which move what follows down."""
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        indent = " " * draw(st.integers(min_value=0, max_value=6))
        doc.add(draw(st.sampled_from(["", indent, f"{indent}# {draw(TEXT)}"])))


def _block_text(draw: st.DrawFn, doc: Written, indent: int) -> None:
    """The lines of a '|' or '>' text, indented under what introduced it."""
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        words = " ".join(draw(st.lists(WORD, min_size=1, max_size=4)))
        doc.add(" " * indent + words + draw(st.sampled_from(["", ": and", " # not a comment"])))


def _flow_list(draw: st.DrawFn, doc: Written, path: KeyPath, head: str) -> None:
    """'head[a, "b", c]' on one line, each item's column noted."""
    items = [_scalar(draw) for _ in range(draw(st.integers(min_value=0, max_value=4)))]
    line_no = doc.next_line
    text = head + "["
    doc.values[path] = Pos(line_no, len(head) + 1)
    for n, item in enumerate(items):
        text += ", " if n else ""
        doc.values[(*path, n)] = Pos(line_no, len(text) + 1)
        text += item
    doc.add(text + "]" + _comment(draw))


def _value(
    draw: st.DrawFn, doc: Written, path: KeyPath, head: str, indent: int, depth: int
) -> None:
    """The value after 'key:' or '-' (head holds the line so far), on this line or below."""
    kinds = ["scalar", "scalar", "flow", "block_text"]
    if depth < 3:
        kinds += ["mapping", "sequence"]
    kind = draw(st.sampled_from(kinds))
    space = " " * draw(st.integers(min_value=1, max_value=2))
    if kind == "scalar":
        scalar = _scalar(draw)
        doc.values[path] = Pos(doc.next_line, len(head + space) + 1)
        doc.add(head + space + scalar + _comment(draw))
    elif kind == "flow":
        _flow_list(draw, doc, path, head + space)
    elif kind == "block_text":
        style = draw(st.sampled_from(["|", ">", "|-", ">-"]))
        doc.values[path] = Pos(doc.next_line, len(head + space) + 1)
        doc.add(head + space + style + _comment(draw))
        _block_text(draw, doc, indent + draw(st.integers(min_value=1, max_value=4)))
    elif kind == "mapping":
        doc.add(head + _comment(draw))
        _gap(draw, doc)
        _mapping(draw, doc, path, indent + draw(st.integers(min_value=1, max_value=4)), depth + 1)
    else:
        doc.add(head + _comment(draw))
        _gap(draw, doc)
        # A list under a key may stand at the key's own indentation, as show files often do.
        least = 0 if head.rstrip().endswith(":") else 1
        more = draw(st.integers(min_value=least, max_value=4))
        _sequence(draw, doc, path, indent + more, depth + 1)


def _mapping(
    draw: st.DrawFn, doc: Written, path: KeyPath, indent: int, depth: int, lead: str = ""
) -> None:
    """'key: value' lines at an indentation; lead is what stands before the first key on its
    line ('  - ' for a mapping that is a list item)."""
    names = draw(st.lists(KEY, min_size=1, max_size=4, unique=True))
    for n, name in enumerate(names):
        if n:
            _gap(draw, doc)
        prefix = lead if n == 0 and lead else " " * indent
        if n == 0:
            doc.values[path] = Pos(doc.next_line, len(prefix) + 1)
        child = (*path, name)
        doc.keys[child] = Pos(doc.next_line, len(prefix) + 1)
        _value(draw, doc, child, f"{prefix}{name}:", indent, depth)


def _sequence(draw: st.DrawFn, doc: Written, path: KeyPath, indent: int, depth: int) -> None:
    """'- item' lines at an indentation; an item may be a mapping begun on the '-' line."""
    count = draw(st.integers(min_value=1, max_value=3))
    for n in range(count):
        if n:
            _gap(draw, doc)
        if n == 0:
            doc.values[path] = Pos(doc.next_line, indent + 1)
        child = (*path, n)
        dash = " " * indent + "-"
        if depth < 3 and draw(st.booleans()):
            lead = dash + " " * draw(st.integers(min_value=1, max_value=3))
            _mapping(draw, doc, child, len(lead), depth + 1, lead=lead)
        else:
            kind = draw(st.sampled_from(["scalar", "flow", "block_text"]))
            space = " " * draw(st.integers(min_value=1, max_value=2))
            if kind == "scalar":
                doc.values[child] = Pos(doc.next_line, len(dash + space) + 1)
                doc.add(dash + space + _scalar(draw) + _comment(draw))
            elif kind == "flow":
                _flow_list(draw, doc, child, dash + space)
            else:
                doc.values[child] = Pos(doc.next_line, len(dash + space) + 1)
                doc.add(dash + space + "|" + _comment(draw))
                _block_text(draw, doc, indent + 2)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, Written]:
    doc = Written()
    if draw(st.booleans()):
        doc.add(draw(st.sampled_from(["---", "# show.yaml", "# Веснa 2026 — Release N:OW"])))
    _gap(draw, doc)
    _mapping(draw, doc, (), 0, 0)
    _gap(draw, doc)
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(doc.lines) + draw(st.sampled_from([end, ""])), doc


def _at(text: str, pos: Pos | None) -> str:
    """What stands from a position on, as an editor splits lines, for a failure message."""
    if pos is None:
        return "nothing"
    lines = text.replace("\r\n", "\n").split("\n")
    if not 0 < pos.line <= len(lines):
        return f"line {pos.line}, past the end"
    return f"line {pos.line}, column {pos.column}: {lines[pos.line - 1][pos.column - 1 :]!r}"


@settings(max_examples=100, deadline=None, database=None)
@given(documents())
def test_every_key_and_value_is_where_the_editor_shows_it(written: tuple[str, Written]) -> None:
    text, doc = written
    read = parse_yaml(text)
    assert read.problems == [], text
    assert read.data == yaml.safe_load(text)  # what was written is what was read
    for path, pos in doc.values.items():
        found = read.source.values.get(path)
        assert found == pos, f"value {path}: read {_at(text, found)}; written {_at(text, pos)}"
    for path, pos in doc.keys.items():
        found = read.source.keys.get(path)
        assert found == pos, f"key {path}: read {_at(text, found)}; written {_at(text, pos)}"
    assert set(read.source.values) == set(doc.values)
    assert set(read.source.keys) == set(doc.keys)


def test_a_line_separator_inside_a_text_does_not_move_the_lines_below() -> None:
    """Text pasted from a word processor may carry U+2028 (a forced line break), which the
    YAML library counts as a line break and editors (and YAML 1.2) do not: positions are
    told as the organiser's editor shows them."""
    read = parse_yaml('headline: "one\u2028two"\nbody: three\n')
    assert read.problems == []
    assert read.source.values[("body",)] == Pos(2, 7)


def test_a_syntax_error_below_a_line_separator_is_told_on_the_editor_s_line() -> None:
    """The same unclosed '[' is told at the same place and line, with or without a U+2028
    in a text above it."""
    broken = 'headline: "one{}two"\nbody: [three\nnext: x\n'
    pasted, typed = parse_yaml(broken.format("\u2028")), parse_yaml(broken.format(" "))
    assert pasted.problems == typed.problems
    assert [(p.pos, "on line 2" in str(p.message)) for p in pasted.problems] == [(Pos(3, 5), True)]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: ééééé\x07\n", Pos(1, 9)),  # after letters of two bytes each
        ('h: "one\u2028two"\nb: x\x07\n', Pos(2, 5)),  # below a line separator
        ("\ufeffa: 1\nb: \x07\n", Pos(2, 4)),  # in a file that starts with a byte order mark
    ],
)
def test_a_forbidden_control_character_is_told_where_an_editor_shows_it(
    text: str, where: Pos
) -> None:
    read = parse_yaml(text)
    assert [problem.pos for problem in read.problems] == [where]
    assert "U+0007" in str(read.problems[0].message)


def test_a_byte_order_mark_moves_no_position() -> None:
    read = parse_yaml("\ufeffheadline: one\nbody: two\n")
    assert read.problems == []
    assert read.source.values[("headline",)] == Pos(1, 11)
    assert read.source.values[("body",)] == Pos(2, 7)
