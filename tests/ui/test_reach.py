"""Within reach: every control a visitor uses in the lower part of the screen; panels close
with a tap beside them or at the bottom right; the countdown leaves a scanned code alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.contrast import contrast_ratio
from kiosk.playback.visitor_session import Mode
from kiosk.ui.overlays import Overlay
from kiosk.ui.window import KioskWindow
from tests.ui.test_visitors import _wake
from tests.widgets import SIZES, Finger, decode_qr

# The promise (docs/accessibility.md, "Within reach"): every control a visitor uses lies in the
# lower 60 % of the screen, its top edge at or below 40 % of the screen's height.
REACH_TOP_SHARE = 0.40
# Touch targets are 15 mm on the glass, never under 72 px on a 1080-pixel short side.
CONTROL_MM = 15.0
CONTROL_PX_PER_1080 = 72


def _least_control_side(window: KioskWindow, size: tuple[int, int]) -> float:
    """The smallest side a touch target may have on this screen, by the promise."""
    side = CONTROL_PX_PER_1080 * min(size) / 1080
    dots_per_mm = window.stage.dots_per_mm  # the screen's, when its physical size is known
    return max(side, CONTROL_MM * dots_per_mm) if dots_per_mm else side


def _controls_on_screen(window: KioskWindow) -> list[tuple[str, QRect]]:
    """Every visible button or strip a visitor can touch, in window coordinates."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.width() == 0:
            continue
        if isinstance(widget, QAbstractButton) or type(widget).__name__ == "DotsStrip":
            rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            found.append((widget.accessibleName() or text, rect))
    stories = window.stories_overlay
    if stories.isVisible():
        for card in stories.cards:
            area = stories.screen_rect(card).intersected(stories.viewport)
            if not area.isEmpty():
                found.append((card.story.id, area.toAlignedRect()))
    return found


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("panel", ["controls", "link", "language", "stories", "story"])
def test_every_visitor_control_is_within_reach(
    window: KioskWindow, qtbot: QtBot, size: tuple[int, int], panel: str
) -> None:
    window.resize(*size)
    window.player.visitor_input()
    qtbot.waitUntil(window.controls.isVisible)
    if panel == "link":
        window.open_overlay(window.link_overlay)
    elif panel == "language":
        window.open_overlay(window.language_overlay)
    elif panel == "stories":
        window.open_stories()
    elif panel == "story":  # a story opened from the overview: "All stories" leads back
        window.open_stories()
        window.stories_overlay.opened.emit(window.stories_overlay.cards[0].slide_index)
        assert window.back_button.isVisible()
    controls = _controls_on_screen(window)
    assert len(controls) >= 3
    reach = REACH_TOP_SHARE * size[1]
    high = [(name, rect.top()) for name, rect in controls if rect.top() < reach]
    assert not high, f"above 40 % of {size[1]} px ({reach:.0f} px): {high}"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_close_sits_at_the_bottom_right_of_every_panel(
    window: KioskWindow, size: tuple[int, int]
) -> None:
    window.resize(*size)
    for overlay in (window.link_overlay, window.language_overlay, window.stories_overlay):
        window.open_overlay(overlay)
        close = overlay.close_button.geometry()
        assert close.bottom() > 0.9 * size[1] and close.right() > 0.85 * size[0]
        assert min(close.width(), close.height()) >= _least_control_side(window, size)
        assert overlay.close_button.text() == "Schließen"


@pytest.mark.parametrize("panel", ["link_overlay", "language_overlay", "stories_overlay"])
def test_a_tap_beside_a_panel_closes_it(window: KioskWindow, finger: Finger, panel: str) -> None:
    _wake(window, finger)
    overlay: Overlay = getattr(window, panel)
    window.open_overlay(overlay)
    assert overlay.sheet.top() > 0
    # A tap on the panel itself, away from its buttons, keeps it.
    finger.tap(overlay, QPoint(40, round(overlay.sheet.top()) + 20))
    assert overlay.isVisible()
    # A tap on the dimmed show above it closes it; the show below does not take the tap.
    index = window.state.index
    finger.tap(overlay, QPoint(window.width() // 2, round(overlay.sheet.top()) // 2))
    assert not overlay.isVisible()
    assert window.state.index == index and window.player.session.mode is Mode.INTERACTIVE


def test_the_countdown_leaves_the_code_scannable_and_staying_keeps_the_panel(
    window: KioskWindow, finger: Finger, qtbot: QtBot, tmp_path: Path
) -> None:
    window.player.session.idle_timeout_s = 0.2
    window.player.session.countdown_s = 5
    _wake(window, finger)
    window.controls.link_button.click()
    qtbot.waitUntil(window.countdown.isVisible, timeout=3000)
    assert window.link_overlay.isVisible()
    assert decode_qr(window.grab().toImage(), tmp_path) == ["https://releasenow.org/de/manifesto"]
    finger.tap(window.countdown, QPoint(100, 100))
    assert not window.countdown.isVisible()
    assert window.link_overlay.isVisible()
    assert window.player.session.mode is Mode.INTERACTIVE


def _spread(image: QImage, rect: QRect) -> float:
    """The contrast between the lightest and darkest pixel in a part of the screen."""
    colours = {
        image.pixel(x, y) & 0xFFFFFF
        for y in range(rect.top(), rect.bottom(), 2)
        for x in range(rect.left(), rect.right(), 2)
    }
    names = [QColor(f"#{c:06x}").name() for c in colours]
    return max(contrast_ratio(a, names[0]) for a in names) if len(names) > 1 else 1.0


def test_the_countdown_dims_the_slide_out_of_the_way(
    window: KioskWindow, finger: Finger, qtbot: QtBot
) -> None:
    window.player.session.idle_timeout_s = 0.2
    window.player.session.countdown_s = 5
    _wake(window, finger)
    headline = next(
        i for i in window.stage.view(window.state.index).text_items() if i.role == "headline"
    )
    assert headline.ink is not None
    area = headline.ink.toAlignedRect()
    before = _spread(window.grab().toImage(), area)
    qtbot.waitUntil(window.countdown.isVisible, timeout=3000)
    shot = window.grab().toImage()
    # Where the countdown's own words are not: the headline fades to a trace.
    words = QRect(round(window.width() * 0.3), 0, round(window.width() * 0.4), window.height())
    left_part = area.intersected(QRect(0, 0, words.left(), window.height()))
    assert before > 10
    assert _spread(shot, left_part) < 1.15
