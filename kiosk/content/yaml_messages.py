"""The YAML library's syntax errors in an organiser's words: what is wrong, where, and the fix."""

from __future__ import annotations

import re

import yaml

from kiosk.i18n.said import Said, said

# Where a line ends as an editor counts lines. YAML 1.1 (PyYAML, libyaml) also ends one at
# U+0085, U+2028 and U+2029, which text pasted from a word processor may carry inside a line.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def editor_lines(text: str) -> list[str]:
    return LINE_BREAK.split(text)


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


def syntax_message(error: yaml.MarkedYAMLError, text: str, max_depth: int) -> Said:
    """The YAML library's complaint in the organiser's words, with the line and the fix."""
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    lines = editor_lines(text)
    at = ""
    if mark is not None and mark.line < len(lines) and mark.column < len(lines[mark.line]):
        at = lines[mark.line][mark.column]
    start = error.context_mark
    start_line = lines[start.line] if start is not None and start.line < len(lines) else ""
    message: Said | None = None
    if at == "\t" or "'\\t'" in problem:
        message = said("tab character in indentation; indent with spaces only")
    elif "maximum nesting depth" in problem:
        message = said("nesting is deeper than {depth} levels", depth=max_depth)
    elif problem.startswith("found unacceptable character") or "special characters" in problem:
        message = said("file contains a control character that YAML does not allow")
    elif "mapping values are not allowed" in problem and mark is not None:
        message = _colon_in_value_or_indented(lines, mark.line)
    elif "found undefined alias" in problem or "found undefined anchor" in problem:
        name = problem.split("'")[1] if "'" in problem else ""
        message = said(
            "'*{name}' refers to nothing: a value cannot start with '*'; put the text in quotes",
            name=name,
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
            message = said(
                "unknown escape after a backslash in a text in double quotes; write \\\\ "
                "for a backslash, or use single quotes"
            )
        elif start is not None:
            message = said(
                "the quotation mark opened on line {line} is never closed; end the text with "
                "the same mark",
                line=start.line + 1,
            )
    elif context.startswith("while parsing a flow") and start is not None:
        opened, closing = ("{", "}") if "mapping" in context else ("[", "]")
        if "<stream end>" in problem or (mark is not None and mark.line != start.line):
            message = said(
                "the '{opened}' on line {line} is never closed with '{closing}'; close it on "
                "the same line, or write the entries one per line instead",
                opened=opened,
                line=start.line + 1,
                closing=closing,
            )
        else:
            message = said(
                "inside '{opened} … {closing}' a text with ':' or ',' must be in quotes, "
                "for example {example}",
                opened=opened,
                closing=closing,
                example='{de: "Zeit: jetzt"}',
            )
    elif "could not find expected ':'" in problem and start is not None:
        message = said(
            "line {line} ('{text}') has no ':' after its name; write 'name: value', or indent "
            "a text that continues from the line above",
            line=start.line + 1,
            text=start_line.strip()[:40],
        )
    elif "that cannot start any token" in problem:
        message = said(
            "a value cannot start with '{mark}'; put the text in quotes, for example "
            'headline: "@ home"',
            mark=at or problem.split(chr(39))[1],
        )
    elif "single document" in context or "another document" in problem:
        message = said("a line '---' starts a second document in the file; remove that line")
    elif "mapping keys are not allowed" in problem:
        message = said("a value cannot start with '?'; put the text in quotes")
    elif "incompatible YAML document" in problem:
        message = said("the file starts with a '%YAML' line this program does not read; remove it")
    if message is None:
        message = said(
            "YAML syntax error: {problem}",
            problem=f"{context}: {problem}" if context else problem,
        )
    return message


def _colon_in_value_or_indented(lines: list[str], line_no: int) -> Said:
    """'mapping values are not allowed here': a key indented deeper than the one above it,
    or ': ' inside a text that is not in quotes."""
    line = lines[line_no] if line_no < len(lines) else ""
    previous = _previous_entry(lines, line_no)
    if previous is not None:
        above = lines[previous]
        starts_like_key = ":" in line.strip().split(" ", 1)[0]
        if starts_like_key and _indent(line) > _indent(above) and not above.rstrip().endswith(":"):
            return said(
                "wrong indentation: '{this}' is indented more than '{above}' on line {line}; "
                "line it up with it (column {column})",
                this=_snippet(line, _indent(line)),
                above=_snippet(above, _indent(above)),
                line=previous + 1,
                column=_indent(above) + 1,
            )
    return said(
        "a ':' followed by a space inside a text; put the text in quotes, "
        'for example headline: "Zeit: jetzt"'
    )


def _wrong_indentation(
    lines: list[str], start_line: int, start_col: int, line_no: int, column: int, at: str
) -> Said:
    """'expected <block end>': a line that lines up with nothing around it."""
    line = lines[line_no] if line_no < len(lines) else ""
    first = lines[start_line] if start_line < len(lines) else ""
    if line_no == start_line or (at in "\"'" and column > _indent(line)):
        return said(
            "the text on line {line} goes on after its closing quotation mark; put the whole "
            "text in quotes",
            line=line_no + 1,
        )
    if at == "-":
        return said(
            "wrong indentation: the list item on line {line} does not line up; put its '-' "
            "under the '-' of the other items, or indent the list under its name",
            line=line_no + 1,
        )
    if first.lstrip().startswith("-") and _indent(first) == column:
        return said(
            "wrong indentation: '{this}' on line {line} lines up with the list's '-' (line "
            "{list_line}); indent it to line up with the names in that item, or start a new "
            "item with '- '",
            this=_snippet(line, column),
            line=line_no + 1,
            list_line=start_line + 1,
        )
    options = [(start_line, start_col)]
    previous = _previous_entry(lines, line_no)
    if previous is not None and previous != start_line:
        if _indent(lines[previous]) == start_col:
            options = [(previous, start_col)]  # the same column: the nearer line says it
        else:
            options.insert(0, (previous, _indent(lines[previous])))
    places = [
        said(
            "'{text}' on line {line} (column {column})",
            text=_snippet(lines[number], col),
            line=number + 1,
            column=col + 1,
        )
        for number, col in options
    ]
    choice = (
        places[0]
        if len(places) == 1
        else said("{first} or with {second}", first=places[0], second=places[1])
    )
    return said(
        "wrong indentation: '{this}' on line {line} lines up with nothing above it; line it "
        "up with {choice}",
        this=_snippet(line, column),
        line=line_no + 1,
        choice=choice,
    )
