"""The YAML library's syntax errors in an organiser's words: what is wrong, where, and the fix."""

from __future__ import annotations

import yaml


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


def syntax_message(error: yaml.MarkedYAMLError, text: str, max_depth: int) -> str:
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
        message = f"nesting is deeper than {max_depth} levels"
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
    return message


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
