"""Readable colours: the default theme meets WCAG AA, and a poor theme is reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content.contrast import THEME_PAIRS, contrast_ratio
from kiosk.content.model import Theme
from tests.content.conftest import MINIMAL_SHOW


def test_known_ratios() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1.0)


@pytest.mark.parametrize(("fore", "back", "minimum", "what"), THEME_PAIRS)
def test_default_theme_meets_wcag_aa(fore: str, back: str, minimum: float, what: str) -> None:
    theme = Theme()
    assert contrast_ratio(getattr(theme, fore), getattr(theme, back)) >= minimum, what


def test_poor_contrast_is_a_warning(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    make_folder(MINIMAL_SHOW.replace("slides:", '  theme:\n    muted: "#3a4a5a"\nslides:'))
    code, lines = validate("show")
    assert lines == [
        "show/show.yaml:6:12: warning: theme colours muted on background have a contrast of "
        "1.9:1; sources, captions and dates need at least 4.5:1 to be readable",
        "0 errors, 1 warning",
    ]
    assert code == 0
