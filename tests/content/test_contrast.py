"""Readable colours: the default theme meets WCAG AA, and a poor theme is reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content.contrast import contrast_ratio
from kiosk.content.model import Theme
from tests.content.conftest import MINIMAL_SHOW

# The promise (docs/accessibility.md, "Contrast"; WCAG 2.1 level AA): body text 4.5:1, large
# text (24 px and more: figures, kickers) 3:1. Which theme colour carries which text, on which
# ground, and the number it must reach:
PAIRS = [
    ("text", "background", 4.5, "body text"),
    ("muted", "background", 4.5, "sources, captions and dates"),
    ("accent", "background", 3.0, "large accent text (figures, kickers)"),
    ("text", "surface", 4.5, "text on cards and buttons"),
]
PAIR_IDS = [f"{fore}-on-{back}" for fore, back, _, _ in PAIRS]


def test_known_ratios() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1.0)


@pytest.mark.parametrize(("fore", "back", "minimum", "what"), PAIRS, ids=PAIR_IDS)
def test_default_theme_meets_wcag_aa(fore: str, back: str, minimum: float, what: str) -> None:
    theme = Theme()
    assert contrast_ratio(getattr(theme, fore), getattr(theme, back)) >= minimum, what


def _greys_around(ground: str, minimum: float) -> tuple[str, str]:
    """The lightest grey on a dark ground that stays under a ratio, and the next one, over it."""
    greys = [f"#{v:02x}{v:02x}{v:02x}" for v in range(256)]
    under = [g for g in greys if contrast_ratio(g, ground) < minimum]
    over = [g for g in greys if contrast_ratio(g, ground) >= minimum]
    return max(under), min(over)


@pytest.mark.parametrize(("fore", "back", "minimum", "what"), PAIRS, ids=PAIR_IDS)
def test_validate_warns_just_under_the_minimum_and_not_at_it(
    make_folder: Callable[..., Path],
    validate: Callable[..., tuple[int, list[str]]],
    fore: str,
    back: str,
    minimum: float,
    what: str,
) -> None:
    ground = getattr(Theme(), back)
    under, over = _greys_around(ground, minimum)
    assert minimum - 0.2 < contrast_ratio(under, ground) < minimum  # just under, not far
    named = f"theme colours {fore} on {back} have a contrast of"

    make_folder(MINIMAL_SHOW.replace("slides:", f'  theme:\n    {fore}: "{under}"\nslides:'))
    code, lines = validate("show")
    warned = [line for line in lines if named in line]
    assert len(warned) == 1, lines
    assert f"{what} need at least {minimum:g}:1 to be readable" in warned[0]
    assert code == 0  # a warning, the show still plays

    make_folder(MINIMAL_SHOW.replace("slides:", f'  theme:\n    {fore}: "{over}"\nslides:'))
    code, lines = validate("show")
    assert not [line for line in lines if named in line], lines


def test_poor_contrast_is_a_warning(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    make_folder(MINIMAL_SHOW.replace("slides:", '  theme:\n    muted: "#3a4a5a"\nslides:'))
    code, lines = validate("show")
    assert lines == [
        "show/show.yaml:7:12: warning: theme colours muted on background have a contrast of "
        "1.9:1; sources, captions and dates need at least 4.5:1 to be readable",
        "0 errors, 1 warning",
    ]
    assert code == 0
