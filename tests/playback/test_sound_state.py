"""A clip's sound, as the show state holds it: a visitor's choice for the slide on screen, off
again whenever the slide changes, staff hold the show, or the visitor leaves."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.content import load_show
from kiosk.paths import DEFAULT_CONTENT
from kiosk.running import RunningShow
from tests.pieces import running_show


def _running() -> RunningShow:
    loaded = load_show(DEFAULT_CONTENT)
    assert loaded.show is not None
    return running_show(loaded, language="de")


def _sound_on(running: RunningShow) -> None:
    running.player.visitor_input()
    running.player.toggle_sound()
    assert running.state.sound


def test_the_sound_goes_off_with_the_slide_a_hold_and_the_visitor(qtbot: QtBot) -> None:
    running = _running()
    state, player = running.state, running.player
    heard: list[bool] = []
    state.sound_changed.connect(heard.append)
    assert not state.sound  # every visit starts muted
    _sound_on(running)
    player.set_language("en")  # the same slide in another language: still on
    assert state.sound
    player.toggle_sound()
    assert not state.sound
    _sound_on(running)
    player.go(1)
    assert not state.sound
    _sound_on(running)
    player.set_held(True)
    assert not state.sound
    player.set_held(False)
    _sound_on(running)
    player.end_visit()
    assert not state.sound
    _sound_on(running)
    player.reset_to_start()
    assert not state.sound
    assert heard == [True, False] * 5  # each change announced once
