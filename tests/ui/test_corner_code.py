"""A call to action always in reach: the manifesto's code beside every slide, in the language on
screen, large enough for a phone at arm's length, clear of the slide's words, and saying so
when the page behind it is in another language."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QRect, QRectF, QSize, QSizeF, Signal
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.content import Show
from kiosk.output.render import render_frame
from kiosk.playback.state import SlideMove
from kiosk.playback.visitor_session import Mode
from kiosk.ui.slides import SlideView
from kiosk.ui.stage import SlideStage
from kiosk.ui.window import KioskWindow
from tests.clocks import StepClock
from tests.pieces import bare_stage
from tests.widgets import Finger, decode_qr

LINKS = {
    "de": "https://releasenow.org/de/manifesto",
    "en": "https://releasenow.org/manifesto/",
    "be": "https://releasenow.org/manifesto/",
    "ru": "https://releasenow.org/manifesto/",
}
NOTES = {"de": "", "en": "", "be": "Старонка па\u2011англійску", "ru": "Страница на английском"}
SIZES = [(1920, 1080), (1080, 1920)]
# A 24-inch 16:9 panel is 531 mm wide.
DOTS_PER_MM_24_INCH = 1920 / 531.0
# A 15-inch 1080p panel, 344 mm wide: about 5.5 dots a millimetre.
DOTS_PER_MM_15_INCH = 5.5


def _stage(
    show: Show, language: str, size: tuple[int, int], families: tuple[str, ...]
) -> SlideStage:
    stage = bare_stage(show, Path("content"), language, families)
    stage.resize(*size)
    return stage


def _code_only(frame: QImage, rect: QRectF) -> QImage:
    """The frame cut to the code and a margin of background around it, as a phone frames it."""
    margin = 40
    return frame.copy(rect.toRect().adjusted(-margin, -margin, margin, margin))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["de", "en", "be", "ru"])
def test_every_slide_carries_the_code_of_the_language_on_screen(
    qapp: object,
    default_show: Show,
    families: tuple[str, ...],
    language: str,
    size: tuple[int, int],
    tmp_path: Path,
) -> None:
    stage = _stage(default_show, language, size, families)
    for index, slide in enumerate(default_show.slides):
        stage.state.move(SlideMove(index, animate=False))
        frame = render_frame(stage)
        view = stage.view(index)
        if slide.kind == "call_to_action":
            # The slide's own large code stands alone: the corner code steps aside.
            assert view.style.corner_code == 0
            assert decode_qr(frame, tmp_path) == [LINKS[language]]
            continue
        code = stage.corner_code
        assert decode_qr(_code_only(frame, code.code_rect), tmp_path) == [LINKS[language]], slide.id
        assert code.note == NOTES[language]
        # Nothing of the slide reaches the code or its words.
        area = code.tap_area()
        for item in view.composition.items:
            box = item.ink if item.ink is not None else item.box
            assert not box.intersects(area), (slide.id, item.role)
    stage.deleteLater()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_code_is_five_centimetres_on_a_24_inch_panel(
    qapp: object, default_show: Show, families: tuple[str, ...], size: tuple[int, int]
) -> None:
    stage = _stage(default_show, "de", size, families)
    render_frame(stage)
    side = stage.corner_code.code_rect.width()
    assert side >= 50 * DOTS_PER_MM_24_INCH  # about 180 px
    assert side <= 0.2 * min(size)
    # Above the band at the foot of the screen, at its right edge: within reach.
    style = stage.style()
    assert stage.corner_code.code_rect.bottom() <= style.height - style.band_height
    assert stage.corner_code.code_rect.right() == style.width - style.margin_x
    stage.deleteLater()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["de", "en", "be", "ru"])
def test_the_code_is_five_centimetres_on_a_15_inch_built_in_panel(
    qapp: object,
    default_show: Show,
    families: tuple[str, ...],
    language: str,
    size: tuple[int, int],
    tmp_path: Path,
) -> None:
    """A sixth of the short side is 33 mm there: the code grows to 5 cm, and slides make room."""
    stage = _stage(default_show, language, size, families)
    stage.dots_per_mm = DOTS_PER_MM_15_INCH
    stage.panel_size_trusted = True
    for index, slide in enumerate(default_show.slides):
        if slide.kind == "call_to_action":
            continue
        stage.state.move(SlideMove(index, animate=False))
        frame = render_frame(stage)
        code = stage.corner_code
        assert code.code_rect.width() / DOTS_PER_MM_15_INCH >= 50, slide.id
        assert code.code_rect.height() / DOTS_PER_MM_15_INCH >= 50, slide.id
        assert decode_qr(_code_only(frame, code.code_rect), tmp_path) == [LINKS[language]], slide.id
        area = code.tap_area()
        for item in stage.view(index).composition.items:
            box = item.ink if item.ink is not None else item.box
            assert not box.intersects(area), (slide.id, item.role)
            assert box.bottom() <= size[1] - stage.style().band_height, (slide.id, item.role)
    stage.deleteLater()


class _Screen:
    """A screen as Qt reports one: its output's name, pixels and physical size."""

    def __init__(self, name: str, pixels: tuple[int, int], millimetres: tuple[float, float]):
        self._name = name
        self._rect = QRect(0, 0, *pixels)
        self._physical = QSizeF(*millimetres)
        self._notifier = _GeometryNotifier()
        self.geometryChanged = self._notifier.geometryChanged

    def name(self) -> str:
        return self._name

    def geometry(self) -> QRect:
        return self._rect

    def availableGeometry(self) -> QRect:
        return self._rect

    def physicalSize(self) -> QSizeF:
        return self._physical

    def devicePixelRatio(self) -> float:
        return 1.0

    def refreshRate(self) -> float:
        return 60.0


