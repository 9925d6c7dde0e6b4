"""Line art made for the dark screen, turned for white paper: lines dark, fills light, the
campaign's red as it is."""

from __future__ import annotations

from kiosk.ui.line_art import for_paper, turned


def test_neutral_colours_turn_and_colours_with_a_hue_stay() -> None:
    assert turned("#f6f4ef") == "#100e09"  # the show's light lines print nearly black
    assert turned("#ffffff") == turned("white") == "#000000"
    assert turned("#fff") == "#000000"
    assert turned("#36424d") == "#b2bec9"  # a dark navy-grey fill prints light
    assert turned("#e2474b") == "#e2474b"  # the campaign's red


def test_only_paint_colours_change_never_references_or_text() -> None:
    svg = (
        '<svg><title>A flower, #fff</title><g fill="none" stroke="#f6f4ef">'
        '<use href="#abc"/><path style="fill:#36424d;stroke:#e2474b" stop-color="white"/></g></svg>'
    )
    assert for_paper(svg) == (
        '<svg><title>A flower, #fff</title><g fill="none" stroke="#100e09">'
        '<use href="#abc"/><path style="fill:#b2bec9;stroke:#e2474b" stop-color="#000000"/></g>'
        "</svg>"
    )
