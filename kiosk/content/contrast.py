"""Contrast between two colours as WCAG 2 defines it: (L1 + 0.05) / (L2 + 0.05)."""

from __future__ import annotations

from kiosk.i18n.said import english

# Body text needs 4.5:1; large text (18 pt, or 14 pt bold, and up) 3:1 (WCAG 2.1, level AA).
BODY_MINIMUM = 4.5
LARGE_MINIMUM = 3.0


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of '#rrggbb'."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# Which theme colour carries which text, against which background, and what it must reach.
THEME_PAIRS = (
    ("text", "background", BODY_MINIMUM, english("body text")),
    ("muted", "background", BODY_MINIMUM, english("sources, captions and dates")),
    ("accent", "background", LARGE_MINIMUM, english("large accent text (figures, kickers)")),
    ("text", "surface", BODY_MINIMUM, english("text on cards and buttons")),
)
