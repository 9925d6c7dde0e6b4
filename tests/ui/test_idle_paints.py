"""Nothing is painted while nothing moves: after every kind of interaction the screen rests.

A kiosk that repaints a still picture sixty times a second burns a core on a Raspberry Pi for
hours. Each test ends an interaction, lets what it started finish, and then counts every paint
in the application over two seconds: there must be none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.content import StatsSlide
from kiosk.playback.visitor_session import Mode
from kiosk.ui.window import KioskWindow

SIZE = (1920, 1080)
QUIET_S = 2.0


class PaintCounter(QObject):
    """Counts paint events anywhere in the application."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@pytest.fixture
def paints(qapp: QApplication) -> Iterator[PaintCounter]:
    counter = PaintCounter()
    qapp.installEventFilter(counter)
    yield counter
    qapp.removeEventFilter(counter)


@pytest.fixture
def at_rest(qtbot: QtBot, paints: PaintCounter) -> Callable[[], int]:
    """Waits (up to 5 s) for what the interaction started to finish, then counts paints."""

    def quiet_after_settling() -> int:
        for _ in range(50):  # a transition or a slide's animation lasts at most a few seconds
            before = paints.count
            qtbot.wait(100)
            if paints.count == before:
                break
        before = paints.count
        qtbot.wait(int(QUIET_S * 1000))
        return paints.count - before

    return quiet_after_settling


def _stats_index(window: KioskWindow) -> int:
    slides = window.state.show.slides
    return next(i for i, slide in enumerate(slides) if isinstance(slide, StatsSlide))


def _tap(window: KioskWindow, pos: QPoint) -> None:
    QTest.mouseClick(window.stage, Qt.MouseButton.LeftButton, pos=pos)


def _wake(window: KioskWindow) -> None:
    _tap(window, QPoint(SIZE[0] // 2, SIZE[1] // 3))
    assert window.player.session.mode is Mode.INTERACTIVE


def test_the_attract_loop_rests_between_slides(
    window: KioskWindow, at_rest: Callable[[], int]
) -> None:
    assert at_rest() == 0


def test_a_drag_that_springs_back_leaves_the_screen_at_rest(
    window: KioskWindow, at_rest: Callable[[], int], qtbot: QtBot
) -> None:
    _wake(window)
    start = QPoint(SIZE[0] // 2, SIZE[1] // 2)
    QTest.mousePress(window.stage, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 7):
        QTest.mouseMove(window.stage, start + QPoint(10 * step, 0))
        qtbot.wait(30)
    QTest.mouseRelease(window.stage, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))
    assert window.state.index == 0  # 60 px is not a swipe: it sprang back
    assert at_rest() == 0


def test_a_finished_transition_and_animation_leave_the_screen_at_rest(
    window: KioskWindow, at_rest: Callable[[], int]
) -> None:
    _wake(window)
    window.player.jump_to(_stats_index(window))  # the bars grow, then stand
    assert at_rest() == 0
    assert window.state.index == _stats_index(window)


def test_reduced_motion_switched_on_mid_animation_stops_the_frames(
    window: KioskWindow, at_rest: Callable[[], int], qtbot: QtBot
) -> None:
    _wake(window)
    with qtbot.waitSignal(window.stage.slide_shown, timeout=3000):
        window.player.jump_to(_stats_index(window))
    qtbot.wait(200)  # the bars are growing
    window.player.set_staff_access(reduced_motion=True)
    assert at_rest() == 0


def test_staff_pause_mid_transition_leaves_the_screen_at_rest(
    window: KioskWindow, at_rest: Callable[[], int]
) -> None:
    window.player.go(1)
    window.player.set_held(True)
    assert at_rest() == 0


@pytest.mark.parametrize("panel", ["stories", "link", "languages"])
def test_a_closed_panel_leaves_the_screen_at_rest(
    window: KioskWindow, at_rest: Callable[[], int], qtbot: QtBot, panel: str
) -> None:
    _wake(window)
    button = {
        "stories": window.controls.stories_button,
        "link": window.controls.link_button,
        "languages": window.controls.language_button,
    }[panel]
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    opened = next(overlay for overlay in window.overlays if overlay.isVisible())
    qtbot.wait(300)
    assert at_rest() == 0  # an open panel rests too
    close = opened.close_button
    QTest.mouseClick(close, Qt.MouseButton.LeftButton, pos=close.rect().center())
    assert not opened.isVisible()
    assert at_rest() == 0


def test_tap_to_stay_leaves_the_screen_at_rest(
    window: KioskWindow, at_rest: Callable[[], int], qtbot: QtBot
) -> None:
    window.player.session.idle_timeout_s = 0.2
    window.player.session.countdown_s = 30
    _wake(window)
    qtbot.waitUntil(window.countdown.isVisible, timeout=3000)
    QTest.mouseClick(window.countdown, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    assert not window.countdown.isVisible()
    window.player.session.idle_timeout_s = 60
    assert at_rest() == 0