class _GeometryNotifier(QObject):
    geometryChanged = Signal(QRect)  # noqa: N815 (Qt's name)


@pytest.mark.parametrize(
    ("screen", "millimetres_at_least", "pixels_at_most"),
    [
        # A laptop's or all-in-one's own 15-inch panel: its size is the glass's.
        (("eDP-1", (1920, 1080), (344.0, 194.0)), 50, None),
        # A television that puts its aspect ratio where its size goes: the pixels decide.
        (("HDMI-1", (1920, 1080), (160.0, 90.0)), None, 0.2 * 1080),
    ],
    ids=["built-in panel", "television"],
)
def test_the_code_follows_the_size_only_a_built_in_panel_reports(
    window: KioskWindow,
    screen: tuple[str, tuple[int, int], tuple[float, float]],
    millimetres_at_least: float | None,
    pixels_at_most: float | None,
) -> None:
    name, pixels, millimetres = screen
    window.show_on(_Screen(name, pixels, millimetres), windowed=True, size=QSize(*pixels))  # type: ignore[arg-type]
    window.resize(*pixels)
    render_frame(window.stage)
    side = window.stage.corner_code.code_rect.width()
    if millimetres_at_least is not None:
        assert side / (pixels[0] / millimetres[0]) >= millimetres_at_least
    if pixels_at_most is not None:
        assert 1080 / 6 <= side <= pixels_at_most


def test_the_code_is_five_centimetres_on_a_screen_whose_size_staff_gave(
    window: KioskWindow,
) -> None:
    """A television reports a wrong size; staff wrote its true one in kiosk.toml."""
    window.screen_inches = 15.6
    pixels = (1920, 1080)
    window.show_on(_Screen("HDMI-1", pixels, (160.0, 90.0)), windowed=True, size=QSize(*pixels))  # type: ignore[arg-type]
    window.resize(*pixels)
    render_frame(window.stage)
    side = window.stage.corner_code.code_rect.width()
    pixels_per_mm = math.hypot(*pixels) / (15.6 * 25.4)
    assert side / pixels_per_mm >= 50


def test_the_code_stays_put_between_slides_and_fades_only_into_the_call_to_action(
    qapp: object, default_show: Show, families: tuple[str, ...]
) -> None:
    stage = _stage(default_show, "en", (1920, 1080), families)
    stage.show()
    clock = StepClock()
    stage.clock = clock
    stage.state.move(SlideMove(1, animate=False))
    render_frame(stage)
    rect = stage.corner_code.code_rect
    stage.state.move(SlideMove(2, animate=True))
    assert stage.in_transition
    clock.now += 0.4  # half-way through the crossfade
    frame = render_frame(stage)
    assert stage.code_opacity() == 1.0
    assert stage.corner_code.code_rect == rect
    assert frame.copy(rect.toRect()) == render_frame(stage).copy(rect.toRect())
    clock.now += 10
    stage.land_if_due()
    last = len(default_show.slides) - 1
    stage.state.move(SlideMove(last - 1, animate=False))
    stage.state.move(SlideMove(last, animate=True))
    clock.now += 0.4
    assert 0.0 < stage.code_opacity() < 1.0
    clock.now += 10
    stage.land_if_due()
    assert stage.code_opacity() == 0.0
    stage.deleteLater()


def test_a_first_tap_on_the_corner_code_opens_the_large_code(
    window: KioskWindow, finger: Finger, qtbot: QtBot
) -> None:
    qtbot.waitUntil(lambda: window.state.landed, timeout=3000)
    assert window.player.session.mode is Mode.ATTRACT
    render_frame(window.stage)
    finger.tap(window.stage, window.stage.corner_code.code_rect.center().toPoint())
    assert window.link_overlay.isVisible()
    assert window.link_overlay.url == LINKS["de"]


@pytest.mark.parametrize("language", ["de", "en", "be", "ru"])
def test_the_large_code_says_when_the_page_is_in_another_language(
    window: KioskWindow, language: str
) -> None:
    window.player.set_language(language)
    window.open_overlay(window.link_overlay)
    overlay = window.link_overlay
    assert overlay.url == LINKS[language]
    assert overlay.note == NOTES[language]


def test_the_call_to_action_card_names_the_page_s_language(
    make_view: Callable[..., SlideView],
) -> None:
    for language in ("de", "en", "be", "ru"):
        view = make_view("manifesto", (1920, 1080), language)
        notes = [i.text for i in view.text_items() if i.role == "page_note"]
        assert notes == ([NOTES[language]] if NOTES[language] else [])
