"""Broken content folders, each with the exact report an organiser reads."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.content.conftest import MINIMAL_SHOW
from tests.imagefiles import jpeg_header_bytes, png_bytes, svg_text

SETTINGS = """\
settings:
  languages: [de, en]
  default_language: de
  manifesto: https://releasenow.org/manifesto/
  imprint: "Release N:OW test stand, Berlin"
slides:
"""  # six lines: the first slide starts on line 7


def slide(body: str) -> str:
    return SETTINGS + body


STORY_WITH_IMAGE = slide(
    """\
  - id: teacher
    kind: story
    archetype: true
    name: {de: Eine Lehrerin, en: A teacher}
    line: {de: Zeile, en: Line}
    body: {de: Text, en: Text}
    image: %s
"""
)


@dataclass
class Case:
    name: str
    show: str | bytes | None
    expected: list[str]
    files: dict[str, str | bytes] = field(default_factory=dict)
    exit_code: int = 2


CASES = [
    Case(
        "misspelt-key",
        MINIMAL_SHOW + "    durration: 5\n",
        [
            "show/show.yaml:10:5: error: unknown key 'durration' in slide 'start' "
            "(did you mean 'duration'?)",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "missing-headline",
        slide("  - id: start\n    kind: title\n"),
        [
            "show/show.yaml:7:5: error: missing required key 'headline' in slide 'start'",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "unknown-kind",
        slide("  - id: start\n    kind: titel\n    headline: Hallo\n"),
        [
            "show/show.yaml:8:11: error: unknown slide kind 'titel' in slide 'start' "
            "(did you mean 'title'?)",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "missing-kind",
        slide("  - id: start\n    headline: Hallo\n"),
        [
            "show/show.yaml:7:5: error: missing required key 'kind' in slide 'start' "
            "(one of: title, stats, facts, story, quote, call_to_action, video)",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "duplicate-id",
        MINIMAL_SHOW + "  - id: start\n    kind: title\n    headline: Noch einmal\n",
        [
            "show/show.yaml:10:9: error: duplicate slide id 'start' (first used at line 7)",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "empty-show",
        SETTINGS.replace("slides:\n", "slides: []\n"),
        [
            "show/show.yaml:6:9: error: the show has no slides; add at least one under 'slides'",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "no-settings",
        "slides:\n  - id: start\n    kind: title\n    headline: Hallo\n",
        [
            "show/show.yaml:1:1: error: missing required key 'settings' in the show",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "undeclared-language",
        slide("  - id: start\n    kind: title\n    headline: {de: Hallo, en: Hello, fr: Salut}\n"),
        [
            "show/show.yaml:9:38: error: language 'fr' in 'headline' in slide 'start' is not "
            "declared in settings.languages (de, en)",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "default-language-text-missing",
        slide("  - id: start\n    kind: title\n    headline: {en: Hello}\n"),
        [
            "show/show.yaml:9:15: error: 'headline' in slide 'start' has no 'de' text "
            "(the default language)",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "translation-missing-is-a-warning",
        slide("  - id: start\n    kind: title\n    headline: {de: Hallo}\n"),
        [
            "show/show.yaml:9:15: warning: 'headline' in slide 'start' has no 'en' text; "
            "'de' is shown instead",
            "0 errors, 1 warning",
        ],
        exit_code=0,
    ),
    Case(
        "default-language-not-declared",
        MINIMAL_SHOW.replace("default_language: de", "default_language: ru"),
        [
            "show/show.yaml:3:21: error: default language 'ru' is not in settings.languages "
            "(de, en)",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "language-without-kiosk-words",
        MINIMAL_SHOW.replace("languages: [de, en]", "languages: [de, uk]").replace(
            "{de: Hallo, en: Hello}", "{de: Hallo, uk: Привіт}"
        ),
        [
            "show/show.yaml:2:19: warning: the kiosk's own words (its buttons, the sources and "
            "as-of lines) are not written in 'uk': visitors who choose it read them in English "
            "(the kiosk speaks en, de, be, ru)",
            "0 errors, 1 warning",
        ],
        exit_code=0,
    ),
    Case(
        "negative-duration",
        MINIMAL_SHOW + "    duration: -5\n",
        [
            "show/show.yaml:10:15: error: 'duration' in slide 'start' must be greater than 0, "
            "got number -5",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "colour-unquoted",
        MINIMAL_SHOW.replace("slides:", "  theme:\n    accent: #e2474b\nslides:"),
        [
            "show/show.yaml:7:12: error: 'theme.accent' in settings: colour is empty; write it "
            'in quotes, like "#1a2b3c" (an unquoted # starts a comment in YAML)',
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "colour-by-name",
        MINIMAL_SHOW.replace("slides:", "  theme:\n    accent: red\nslides:"),
        [
            "show/show.yaml:7:13: error: 'theme.accent' in settings: expected a colour like "
            "\"#1a2b3c\", got 'red'",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "stats-negative-value-and-no-sources",
        slide(
            """\
  - id: stats-1
    kind: stats
    headline: {de: Zahlen, en: Figures}
    rows:
      - {label: Belarus, value: -140}
    as_of: 2025-05
