"""The validator's word on `print`, the mark that puts a slide on the handout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.content.conftest import MINIMAL_SHOW


def test_print_is_yes_or_no(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    make_folder(MINIMAL_SHOW + "    print: maybe\n")
    assert validate("show") == (
        2,
        [
            "show/show.yaml:10:12: error: 'print' in slide 'start' must be yes or no "
            "(true/false), got 'maybe'",
            "1 error, 0 warnings",
        ],
    )


def test_a_misspelt_print_is_named(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    make_folder(MINIMAL_SHOW + "    prnt: true\n")
    code, printed = validate("show")
    assert code == 2
    assert printed[0] == (
        "show/show.yaml:10:5: error: unknown key 'prnt' in slide 'start' (did you mean 'print'?)"
    )


def test_a_marked_slide_passes(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    make_folder(MINIMAL_SHOW + "    print: false\n")
    assert validate("show") == (0, ["0 errors, 0 warnings"])
