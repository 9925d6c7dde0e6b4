"""Controls read as controls: every button's and story card's edge stands out from the show
at 3:1 at least (WCAG 1.4.11), and a story card shows at once that a finger is on it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent
from pytestqt.qtbot import QtBot

from kiosk.content.contrast import contrast_ratio
from kiosk.ui.window import KioskWindow
from tests.widgets import Finger


def _edge_contrast(shot: QImage, rect: QRect, background: QColor) -> float:
    """The strongest contrast against the background along the top edge's middle, a few
    pixels into the control: where its boundary is drawn."""
    x = rect.center().x()
    return max(
        contrast_ratio(shot.pixelColor(x, y).name(), background.name())
        for y in range(rect.top(), rect.top() + 5)
    )


@pytest.mark.parametrize("high_contrast", [False, True])
def test_every_control_s_edge_stands_out_from_the_show(
    window: KioskWindow, finger: Finger, high_contrast: bool
) -> None:
    finger.tap(window.stage, QPoint(960, 300))  # wake: the controls come
    if high_contrast:
        window.player.set_staff_access(high_contrast=True)
    controls = window.controls
    buttons = [b for b in controls.findChildren(type(controls.next_button)) if b.isVisible()]
    assert len(buttons) >= 5
    shot = window.grab().toImage()
    background = window.stage.style().palette.background
    for button in buttons:
        rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert _edge_contrast(shot, rect, background) >= 3.0, button.accessibleName()


def test_a_story_card_shows_the_press_before_it_opens(
    window: KioskWindow, finger: Finger, qtbot: QtBot
) -> None:
    window.open_stories()
    overview = window.stories_overlay
    card = overview.cards[1]
    rect = overview.screen_rect(card)
    background = window.stage.style().palette.background
    shot = overview.grab().toImage()
    assert _edge_contrast(shot, rect.toRect(), background) >= 3.0  # a card's edge, at rest
    accent = window.stage.style().palette.accent
    edge = QPoint(round(rect.center().x()), round(rect.top()) + 2)
    assert shot.pixelColor(edge) != accent
    overview.mousePressEvent(_mouse_press(rect.center()))
    assert overview.pressed is card
    pressed = overview.grab().toImage()
    assert pressed.pixelColor(edge).name() == accent.name()  # the accent ring, at once
    assert overview.isVisible()  # nothing opens until the finger lets go
    finger.tap(overview, rect.center().toPoint())
    assert overview.pressed is None and not overview.isVisible()
    assert window.state.index == card.slide_index


def _mouse_press(at: QPointF) -> QMouseEvent:
    return QMouseEvent(
        QEvent.Type.MouseButtonPress,
        at,
        at,
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
