"""Line art drawn for a dark screen, turned for white paper.

The show's line art is light lines (and dark fills) on a transparent background, made to stand
on the screen's dark roundel. On paper the roundel would print as a large dark disc, so the
picture's neutral colours are turned instead: light lines become dark, dark fills light. Colours
with a hue (the campaign's red) keep theirs: they read on white as on navy.
"""

from __future__ import annotations

import colorsys
import re

# A colour given to a paint property, as an attribute (fill="#fff") or in a style (fill:#fff).
_PAINT = re.compile(
    r"(?P<lead>\b(?:fill|stroke|stop-color|flood-color|color)\s*(?:=\s*[\"']|:)\s*)"
    r"(?P<colour>#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|white\b|black\b)",
    re.IGNORECASE,
)
_NAMED = {"white": "#ffffff", "black": "#000000"}
# Below this chroma (the spread of its channels, 0 to 1) a colour counts as neutral: a grey,
# an off-white, a navy-grey fill. The campaign's red has 0.6.
NEUTRAL_CHROMA = 0.2


def for_paper(svg: str) -> str:
    """The SVG with each neutral paint colour's lightness turned (L -> 1 - L)."""
    return _PAINT.sub(lambda match: match["lead"] + turned(match["colour"]), svg)


def turned(colour: str) -> str:
    """A neutral colour with its lightness turned; a colour with a hue as it was."""
    value = _NAMED.get(colour.lower(), colour).lstrip("#")
    if len(value) == 3:
        value = "".join(digit * 2 for digit in value)
    red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    if max(red, green, blue) - min(red, green, blue) >= NEUTRAL_CHROMA:
        return colour
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    red, green, blue = colorsys.hls_to_rgb(hue, 1.0 - lightness, saturation)
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))