"""
        ),
        [
            "show/show.yaml:7:5: error: missing required key 'sources' in slide 'stats-1'",
            "show/show.yaml:11:33: error: 'rows[1].value' in slide 'stats-1' must be at least "
            "0, got number -140",
            "2 errors, 0 warnings",
        ],
    ),
    Case(
        "as-of-in-the-future",
        slide(
            """\
  - id: facts
    kind: facts
    items:
      - {value: "1.100+", caption: {de: in Haft, en: imprisoned}}
    sources: [Viasna]
    as_of: 2999-01
"""
        ),
        [
            "show/show.yaml:12:12: error: as-of date 2999-01 in slide 'facts' is in the future",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "review-date-passed",
        MINIMAL_SHOW + "    review_by: 2000-01-01\n",
        [
            "show/show.yaml:10:16: warning: slide 'start' was due for review on 2000-01-01; "
            "check its facts and set a new review_by date",
            "0 errors, 1 warning",
        ],
        exit_code=0,
    ),
    Case(
        "image-missing-wrong-case",
        STORY_WITH_IMAGE % "images/Teacher.PNG",
        [
            "show/show.yaml:13:12: error: file 'images/Teacher.PNG' not found "
            "(did you mean 'images/teacher.png'?)",
            "1 error, 0 warnings",
        ],
        files={"images/teacher.png": png_bytes()},
    ),
    Case(
        "image-in-another-folder",
        STORY_WITH_IMAGE % "image/teacher.png",
        [
            "show/show.yaml:13:12: error: file 'image/teacher.png' not found "
            "(did you mean 'images/teacher.png'?)",
            "1 error, 0 warnings",
        ],
        files={"images/teacher.png": png_bytes()},
    ),
    Case(
        "image-with-another-extension",
        STORY_WITH_IMAGE % "images/teacher.jpg",
        [
            "show/show.yaml:13:12: error: file 'images/teacher.jpg' not found "
            "(did you mean 'images/teacher.png'?)",
            "1 error, 0 warnings",
        ],
        files={"images/teacher.png": png_bytes(), "images/student.png": png_bytes()},
    ),
    Case(
        "image-misspelt",
        STORY_WITH_IMAGE % "images/teahcer.png",
        [
            "show/show.yaml:13:12: error: file 'images/teahcer.png' not found "
            "(did you mean 'images/teacher.png'?)",
            "1 error, 0 warnings",
        ],
        files={"images/teacher.png": png_bytes(), "images/flag.png": png_bytes()},
    ),
    Case(
        "image-leaves-folder",
        STORY_WITH_IMAGE % "../secret.png",
        [
            "show/show.yaml:13:12: error: '../secret.png' leaves the content folder ('..'); "
            "keep files inside it",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "image-absolute-path",
        STORY_WITH_IMAGE % "/etc/passwd",
        [
            "show/show.yaml:13:12: error: '/etc/passwd' is an absolute path; name files "
            "relative to the folder",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "image-truncated",
        STORY_WITH_IMAGE % "images/teacher.png",
        [
            "show/show.yaml:13:12: error: PNG image 'images/teacher.png' cannot be decoded "
            "(it is cut short inside its IDAT chunk); export it again from your picture program",
            "1 error, 0 warnings",
        ],
        files={"images/teacher.png": png_bytes(64, 64)[:60]},
    ),
    Case(
        "image-decompression-bomb",
        STORY_WITH_IMAGE % "images/teacher.png",
        [
            "show/show.yaml:13:12: error: image 'images/teacher.png' is 60000x60000 pixels; "
            "the limit is 50 megapixels and 16000 pixels a side",
            "1 error, 0 warnings",
        ],
        files={"images/teacher.png": png_bytes(claim=(60000, 60000))},
    ),
    Case(
        "image-wrong-type-for-extension",
        STORY_WITH_IMAGE % "images/teacher.png",
        [
            "show/show.yaml:13:12: error: 'images/teacher.png' is named .png but holds a JPEG "
            "image",
            "1 error, 0 warnings",
        ],
        files={"images/teacher.png": jpeg_header_bytes()},
    ),
    Case(
        "image-empty-file",
        STORY_WITH_IMAGE % "images/teacher.jpg",
        [
            "show/show.yaml:13:12: error: image 'images/teacher.jpg' is empty (0 bytes)",
            "1 error, 0 warnings",
        ],
        files={"images/teacher.jpg": b""},
    ),
    Case(
        "svg-reaching-outside",
        STORY_WITH_IMAGE % "images/teacher.svg",
        [
            "show/show.yaml:13:12: error: SVG image 'images/teacher.svg' refers to "
            "'https://example.org/x.png'; an image must hold everything itself",
            "1 error, 0 warnings",
        ],
        files={
            "images/teacher.svg": svg_text(
                '<image xmlns:xlink="http://www.w3.org/1999/xlink" '
                'xlink:href="https://example.org/x.png"/>'
            )
        },
    ),
    Case(
        "javascript-link",
        MINIMAL_SHOW.replace("https://releasenow.org/manifesto/", "javascript:alert(1)"),
        [
            "show/show.yaml:4:14: error: link must start with https:// (it has 'javascript:'): "
            "'javascript:alert(1)'",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "link-too-long-for-qr",
        MINIMAL_SHOW.replace(
            "https://releasenow.org/manifesto/", "https://releasenow.org/" + "a" * 120
        ),
        [
            "show/show.yaml:4:14: error: link is 143 characters; a QR code for it would be too "
            "dense to scan at kiosk size (at most 122)",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "yaml-syntax",
        MINIMAL_SHOW + "  - id: [unclosed\n",
        [
            "show/show.yaml:11:1: error: the '[' on line 10 is never closed with ']'; close it "
            "on the same line, or write the entries one per line instead",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "tab-indentation",
        MINIMAL_SHOW.replace("  languages", "\tlanguages"),
        [
            "show/show.yaml:2:1: error: tab character in indentation; indent with spaces only",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "duplicate-key",
        MINIMAL_SHOW + "    headline: Noch einmal\n",
        [
            "show/show.yaml:10:5: error: duplicate key 'headline' (first at line 9)",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "python-object-tag",
        MINIMAL_SHOW.replace("kind: title", "kind: !!python/object/apply:os.system [ls]"),
        [
            "show/show.yaml:8:11: error: YAML tag '!!python/object/apply:os.system' is not "
            "allowed; a show file holds only text, numbers, dates, lists and keys",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "latin-1-file",
        MINIMAL_SHOW.replace("Hallo", "Grüße").encode("latin-1"),
        [
            "show/show.yaml:9:22: error: file is not valid UTF-8 (byte 0xFC; perhaps saved as "
            "Latin-1 or Windows-1252); save it as UTF-8",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "utf-16-file",
        MINIMAL_SHOW.encode("utf-16"),
        [
            "show/show.yaml:1:1: error: file is saved as UTF-16; save it as UTF-8",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "binary-file",
        b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)),
        [
            "show/show.yaml:1:8: error: file contains binary data (a NUL byte); a show file "
            "must be plain UTF-8 text",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "bad-transition-and-id",
        MINIMAL_SHOW.replace("slides:", "  transition: fade\nslides:").replace(
            "id: start", "id: Start Slide"
        ),
        [
            "show/show.yaml:6:15: error: 'transition' in settings must be one of 'crossfade' "
            "or 'slide', got 'fade'",
            "show/show.yaml:8:9: error: 'id' in slide 'Start Slide': slide id 'Start Slide' may "
            "use only lowercase letters, digits, '-' and '_' (at most 64)",
            "2 errors, 0 warnings",
        ],
    ),
    Case(
        "yes-as-text",
        slide("  - id: start\n    kind: title\n    headline: yes\n"),
        [
            "show/show.yaml:9:15: error: 'headline' in slide 'start': expected text, got yes/no "
            "value true; put it in quotes",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "empty-file",
        "",
        [
            "show/show.yaml: error: show.yaml is empty; it needs 'settings' and 'slides'",
            "1 error, 0 warnings",
        ],
    ),
    Case(
        "no-show-file",
        None,
        [
            "show/show.yaml: error: file not found; a content folder needs a show.yaml",
            "1 error, 0 warnings",
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_folder_report(
    case: Case,
    make_folder: Callable[..., Path],
    validate: Callable[..., tuple[int, list[str]]],
) -> None:
    make_folder(case.show, case.files)
    code, lines = validate("show")
    assert lines == case.expected
    assert code == case.exit_code


def test_there_are_at_least_25_broken_folders() -> None:
    assert sum(1 for c in CASES if c.exit_code == 2) >= 25


def _story_picture_linked_out(make_folder: Callable[..., Path], tmp_path: Path) -> Path:
    """A story whose picture is a link to a file outside the content folder."""
    outside = tmp_path / "outside.png"
    outside.write_bytes(png_bytes())
    folder = make_folder(STORY_WITH_IMAGE % "images/teacher.png")
    (folder / "images").mkdir()
    os.symlink(outside, folder / "images" / "teacher.png")
    return folder


def test_image_link_leaving_folder(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]], tmp_path: Path
) -> None:
    _story_picture_linked_out(make_folder, tmp_path)
    code, lines = validate("show")
    assert lines == [
        "show/images/teacher.png: error: it is a link to a file outside the content folder",
        "1 error, 0 warnings",
    ]
    assert code == 2


def test_a_refused_file_is_named_in_the_organisers_language(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]], tmp_path: Path
) -> None:
    folder = _story_picture_linked_out(make_folder, tmp_path)
    os.mkfifo(folder / "images" / "pipe.png")
    code, lines = validate("show", "--lang", "de")
    assert lines == [
        "show/images/pipe.png: Fehler: keine gewöhnliche Datei (eine benannte Pipe)",
        "show/images/teacher.png: Fehler: ein Verweis auf eine Datei außerhalb des Inhaltsordners",
        "2 Fehler, 0 Warnungen",
    ]
    code, lines = validate("show", "--lang", "ru")
    assert lines[0] == "show/images/pipe.png: ошибка: не обычный файл (именованный канал)"
    assert code == 2


def test_show_file_link_leaving_folder(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]], tmp_path: Path
) -> None:
    (tmp_path / "elsewhere.yaml").write_text(MINIMAL_SHOW)
    folder = make_folder(None)
    os.symlink(tmp_path / "elsewhere.yaml", folder / "show.yaml")
    code, lines = validate("show")
    assert lines[0] == ("show/show.yaml: error: it is a link to a file outside the content folder")
    assert code == 2


def test_show_file_that_is_a_folder(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    folder = make_folder(None)
    (folder / "show.yaml").mkdir()
    code, lines = validate("show")
    assert lines[0] == "show/show.yaml: error: show.yaml is not a file (is it a folder?)"
    assert code == 2


def test_missing_folder(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    make_folder()
    code, lines = validate("no-such-folder")
    assert lines == ["no-such-folder: error: folder not found", "1 error, 0 warnings"]
    assert code == 2


def test_all_problems_in_one_pass(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    """A broken slide does not hide the problems of the slides after it, nor its own others."""
    make_folder(
        slide(
            """\
  - id: one
    kind: title
    headline: {de: Eins, en: One}
    durration: 3
  - id: two
    kind: call_to_action
    headline: {de: Zwei}
    url: javascript:void(0)
    colour: red
