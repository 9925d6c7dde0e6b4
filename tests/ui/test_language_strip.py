"""Every language of the show from the first moment: the attract band names each in itself, a
finger's target apiece, clear of the dots, the invitation and the manifesto's code, on a wide
and a tall screen, in high contrast and with larger text."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from kiosk.content import Show
from kiosk.output.render import render_frame
from kiosk.playback.state import SlideMove
from kiosk.ui.stage import SlideStage
from tests.pieces import bare_stage

SIZES = {
    "landscape": (1920, 1080),
    "portrait": (1080, 1920),
    "4:3": (1024, 768),  # a wide screen with little width: the dots take a row of their own
    "5:4": (1280, 1024),
}
NAMES = {"de": "Deutsch", "en": "English", "be": "Беларуская", "ru": "Русский"}
SHOWS = {"four": ["de", "en", "be", "ru"], "two": ["be", "ru"], "one": ["de"]}
ACCESS = ["plain", "high contrast", "larger text", "15-inch panel"]


def _stage(
    show: Show,
    languages: list[str],
    size: tuple[int, int],
    access: str,
    families: tuple[str, ...],
) -> SlideStage:
    settings = replace(show.settings, languages=languages, default_language=languages[0])
    stage = bare_stage(replace(show, settings=settings), Path("content"), languages[0], families)
    if access == "15-inch panel":
        stage.dots_per_mm = 5.5  # controls of 15 mm: 83 px
    stage.resize(*size)
    if access == "high contrast":
        stage.state.set_staff_access(reduced_motion=False, high_contrast=True)
    elif access == "larger text":
        stage.state.set_large_text(True)
    stage.state.move(SlideMove(1, animate=False))  # a slide the manifesto's code stands beside
    return stage


def _inked(image: QImage, rect: QRectF, ground: int) -> int:
    """How many pixels in the middle of a target are not its ground (the name's letters)."""
    middle = rect.adjusted(rect.height() / 3, rect.height() / 3, -rect.height() / 3, 0)
    middle.setHeight(rect.height() / 3)
    box = middle.toRect()
    return sum(
        image.pixel(x, y) != ground
        for x in range(box.left(), box.right(), 2)
        for y in range(box.top(), box.bottom(), 2)
    )


@pytest.mark.parametrize("access", ACCESS)
@pytest.mark.parametrize("languages", SHOWS, ids=lambda s: f"{s} languages")
@pytest.mark.parametrize("orientation", SIZES)
def test_the_band_names_every_language_of_the_show_in_itself_clear_of_the_rest(
    qapp: object,
    default_show: Show,
    families: tuple[str, ...],
    orientation: str,
    languages: str,
    access: str,
) -> None:
    codes = SHOWS[languages]
    width, height = SIZES[orientation]
    stage = _stage(default_show, codes, (width, height), access, families)
    image = render_frame(stage)
    layout = stage.band_layout()
    style = stage.style()
    if len(codes) == 1:
        assert layout.languages == ()  # one language: nothing to choose
        return
    assert [(code, name) for code, name, _ in layout.languages] == [(c, NAMES[c]) for c in codes]
    if orientation == "portrait":  # their own row: the names at their full size
        assert layout.name_scale == 1.0
    targets = [rect for _, _, rect in layout.languages]
    band_top = height - style.band_height
    for rect in targets:
        # A finger's target as the controls are (72 px on a 1080p screen, 15 mm on a panel
        # whose size is known), on the band and between the slide's margins.
        # 15 mm at 5.5 px a mm, to the pixel; 72 px a 1080-pixel short side.
        least = 82 if access == "15-inch panel" else round(72 * min(width, height) / 1080)
        assert rect.height() >= least and rect.width() >= least, rect
        assert rect.top() >= band_top and rect.bottom() <= height, rect
        assert rect.left() >= style.margin_x - 1 and rect.right() <= width - style.margin_x + 1
    # Each name is drawn in its target: its letters stand out from the target's ground.
    for (_code, name, rect), lit in zip(layout.languages, [True] + [False] * 3, strict=False):
        fill = style.palette.accent if lit else style.palette.surface
        ground = style.palette.on_fill(fill)[0].rgb()
        assert _inked(image, rect, ground) > 10, name
    code_area = stage.corner_code.tap_area()
    assert not code_area.isEmpty()
    brand = QRectF(
        style.margin_x, layout.text_y - 1.2 * style.unit, layout.brand_right - style.margin_x, 0
    )
    brand.setHeight(2.4 * style.unit)
    parts = {
        "campaign's name": brand,
        "dots": layout.dots,
        "invitation": layout.hint,
        "code": code_area,
        **{name: rect for _, name, rect in layout.languages},
    }
    for (one, a), (other, b) in itertools.combinations(parts.items(), 2):
        assert not a.intersects(b), (one, a, other, b)
    # The dots stay apart, each a dot of its own: 12 px a slide at least at 1080p; below the
    # slide's own room.
    count = len(stage.state.show.slides)
    assert (layout.dots.width() - 1.5 * style.unit) / (count - 1) >= 12 * style.unit / 10.8
    assert layout.dots.top() >= style.content_bottom and layout.dots.bottom() <= height
    stage.deleteLater()


def test_the_dots_stand_centred_on_the_screen_in_a_show_of_one_language(
    qapp: object, default_show: Show, families: tuple[str, ...]
) -> None:
    stage = _stage(default_show, ["de"], SIZES["landscape"], "plain", families)
    dots = stage.band_layout().dots
    assert abs(dots.center().x() - 960) <= 1
    stage.deleteLater()


def _ink_columns(image: QImage, other: QImage, rows: QRectF) -> tuple[int, int] | None:
    """The leftmost and rightmost columns where two frames differ within `rows`."""
    columns = [
        x
        for x in range(image.width())
        if any(
            image.pixel(x, y) != other.pixel(x, y)
            for y in range(int(rows.top()), int(rows.bottom()) + 1, 2)
        )
    ]
    return (columns[0], columns[-1]) if columns else None


@pytest.mark.parametrize("orientation", SIZES)
def test_the_dots_stand_alike_in_every_language_and_the_invitation_fits_in_each(
    qapp: object, default_show: Show, families: tuple[str, ...], orientation: str
) -> None:
    """The loop's language changes with each round; the dots stay where they were, spread as
    far, and each language's invitation is read whole beside them."""
    codes = SHOWS["four"]
    width, height = SIZES[orientation]
    settings = replace(default_show.settings, languages=codes, default_language="de")
    show = replace(default_show, settings=settings)
    count = len(show.slides)
    dots: dict[str, QRectF] = {}
    for code in codes:
        stage = bare_stage(show, Path("content"), code, families)
        stage.resize(width, height)
        stage.state.move(SlideMove(1, animate=False))
        layout = stage.band_layout()
        dots[code] = layout.dots
        # Apart enough to be counted at a glance: 19 px a slide at 1080p, not the 16 px or
        # fewer Belarusian left them (not the 4 px a 5:4 screen's one row left them).
        unit = stage.style().unit
        assert (layout.dots.width() - 1.5 * unit) / (count - 1) >= 19 * unit / 10.8, code
        # The invitation's letters: what the band shows beyond the pause sign staff's hold
        # puts in its place. They stand whole in the room kept for them, clear of the dots,
        # inside the slide's margin.
        inviting = render_frame(stage)
        stage.state.set_held(datetime.datetime(2026, 5, 21, 14, 32))
        held = render_frame(stage)
        ink = _ink_columns(inviting, held, layout.hint)
        assert ink is not None, code
        assert layout.hint.left() - 1 <= ink[0] and ink[1] <= layout.hint.right() + 1, (code, ink)
        assert ink[0] > layout.dots.right() and ink[1] <= width - stage.style().margin_x + 1
        stage.deleteLater()
    assert all(rect == dots["de"] for rect in dots.values()), dots
