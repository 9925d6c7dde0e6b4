"""The QR code on screen decodes, with a standard reader, to the link of the language shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content import LoadedShow, Show
from kiosk.content.model import Theme
from kiosk.output.render import render_frame
from kiosk.playback.state import SlideMove
from kiosk.ui.slides import SlideView
from kiosk.ui.slides.call_to_action import CallToActionView
from tests.pieces import bare_stage
from tests.widgets import decode_qr

LINKS = {
    "de": "https://releasenow.org/de/manifesto",
    "en": "https://releasenow.org/manifesto/",
}
ALL_SIZES = [(1280, 720), (1920, 1080), (1080, 1920), (3840, 2160), (2160, 3840)]


@pytest.mark.parametrize("size", ALL_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["de", "en"])
def test_qr_decodes_to_the_manifesto_of_the_language(
    size: tuple[int, int], language: str, make_view: Callable[..., SlideView], tmp_path: Path
) -> None:
    view = make_view("manifesto", size, language)
    assert decode_qr(view.final_image(), tmp_path) == [LINKS[language]]
    [short] = [i for i in view.text_items() if i.role == "short_url"]
    assert short.text == LINKS[language].removeprefix("https://").rstrip("/")


@pytest.mark.parametrize("size", ALL_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_qr_is_large_enough_and_has_a_quiet_zone(
    size: tuple[int, int], make_view: Callable[..., SlideView]
) -> None:
    view = make_view("manifesto", size, "en")
    assert isinstance(view, CallToActionView)
    short_side = min(size)
    assert view.qr_rect.width() >= 0.22 * short_side - 1
    image = view.final_image()
    rect = view.qr_rect.toRect()
    modules = 4  # quiet zone, in modules; the first module row must still be light
    edge = [
        image.pixelColor(x, rect.top() + 1).lightness() for x in range(rect.left(), rect.right())
    ]
    assert min(edge) > 200, "quiet zone is not light"
    assert modules == view.quiet_zone


def test_qr_stays_dark_on_light_in_a_light_theme(
    default_show: Show, make_view: Callable[..., SlideView], tmp_path: Path
) -> None:
    light = Theme(
        background="#ffffff",
        surface="#eeeeee",
        text="#111111",
        muted="#555555",
        accent="#c8102e",
        bar="#999999",
    )
    settings = replace(default_show.settings, theme=light)
    show = replace(default_show, settings=settings)
    view = make_view("manifesto", (1920, 1080), "de", show=show)
    assert decode_qr(view.final_image(), tmp_path) == [LINKS["de"]]


def test_qr_decodes_from_the_stage_frame(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...], tmp_path: Path
) -> None:
    show = default_loaded.show
    assert show is not None
    stage = bare_stage(show, default_loaded.folder, "en", families)
    qtbot.addWidget(stage)
    stage.resize(1920, 1080)
    stage.state.move(SlideMove(len(show.slides) - 1, animate=False))
    assert decode_qr(render_frame(stage), tmp_path) == [LINKS["en"]]
