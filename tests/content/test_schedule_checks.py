"""The validator's word on schedules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.content.conftest import MINIMAL_SHOW


@pytest.mark.parametrize(
    ("lines", "expected", "code"),
    [
        (
            "    show_from: 2026-05-21\n    show_until: 2026-05-20\n",
            "show/show.yaml:11:17: error: show_until 2026-05-20 in slide 'start' is before "
            "show_from 2026-05-21: the slide would never play",
            2,
        ),
        (
            "    weekdays: [mon, montag]\n",
            "show/show.yaml:10:21: error: 'weekdays[2]' in slide 'start' must be one of 'mon', "
            "'tue', 'wed', 'thu', 'fri', 'sat' or 'sun', got 'montag'",
            2,
        ),
        (
            "    hours: 6pm-10pm\n",
            "show/show.yaml:10:12: error: 'hours' in slide 'start': expected a daily time window "
            "like \"18:00-22:00\", got '6pm-10pm'",
            2,
        ),
        (
            "    hours: '10:00-10:00'\n",
            "show/show.yaml:10:12: error: 'hours' in slide 'start': '10:00-10:00' starts and "
            "ends at the same time: for the whole day leave 'hours' out (or write "
            '"00:00-24:00"); otherwise give the time the slide stops',
            2,
        ),
        (
            "    show_until: 2001-05-21\n",
            "show/show.yaml:10:17: warning: slide 'start' was scheduled until 2001-05-21, which "
            "has passed; it no longer plays",
            0,
        ),
    ],
)
def test_schedule_problems(
    lines: str,
    expected: str,
    code: int,
    make_folder: Callable[..., Path],
    validate: Callable[..., tuple[int, list[str]]],
) -> None:
    make_folder(MINIMAL_SHOW + lines)
    exit_code, printed = validate("show")
    assert printed[0] == expected
    assert exit_code == code


def test_a_good_schedule_passes(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    make_folder(
        MINIMAL_SHOW
        + "    show_from: 2099-05-21\n    weekdays: [thu, fri]\n    hours: '18:00-22:00'\n"
    )
    assert validate("show") == (0, ["0 errors, 0 warnings"])
