"""Reduced motion and high contrast: set in the show or switched on by staff."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kiosk.content import LoadedShow
from kiosk.content.contrast import contrast_ratio
from kiosk.output.render import render_frame
from kiosk.running import RunningShow
from kiosk.settings import LocalSettings
from kiosk.ui.slides.stats import StatsView
from kiosk.ui.window import KioskWindow
from tests.clocks import StepClock
from tests.pieces import running_show, staff_mode


def _window(
    qtbot: QtBot, loaded: LoadedShow, families: tuple[str, ...], **settings: Any
) -> tuple[KioskWindow, RunningShow]:
    assert loaded.show is not None
    show = loaded.show
    if settings:
        show = replace(show, settings=replace(show.settings, **settings))
    running = running_show(show, loaded.folder, "de", clock=StepClock())
    window = KioskWindow(running.player, families)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.start()
    qtbot.waitExposed(window)
    return window, running


def test_reduced_motion_changes_slides_at_once_with_bars_complete(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...]
) -> None:
    window, _running = _window(qtbot, default_loaded, families, reduced_motion=True)
    stats_index = [s.id for s in window.state.show.slides].index("per-million")
    window.player.jump_to(stats_index)
    assert not window.stage.in_transition  # no crossfade: the slide is there at once
    view = window.stage.view(stats_index)
    assert isinstance(view, StatsView)
    # The first frame already shows the bars at full length.
    first = render_frame(window.stage)
    clock = window.player.clock
    assert isinstance(clock, StepClock)
    clock.now += 3600  # long after the slide arrived: an animation would have ended
    assert first == render_frame(window.stage)
    settled = view.final_image().convertToFormat(first.format())  # the bars at full length
    # The slide's own area (the manifesto's code stands beside it, drawn by the stage).
    right = round(view.style.content_right)
    assert first.copy(0, 0, right, 500) == settled.copy(0, 0, right, 500)


def test_high_contrast_from_the_show(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...]
) -> None:
    window, _running = _window(qtbot, default_loaded, families, high_contrast=True)
    frame = render_frame(window.stage)
    assert frame.pixelColor(2, 2) == QColor("#000000")
    palette = window.stage.style().palette
    assert contrast_ratio(palette.text.name(), palette.background.name()) == 21.0
    assert contrast_ratio(palette.accent.name(), palette.background.name()) >= 7.0


def test_staff_switch_both_on_and_off(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...], tmp_path: Path
) -> None:
    window, running = _window(qtbot, default_loaded, families)
    staff = staff_mode(window, running, LocalSettings(staff_pin="2105"))
    staff.open_menu()
    staff.menu.buttons["high_contrast"].click()
    assert window.state.high_contrast and staff.menu.buttons["high_contrast"].selected
    assert render_frame(window.stage).pixelColor(2, 2) == QColor("#000000")
    staff.menu.buttons["reduced_motion"].click()
    assert window.state.reduced_motion
    window.player.go(1)
    assert not window.stage.in_transition
    staff.menu.buttons["high_contrast"].click()
    assert not window.state.high_contrast
    assert render_frame(window.stage).pixelColor(2, 2) == QColor("#101a24")


def test_staff_settings_look_like_switches_not_buttons(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...]
) -> None:
    """Off: a hollow track with its knob at the left; on: the knob at the right on the accent
    colour. The button itself keeps its plain fill, unlike a button that acts once."""
    window, running = _window(qtbot, default_loaded, families)
    staff = staff_mode(window, running, LocalSettings(staff_pin="2105"))
    staff.open_menu()
    button = staff.menu.buttons["reduced_motion"]
    assert button.is_switch and not staff.menu.buttons["reload"].is_switch

    def accent_share(right_part: bool) -> float:
        shot = button.grab().toImage()
        accent = window.stage.style().palette.accent.rgb()
        xs = range(shot.width() * 3 // 4, shot.width() - 4) if right_part else range(8, 40)
        ys = range(shot.height() // 4, shot.height() * 3 // 4)
        return sum(shot.pixel(x, y) == accent for x in xs for y in ys) / (len(xs) * len(ys))

    assert accent_share(right_part=True) == 0.0  # off
    button.click()
    assert window.state.reduced_motion and button.selected
    assert accent_share(right_part=True) > 0.05  # the track, lit
    assert accent_share(right_part=False) == 0.0  # the fill stays plain


def test_larger_text_for_a_visitor_until_the_next_one(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...]
) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    window, _running = _window(qtbot, default_loaded, families)

    def headline_height() -> float:
        [headline] = [i for i in window.stage.view(0).text_items() if i.role == "headline"]
        assert headline.ink is not None
        return headline.ink.height()

    normal = headline_height()
    QTest.mouseClick(window.stage, Qt.MouseButton.LeftButton, pos=QPoint(640, 300))  # wake
    button = window.controls.text_button
    assert button.isVisible() and button.accessibleName() == "Größere Schrift"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    assert button.selected
    assert headline_height() > normal * 1.15  # every slide laid out again, larger
    assert window.stage.view(0).readable  # and still fitting
    window.player.reset_to_start()  # the visitor left: the next one starts with normal text
    assert not button.selected and headline_height() == normal


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...]
) -> None:
    from PySide6.QtWidgets import QAbstractButton

    window, running = _window(qtbot, default_loaded, families)
    staff = staff_mode(window, running, LocalSettings(staff_pin="2105"))
    for overlay in window.overlays:  # every panel laid out once, as when it opens
        window.open_overlay(overlay)
        overlay.hide()
    buttons = window.findChildren(QAbstractButton)
    assert len(buttons) > 30
    unnamed = [b for b in buttons if not b.accessibleName()]
    assert unnamed == [], [b.objectName() or b.text() for b in unnamed]
    assert staff.pin_pad.keys["OK"].accessibleName() == "Bestätigen"
    assert staff.pin_pad.keys["erase"].accessibleName() == "Löschen"
    assert window.back_button.accessibleName() == "Alle Geschichten"  # named before it shows
