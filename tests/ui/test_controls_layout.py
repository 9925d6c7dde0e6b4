"""The controls stay where a finger expects them: no control moves when the language or the
stories button changes, and the row fits between the screen's margins in every language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from kiosk.content import LoadedShow
from kiosk.settings import LocalSettings
from kiosk.staff.mode import StaffMode
from kiosk.ui.overlays import Overlay
from kiosk.ui.window import KioskWindow
from tests.pieces import running_show, staff_mode

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def _controls(
    qtbot: QtBot,
    loaded: LoadedShow,
    families: tuple[str, ...],
    language: str,
    size: tuple[int, int],
    dots_per_mm: float | None,
) -> KioskWindow:
    window = KioskWindow(running_show(loaded, loaded.folder, language).player, families)
    qtbot.addWidget(window)
    window.stage.dots_per_mm = dots_per_mm
    window.resize(*size)
    window.show()
    window.start()
    window.player.visitor_input()  # a visitor: the controls are up
    qtbot.waitUntil(window.controls.isVisible, timeout=3000)
    return window


def _places(window: KioskWindow) -> dict[str, QRect]:
    controls = window.controls
    slots = {
        "previous": controls.previous_button,
        "next": controls.next_button,
        "strip": controls.dots,
        "A+": controls.text_button,
        "stories": controls.back_button if controls.back_button.isVisible() else None,
        "link": controls.link_button,
    }
    if slots["stories"] is None:
        slots["stories"] = controls.stories_button
    return {name: widget.geometry() for name, widget in slots.items() if widget is not None}


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("dots_per_mm", [None, 5.5], ids=["unknown size", "15-inch panel"])
def test_no_control_moves_with_the_language_or_the_way_back_to_the_stories(
    qtbot: QtBot,
    default_loaded: LoadedShow,
    families: tuple[str, ...],
    orientation: str,
    dots_per_mm: float | None,
) -> None:
    size = SIZES[orientation]
    seen = []
    for language in ("de", "en", "be", "ru"):
        window = _controls(qtbot, default_loaded, families, language, size, dots_per_mm)
        seen.append((language, "stories", _places(window)))
        window.controls.set_story_return(True)  # a story opened from the overview
        seen.append((language, "all stories", _places(window)))
        # Every control between the margins the slides keep.
        margin = window.stage.style().margin_x
        buttons = [b for b in window.controls.buttons() if b.isVisible()]
        assert min(b.x() for b in buttons) >= margin - 1, language
        assert max(b.geometry().right() for b in buttons) <= size[0] - margin + 1, language
        window.close()
    first = seen[0][2]
    for language, case, places in seen[1:]:
        assert places == first, (language, case)


@pytest.mark.parametrize("text", ["normal text", "larger text"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("language", ["de", "en", "be", "ru"])
def test_the_link_panel_closes_where_the_link_was_tapped(
    qtbot: QtBot,
    default_loaded: LoadedShow,
    families: tuple[str, ...],
    orientation: str,
    language: str,
    text: str,
) -> None:
    """A visitor who opened the link panel closes it with the finger where it was: the
    panel's close button ends where "Take the link" ended (in portrait it once stood 24 px
    further right), and both stay between the margins."""
    window = _controls(qtbot, default_loaded, families, language, SIZES[orientation], None)
    window.player.set_large_text(text == "larger text")
    link = window.controls.link_button
    tapped = QRect(link.mapTo(window, link.rect().topLeft()), link.size())
    link.click()
    overlay = window.link_overlay
    qtbot.waitUntil(overlay.isVisible, timeout=3000)
    close = overlay.close_button
    closing = QRect(close.mapTo(window, close.rect().topLeft()), close.size())
    assert closing.right() == tapped.right(), (closing, tapped)
    assert closing.top() == tapped.top()  # the same row


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("language", ["de", "en", "be", "ru"])
def test_no_control_moves_when_staff_hide_a_story(
    qtbot: QtBot,
    default_loaded: LoadedShow,
    families: tuple[str, ...],
    orientation: str,
    language: str,
) -> None:
    """One slide fewer in the loop (a story hidden, or a schedule) leaves every control where
    it was, and each is still at least a finger's size."""
    window = _controls(qtbot, default_loaded, families, language, SIZES[orientation], None)
    before = _places(window)
    window.player.set_story_hidden("story-teacher", True)
    after = _places(window)
    assert {k: v for k, v in after.items() if k != "strip"} == {
        k: v for k, v in before.items() if k != "strip"
    }
    side = window.stage.style().control_side
    for button in window.controls.buttons():
        if button.isVisible():
            assert min(button.width(), button.height()) >= side, button.text()


