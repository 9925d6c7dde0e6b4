"""Every way a volunteer's typing can break show.yaml, and what the validator says back:
the line, what is wrong in plain words, and the fix. No YAML library wording reaches them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.content.test_broken_folders import SETTINGS  # the first slide starts on line 7

STORY = """\
  - id: story
    kind: story
    name:
      de: Eine Lehrerin
      en: A teacher
    line: {de: die sich äußerte, en: who spoke out}
    body: {de: Text, en: Text}
    archetype: true
"""

CASES = {
    # A field indented one space too far, between its siblings and the languages above.
    "field-between-indents": (
        STORY.replace("    line:", "     line:"),
        "show/show.yaml:12:6: error: wrong indentation: 'line:' on line 12 lines up with "
        "nothing above it; line it up with 'en:' on line 11 (column 7) or with 'id:' on "
        "line 7 (column 5)",
    ),
    # A field indented further than the one above it, which has its value on its line.
    "field-indented-too-far": (
        STORY.replace("    body:", "      body:"),
        "show/show.yaml:13:7: error: wrong indentation: 'body:' on line 13 lines up with "
        "nothing above it; line it up with 'line:' on line 12 (column 5)",
    ),
    # The languages not indented under their field.
    "languages-not-indented": (
        STORY.replace("      de: Eine", "    de: Eine").replace("      en: A t", "    en: A t"),
        "show/show.yaml:10:5: error: wrong indentation: 'de:' on line 10 belongs to 'name:' "
        "on line 9; indent the language lines under it by two more spaces than 'name:' "
        "(column 7)",
    ),
    # One language indented less than the one before it.
    "language-between-indents": (
        STORY.replace("      en: A t", "     en: A t"),
        "show/show.yaml:11:6: error: wrong indentation: 'en:' on line 11 lines up with "
        "nothing above it; line it up with 'de:' on line 10 (column 7) or with 'id:' on "
        "line 7 (column 5)",
    ),
    # A field at the column of the list's dashes.
    "field-at-the-dash": (
        STORY.replace("    body:", "  body:"),
        "show/show.yaml:13:3: error: wrong indentation: 'body:' on line 13 lines up with the "
        "list's '-' (line 7); indent it to line up with the names in that item, or start a "
        "new item with '- '",
    ),
    # A second slide whose dash is not under the first one's.
    "list-item-misaligned": (
        STORY + " - id: other\n   kind: title\n",
        "show/show.yaml:15:2: error: wrong indentation: the list item on line 15 does not "
        "line up; put its '-' under the '-' of the other items, or indent the list under its "
        "name",
    ),
    # A comma inside an unquoted flow mapping.
    "comma-in-flow-mapping": (
        STORY.replace("{de: die sich äußerte,", "{de: Musikerin, politische Gefangene,"),
        "show/show.yaml:12:27: error: 'politische Gefangene' is the rest of a text cut at a "
        "comma: inside '{ … }' a comma ends a text, so put a text with a comma in quotes: "
        'de: "Musikerin, politische Gefangene"',
    ),
    # A colon inside an unquoted flow mapping.
    "colon-in-flow-mapping": (
        STORY.replace("{de: Text, en: Text}", "{de: Zeit: jetzt, en: Time}"),
        "show/show.yaml:13:20: error: inside '{ … }' a text with ':' or ',' must be in "
        'quotes, for example {de: "Zeit: jetzt"}',
    ),
    # A '{' never closed.
    "flow-never-closed": (
        STORY.replace("{de: Text, en: Text}", "{de: Text, en: Text"),
        "show/show.yaml:14:14: error: the '{' on line 13 is never closed with '}'; close it on "
        "the same line, or write the entries one per line instead",
    ),
    # ': ' inside a plain text.
    "colon-in-text": (
        STORY.replace("      de: Eine Lehrerin", "      de: Lehrerin: verurteilt"),
        "show/show.yaml:10:19: error: a ':' followed by a space inside a text; put the text "
        'in quotes, for example headline: "Zeit: jetzt"',
    ),
    # A quotation mark opened and never closed.
    "quote-never-closed": (
        STORY.replace("      de: Eine Lehrerin", '      de: "Eine Lehrerin'),
        "show/show.yaml:15:1: error: the quotation mark opened on line 10 is never closed; end "
        "the text with the same mark",
    ),
    # Text after the closing quotation mark.
    "text-after-quote": (
        STORY.replace("      de: Eine Lehrerin", '      de: "Eine" Lehrerin'),
        "show/show.yaml:10:18: error: the text on line 10 goes on after its closing quotation "
        "mark; put the whole text in quotes",
    ),
    # A name without its colon.
    "missing-colon": (
        STORY.replace("    kind: story", "    kind story"),
        "show/show.yaml:9:5: error: line 8 ('kind story') has no ':' after its name; write "
        "'name: value', or indent a text that continues from the line above",
    ),
    # A value starting with a character YAML reserves.
    "reserved-first-character": (
        STORY.replace("      de: Eine Lehrerin", "      de: @lehrerin"),
        "show/show.yaml:10:11: error: a value cannot start with '@'; put the text in quotes, "
        'for example headline: "@ home"',
    ),
    "backtick-first-character": (
        STORY.replace("      de: Eine Lehrerin", "      de: `Lehrerin`"),
        "show/show.yaml:10:11: error: a value cannot start with '`'; put the text in quotes, "
        'for example headline: "@ home"',
    ),
    "question-mark-first": (
        STORY.replace("      de: Eine Lehrerin", "      de: ? Wer"),
        "show/show.yaml:10:11: error: a value cannot start with '?'; put the text in quotes",
    ),
    "bad-escape": (
        STORY.replace("      de: Eine Lehrerin", '      de: "C:\\Bilder"'),
        "show/show.yaml:10:14: error: unknown escape after a backslash in a text in double "
        "quotes; write \\\\ for a backslash, or use single quotes",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_is_named_with_its_fix(
    name: str,
    make_folder: Callable[..., Path],
    validate: Callable[..., tuple[int, list[str]]],
) -> None:
    body, expected = CASES[name]
    make_folder(SETTINGS + body)
    code, lines = validate("show")
    assert code == 2
    assert expected in lines, "\n".join(lines)
    assert not any("YAML syntax error" in line or "while parsing" in line for line in lines)


def test_the_story_itself_is_valid(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    make_folder(SETTINGS + STORY)
    code, lines = validate("show")
    assert code == 0, lines