"""
        )
    )
    code, lines = validate("show")
    assert lines == [
        "show/show.yaml:10:5: error: unknown key 'durration' in slide 'one' "
        "(did you mean 'duration'?)",
        "show/show.yaml:13:15: warning: 'headline' in slide 'two' has no 'en' text; "
        "'de' is shown instead",
        "show/show.yaml:14:10: error: link must start with https:// (it has 'javascript:'): "
        "'javascript:void(0)'",
        "show/show.yaml:15:5: error: unknown key 'colour' in slide 'two'",
        "3 errors, 1 warning",
    ]
    assert code == 2


def test_a_yaml_syntax_error_comes_alone_as_the_docs_say(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    """The one exception docs/content.md names: a mistake in the file's form stops the reading,
    so the slide mistakes after it are found on the next check, once it is fixed."""
    broken = """\
  - id: one
    kind: title
    headline: {de: Eins, en: One}
    durration: 3
  - id: two
    kind: title
    headline: "Zwei
"""
    make_folder(slide(broken))
    code, lines = validate("show")
    assert code == 2
    assert len(lines) == 2 and lines[-1] == "1 error, 0 warnings", lines
    assert "show/show.yaml:" in lines[0] and "durration" not in lines[0]
    make_folder(slide(broken.replace('"Zwei', '"Zwei"')))
    code, lines = validate("show")
    assert any("unknown key 'durration'" in line for line in lines), lines