CONDITIONS = ["larger text", "high contrast", "the countdown runs", "paused by staff"]


def _enter(window: KioskWindow, condition: str, qtbot: QtBot) -> None:
    """Brings the window into a state a visitor may find the controls in."""
    if condition == "larger text":
        window.controls.text_button.click()  # as the visitor taps A+
        assert window.state.large_text
    elif condition == "high contrast":
        window.state.set_staff_access(reduced_motion=False, high_contrast=True)
    elif condition == "the countdown runs":
        window.player.session.idle_timeout_s = 0.05
        window.player.session.countdown_s = 60
        window.player.visitor_input()  # the visitor's last touch, with the shorter wait
        qtbot.waitUntil(window.countdown.isVisible, timeout=3000)
    elif condition == "paused by staff":
        window.player.set_held(True)
    qtbot.waitUntil(window.controls.isVisible, timeout=3000)


def _on_screen(window: KioskWindow) -> dict[str, QRect]:
    """Where each control is in the window, as a finger finds it."""
    return {
        name: QRect(window.controls.mapTo(window, place.topLeft()), place.size())
        for name, place in _places(window).items()
    }


@pytest.mark.parametrize("condition", CONDITIONS)
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_no_control_moves_and_every_row_fits_in_every_state_and_language(
    qtbot: QtBot,
    default_loaded: LoadedShow,
    families: tuple[str, ...],
    orientation: str,
    condition: str,
) -> None:
    """Larger text, high contrast, the countdown and a pause by staff leave every control
    where it was when the visitor came, in every language and with "All stories" in place of
    "Stories"; every row stays between the margins the slides keep."""
    size = SIZES[orientation]
    window = _controls(qtbot, default_loaded, families, "de", size, None)
    first = _on_screen(window)
    _enter(window, condition, qtbot)
    margin = window.stage.style().margin_x
    for language in ("de", "en", "be", "ru"):
        window.player.set_language(language)
        for case in ("stories", "all stories"):
            window.controls.set_story_return(case == "all stories")
            assert _on_screen(window) == first, (language, case)
            buttons = [b for b in window.controls.buttons() if b.isVisible()]
            assert min(b.x() for b in buttons) >= margin - 1, (language, case)
            right = max(b.geometry().right() for b in buttons)
            assert right <= size[0] - margin + 1, (language, case)
    window.close()


def _close_places(window: KioskWindow, staff: StaffMode) -> dict[str, QRect]:
    """Where each panel's close button stands: the stories, language, link, PIN and staff
    menu panels."""
    panels: dict[str, tuple[Overlay, bool]] = {
        "stories": (window.stories_overlay, False),
        "language": (window.language_overlay, False),
        "link": (window.link_overlay, False),
        "PIN": (staff.pin_pad, True),
        "staff menu": (staff.menu, True),
    }
    places = {}
    for name, (panel, by_staff) in panels.items():
        window.open_overlay(panel, by_staff=by_staff)
        assert panel.isVisible() and panel.close_button.isVisible(), name
        places[name] = panel.close_button.geometry()
        panel.dismiss()
    return places


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_every_panel_closes_at_one_place_in_every_language(
    qtbot: QtBot, default_loaded: LoadedShow, families: tuple[str, ...], orientation: str
) -> None:
    """A panel's close button keeps one place and size whatever the language, visitors' or
    staff's, and with larger text: its left edge once moved with its label (x 1651 in
    English, 1595 in German, 1604 in Belarusian, 1608 in Russian, 1558 with A+)."""
    size = SIZES[orientation]
    seen = []
    for language in ("de", "en", "be", "ru"):
        running = running_show(default_loaded, default_loaded.folder, language)
        window = KioskWindow(running.player, families)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        window.start()
        qtbot.waitExposed(window)
        settings = LocalSettings(staff_pin="2105", staff_language=language)
        staff = staff_mode(window, running, settings)
        seen.append((language, _close_places(window, staff)))
        window.player.visitor_input()
        window.controls.text_button.click()  # as the visitor taps A+
        assert window.state.large_text
        seen.append((f"{language} with A+", _close_places(window, staff)))
        right = round(size[0] - window.stage.style().margin_x)
        window.close()
        running.stop()
    first = seen[0][1]
    assert {place.right() + 1 for place in first.values()} == {right}, first
    for language, places in seen[1:]:
        assert places == first, language
