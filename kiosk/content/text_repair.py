"""Names two slips in language texts that YAML cannot see, and repairs them for the other checks."""

from __future__ import annotations

from typing import Any

from kiosk.content.reporter import ShowReporter
from kiosk.content.yamlsource import KeyPath


def repair_language_texts(reporter: ShowReporter, node: Any, path: KeyPath) -> None:
    """Two mistakes YAML cannot see, named as what they are and repaired so the rest of
    the folder is still checked:

    - languages indented no further than their field ('headline:' with nothing after it,
      then 'de:' and 'en:' under it at the same indentation) would read as an empty
      headline and two unknown keys;
    - a comma inside '{de: Musikerin, politische Gefangene, en: ...}' ends the text, so
      'politische Gefangene' would read as an unknown key.
    """
    languages = _listed_languages(reporter.tree)
    if isinstance(node, list):
        for index, item in enumerate(node):
            repair_language_texts(reporter, item, (*path, index))
        return
    if not isinstance(node, dict):
        return
    keys = list(node)
    text_map = any(key in languages for key in keys) and all(
        key in languages or node[key] is None for key in keys
    )
    if text_map:
        _split_by_comma(reporter, node, path, languages)
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
        field_pos = reporter.source.key_pos((*path, key))
        first_pos = reporter.source.key_pos((*path, following[0]))
        reporter.error(
            (*path, following[0]),
            f"wrong indentation: '{following[0]}:' on line {first_pos.line} belongs to "
            f"'{key}:' on line {field_pos.line}; indent the language lines under it by two "
            f"more spaces than '{key}:' (column {field_pos.column + 2})",
            key=True,
        )
        node[key] = {code: node.pop(code) for code in following}
    for key, value in node.items():
        repair_language_texts(reporter, value, (*path, key))


def _listed_languages(tree: Any) -> set[str]:
    """The show's languages, or the campaign's four while settings.languages is unreadable."""
    settings = tree.get("settings") if isinstance(tree, dict) else None
    listed = settings.get("languages") if isinstance(settings, dict) else None
    if isinstance(listed, list) and all(isinstance(code, str) for code in listed):
        return set(listed)
    return {"de", "en", "be", "ru"}


def _split_by_comma(
    reporter: ShowReporter, node: dict[str, Any], path: KeyPath, languages: set[str]
) -> None:
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
        reporter.error(
            (*path, key),
            f"'{key}' is the rest of a text cut at a comma: inside '{{ … }}' a comma ends "
            f"a text, so put a text with a comma in quotes: {example}",
            key=True,
        )
        del node[key]
