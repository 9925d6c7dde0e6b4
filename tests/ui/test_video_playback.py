"""A clip playing on the stage: its frames over the poster, on time, with the caption of their
moment; never a black frame going in or out; the poster when paused or in reduced motion."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect
from PySide6.QtGui import QColor, QImage, QTransform
from pytestqt.qtbot import QtBot

from kiosk.content import load_show
from kiosk.output.render import render_frame
from kiosk.playback.state import SlideMove
from kiosk.ui.slides.video import VideoView
from kiosk.ui.stage import SlideStage
from kiosk.ui.turn import rotation_transform
from tests.clipfiles import colour_at, show_folder
from tests.clocks import StepClock
from tests.content.conftest import MINIMAL_SHOW
from tests.pieces import bare_stage
from tests.widgets import share_differing

SHOW = (
    MINIMAL_SHOW
    + """\
  - id: statement
    kind: video
    file: clips/statement.mp4
    captions: {de: clips/de.vtt, en: clips/en.vtt}
"""
)
CAPTIONS = {
    "de": "WEBVTT\n\n00:00.000 --> 00:01.500\nErstens\n\n00:01.500 --> 00:04.000\nZweitens\n",
    "en": "WEBVTT\n\n00:00.000 --> 00:01.500\nFirst\n\n00:01.500 --> 00:04.000\nSecond\n",
}
SIZE = (960, 540)


@pytest.fixture
def stage(qtbot: QtBot, tmp_path: Path, families: tuple[str, ...]) -> SlideStage:
    loaded = load_show(show_folder(tmp_path / "show", SHOW, CAPTIONS, seconds=4))
    assert loaded.show is not None, loaded.report.diagnostics
    stage = bare_stage(loaded.show, loaded.files, "de", families)
    qtbot.addWidget(stage)
    stage.clock = StepClock(1000.0)
    stage.resize(*SIZE)
    stage.show()
    return stage


def _centre(stage: SlideStage, image: QImage) -> QColor:
    """The clip's colour, from a point on the middle line of its picture that the clip's
    moving white bar is not passing."""
    picture = stage.view(1).composition.items[0].box
    y = round(picture.center().y())
    for share in (0.3, 0.45, 0.6, 0.75):
        colour = image.pixelColor(QPoint(round(picture.left() + share * picture.width()), y))
        if colour.green() < 200:
            return colour
    return colour


def _near(colour: QColor, expected: tuple[int, int, int], slack: int = 10) -> bool:
    found = (colour.red(), colour.green(), colour.blue())
    return all(abs(a - b) <= slack for a, b in zip(found, expected, strict=True))


def _clip_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "clip" and t.is_alive()]


def test_the_clip_plays_on_time_over_its_poster_with_the_caption_of_its_moment(
    qtbot: QtBot, stage: SlideStage
) -> None:
    stage.state.move(SlideMove(1, animate=False))
    seen: list[QColor] = []

    def playing_on() -> bool:
        seen.append(_centre(stage, render_frame(stage)))
        return seen[-1].red() >= colour_at(2.0)[0]

    qtbot.waitUntil(playing_on, timeout=8000)
    # The clip's colours (the poster's, a second in, may come first): from the clip's
    # beginning on, in order, as it reddens with its time.
    reds = [c.red() for c in seen if _near(c, (c.red(), 60, 140), 12)]
    begun = next(i for i, red in enumerate(reds) if red < colour_at(0.6)[0])
    assert reds[begun:] == sorted(reds[begun:]), reds
    assert all(_near(QColor(red, 60, 140), colour_at(1.0), 12) for red in reds[:begun]), reds
    view = stage.view(1)
    assert isinstance(view, VideoView)
    assert view.text_items()[0].text == "Erstens"  # the poster's caption
    assert view.player is not None
    assert view.caption_now == "Zweitens"


def test_no_black_frame_into_the_clip_or_out_of_it(qtbot: QtBot, stage: SlideStage) -> None:
    clock = stage.clock
    assert isinstance(clock, StepClock)
    stage.state.move(SlideMove(0, animate=False))
    stage.state.move(SlideMove(1))  # crossfade into the clip's poster
    for _ in range(12):
        clock.now += 0.05
        colour = _centre(stage, render_frame(stage))
        assert max(colour.red(), colour.green(), colour.blue()) > 12, "a black frame"
    clock.now += 1.0
    stage.land_if_due()
    qtbot.waitUntil(
        lambda: _centre(stage, render_frame(stage)).red() >= colour_at(1.5)[0], timeout=6000
    )
    playing = _centre(stage, render_frame(stage))
    stage.state.move(SlideMove(0))  # out of the clip, while it plays
    leaving = _centre(stage, render_frame(stage))
    # The transition starts from the frame on screen, not from the poster.
    assert _near(leaving, (playing.red(), playing.green(), playing.blue()), 16), (leaving, playing)
    for _ in range(12):
        clock.now += 0.05
        colour = _centre(stage, render_frame(stage))
        assert max(colour.red(), colour.green(), colour.blue()) > 12, "a black frame"
    # Its decoding thread ends by itself, within a frame's decoding (nothing waits for it).
    qtbot.waitUntil(lambda: _clip_threads() == [], timeout=3000)


@pytest.mark.parametrize("why", ["paused", "reduced motion"])
def test_paused_or_in_reduced_motion_the_poster_stands(
    qtbot: QtBot, stage: SlideStage, why: str
) -> None:
    import datetime

    if why == "paused":
        stage.state.set_held(datetime.datetime(2026, 5, 21, 12, 0))
    else:
        stage.state.set_staff_access(reduced_motion=True, high_contrast=False)
    stage.state.move(SlideMove(1, animate=False))
    qtbot.wait(600)
    image = render_frame(stage)
    assert _near(_centre(stage, image), colour_at(1.0))
    assert _clip_threads() == []


def test_captions_switch_with_the_language_and_the_clip_plays_on(
    qtbot: QtBot, stage: SlideStage
) -> None:
    stage.state.move(SlideMove(1, animate=False))

    def view() -> VideoView:
        render_frame(stage)
        found = stage.view(1)
        assert isinstance(found, VideoView)
        return found

    qtbot.waitUntil(lambda: view().caption_now == "Zweitens", timeout=6000)
    german = view()
    player = german.player
    stage.state.set_language("en")
    render_frame(stage)
    english = stage.view(1)
    assert isinstance(english, VideoView) and english is not german
    assert player is not None and english.player is player and player.playing
    assert english.caption_now == "Second"


@pytest.mark.parametrize("degrees", [90, 270])
def test_on_a_turned_panel_the_clip_plays_turned_with_the_slide(
    qtbot: QtBot, tmp_path: Path, families: tuple[str, ...], degrees: int
) -> None:
    from kiosk.ui.rotation import RotatedHost
    from kiosk.ui.window import KioskWindow
    from tests.pieces import running_show

    loaded = load_show(show_folder(tmp_path / "show", SHOW, CAPTIONS, seconds=4))
    assert loaded.show is not None
    window = KioskWindow(running_show(loaded.show, loaded.files, "de").player, families)
    host = RotatedHost(window, degrees)
    qtbot.addWidget(host)
    host.resize(1920, 1080)
    host.show()
    window.start()
    qtbot.waitExposed(host)
    window.stage.state.move(SlideMove(1, animate=False))

    def view() -> VideoView:
        found = window.stage.view(1)
        assert isinstance(found, VideoView)
        return found

    qtbot.waitUntil(lambda: view().caption_now == "Zweitens", timeout=8000)
    upright = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    shown = host.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    expected = upright.transformed(QTransform().rotate(degrees))
    picture = view().composition.items[0].box
    # The clip's picture stands where the turned slide puts it, in the clip's own colours.
    turn = rotation_transform(degrees, 1920, 1080)
    colours = [
        shown.pixelColor(turn.map(QPointF(picture.left() + share * picture.width(), y)).toPoint())
        for share in (0.3, 0.5, 0.7)
        for y in (picture.center().y(),)
    ]
    clip = [c for c in colours if abs(c.green() - 60) <= 12 and abs(c.blue() - 140) <= 12]
    # A frame of the clip's second half-second and later, not the poster (a second in).
    assert clip and clip[0].red() >= colour_at(1.3)[0], colours
    assert share_differing(shown, expected, QRect(0, 0, 1920, 1080), step=7, tolerance=64) < 0.05


def test_the_clip_plays_again_from_its_beginning_after_a_hold_and_when_it_comes_back(
    qtbot: QtBot, stage: SlideStage
) -> None:
    import datetime

    def view() -> VideoView:
        render_frame(stage)
        found = stage.view(1)
        assert isinstance(found, VideoView)
        return found

    stage.state.move(SlideMove(1, animate=False))
    qtbot.waitUntil(lambda: view().caption_now == "Zweitens", timeout=6000)
    stage.state.set_held(datetime.datetime(2026, 5, 21, 12, 0))
    assert view().player is None  # held: the poster stands
    stage.state.set_held(None)
    qtbot.waitUntil(lambda: view().caption_now == "Erstens", timeout=6000)  # from the start
    qtbot.waitUntil(lambda: view().caption_now == "Zweitens", timeout=6000)
    stage.state.move(SlideMove(0, animate=False))
    render_frame(stage)
    stage.state.move(SlideMove(1, animate=False))
    qtbot.waitUntil(lambda: view().caption_now == "Erstens", timeout=6000)


def test_a_replaced_show_ends_the_poster_worker_of_the_old_one(
    qtbot: QtBot, stage: SlideStage
) -> None:
    old = stage._images
    stage.state.move(SlideMove(1, animate=False))
    qtbot.waitUntil(lambda: view_has_poster(stage), timeout=5000)
    assert old._frame_tasks is not None
    stage.state.replace(stage.state.show, 0)
    assert stage._images is not old and old._frame_tasks is None


def view_has_poster(stage: SlideStage) -> bool:
    return _near(_centre(stage, render_frame(stage)), colour_at(1.0))
