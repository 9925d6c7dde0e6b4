"""A turned panel: the show laid out for the turned size, drawn turned, touched where it shows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QImage, QInputDevice, QPointingDevice, QTransform
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import LoadedShow
from kiosk.playback.state import SlideMove
from kiosk.playback.visitor_session import Mode
from kiosk.ui.rotation import RotatedHost, rotation_transform
from kiosk.ui.window import KioskWindow
from tests.clocks import StepClock
from tests.pieces import running_show
from tests.ui.test_visitors import slide_along_the_strip_and_preview
from tests.widgets import share_differing

PANEL = (1920, 1080)  # the panel as the system reports it, landscape
_DEVICES: list[QPointingDevice] = []


@pytest.fixture(params=[90, 270, 180])
def turned(
    request: pytest.FixtureRequest,
    qtbot: QtBot,
    default_loaded: LoadedShow,
    families: tuple[str, ...],
) -> Iterator[tuple[RotatedHost, KioskWindow]]:
    assert default_loaded.show is not None
    window = KioskWindow(
        running_show(default_loaded.show, default_loaded.folder, "de").player, families
    )
    host = RotatedHost(window, request.param)
    qtbot.addWidget(host)
    host.resize(*PANEL)
    host.show()
    window.start()
    qtbot.waitExposed(host)
    yield host, window


def _on_panel(host: RotatedHost, widget: QWidget, point: QPoint) -> QPoint:
    """Where a point of a widget inside the turned window is on the panel."""
    transform = rotation_transform(host.degrees, host.width(), host.height())
    return transform.map(QPointF(widget.mapTo(host.kiosk, point))).toPoint()


def _touch(host: RotatedHost, point: QPoint) -> None:
    if not _DEVICES:
        _DEVICES.append(QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen))
    for action in ("press", "release"):
        sequence = QTest.touchEvent(host, _DEVICES[0])
        getattr(sequence, action)(0, point)
        sequence.commit()


def test_the_show_is_laid_out_for_the_turned_size(
    turned: tuple[RotatedHost, KioskWindow],
) -> None:
    host, window = turned
    portrait = host.degrees in (90, 270)
    assert (window.width(), window.height()) == ((1080, 1920) if portrait else PANEL)
    assert window.stage.style().landscape is not portrait


def test_the_panel_shows_the_window_turned(
    turned: tuple[RotatedHost, KioskWindow], qtbot: QtBot
) -> None:
    host, window = turned
    upright = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    expected = upright.transformed(QTransform().rotate(host.degrees))
    shown = host.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert (shown.width(), shown.height()) == PANEL
    # Sample across the whole panel: every pixel where the turned window says it should be.
    step = 37
    differing = [
        (x, y)
        for x in range(0, PANEL[0], step)
        for y in range(0, PANEL[1], step)
        if shown.pixelColor(x, y) != expected.pixelColor(x, y)
    ]
    assert len(differing) < 0.01 * (PANEL[0] // step) * (PANEL[1] // step), differing[:10]


def _turned_as(host: RotatedHost, upright: KioskWindow) -> None:
    """The panel shows what an upright window of the turned size shows, turned: the same
    picture, but for the edges of letters and bars, which are smoothed a little differently
    when drawn turned."""
    expected = upright.grab().toImage().transformed(QTransform().rotate(host.degrees))
    expected = expected.convertToFormat(QImage.Format.Format_RGB32)
    shown = host.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert share_differing(shown, expected, QRect(0, 0, *PANEL), step=7, tolerance=64) < 0.02


def test_transitions_and_animations_show_turned_frame_by_frame(
    turned: tuple[RotatedHost, KioskWindow],
    qtbot: QtBot,
    default_loaded: LoadedShow,
    families: tuple[str, ...],
) -> None:
    host, window = turned
    assert default_loaded.show is not None
    upright = KioskWindow(
        running_show(default_loaded.show, default_loaded.folder, "de").player, families
    )
    qtbot.addWidget(upright)
    upright.resize(window.size())
    upright.show()
    upright.start()
    clock = StepClock(1000.0)
    stages = (window.stage, upright.stage)
    for stage in stages:
        stage.clock = clock
        stage.state.move(SlideMove(4, animate=False))
    _turned_as(host, upright)
    for stage in stages:
        stage.state.move(SlideMove(5))  # facts to the stats slide, whose bars grow as it enters
    clock.now += 0.3
    assert window.stage.in_transition
    _turned_as(host, upright)  # the two slides blended
    clock.now += 1.0
    _turned_as(host, upright)  # landed; the bars grow
    clock.now += 0.2
    _turned_as(host, upright)


def test_a_touch_acts_where_the_control_shows(
    turned: tuple[RotatedHost, KioskWindow], qtbot: QtBot
) -> None:
    host, window = turned
    _touch(host, _on_panel(host, window.stage, QPoint(300, 400)))  # wakes, nothing else
    assert window.state.mode is Mode.INTERACTIVE and window.state.index == 0
    button = window.controls.next_button
    assert button.isVisible()
    _touch(host, _on_panel(host, button, button.rect().center()))
    assert window.state.index == 1
    back = window.controls.previous_button
    QTest.mouseClick(
        host.viewport(), Qt.MouseButton.LeftButton, pos=_on_panel(host, back, back.rect().center())
    )
    assert window.state.index == 0  # a mouse click lands where the button shows, too


def test_sliding_along_the_strip_previews_the_slide_upright_on_a_turned_panel(
    turned: tuple[RotatedHost, KioskWindow], qtbot: QtBot
) -> None:
    host, window = turned
    _touch(host, _on_panel(host, window.stage, QPoint(window.width() // 2, window.height() // 3)))
    assert window.controls.isVisible()
    dots, viewport, button = window.controls.dots, host.viewport(), Qt.MouseButton.LeftButton

    def press(point: QPoint) -> None:
        QTest.mousePress(viewport, button, pos=_on_panel(host, dots, point))

    def move(point: QPoint) -> None:
        QTest.mouseMove(viewport, _on_panel(host, dots, point))

    def release(point: QPoint) -> None:
        QTest.mouseRelease(viewport, button, pos=_on_panel(host, dots, point))

    slide_along_the_strip_and_preview(window, press, move, release, qtbot)


def test_a_first_tap_on_a_language_s_name_chooses_it_on_a_turned_panel(
    turned: tuple[RotatedHost, KioskWindow],
) -> None:
    host, window = turned
    assert window.state.mode is Mode.ATTRACT
    window.stage.grab()
    russian = next(r for code, _, r in window.stage.band_layout().languages if code == "ru")
    _touch(host, _on_panel(host, window.stage, russian.center().toPoint()))
    assert window.state.language == "ru" and window.state.mode is Mode.INTERACTIVE
    assert window.controls.stories_button.text() == "Истории"
