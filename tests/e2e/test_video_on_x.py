"""A clip on a real X server: its frames move on the screen, its captions are the visitor's
language, and a visitor's swipe turns the page during it as on any slide."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.clipfiles import STEP, show_folder
from tests.content.conftest import MINIMAL_SHOW
from tests.e2e.conftest import Kiosk, XServer, wait_for

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 1280, 720
BACKGROUND = QColor("#101a24")
# The clip first, looping: it is on screen from the start.
SHOW = MINIMAL_SHOW.replace(
    "slides:\n",
    "slides:\n"
    "  - id: statement\n"
    "    kind: video\n"
    "    file: clips/statement.mp4\n"
    "    captions: {de: clips/de.vtt, en: clips/en.vtt}\n"
    "    loop: true\n"
    "    duration: 60\n",
)
CAPTIONS = {
    "de": "WEBVTT\n\n00:00.000 --> 00:04.000\nIch war 1117 Tage in Haft.\n",
    "en": "WEBVTT\n\n00:00.000 --> 00:04.000\nI was held for 1,117 days.\n",
}


def _clip_red(shot: QImage) -> int | None:
    """The red of the clip's picture in the screen's upper half (the clip's colours: green
    60, blue 140, red climbing with its time), away from its moving bar; None where the clip
    is not on screen."""
    for x in (320, 480, 640, 800):
        colour = shot.pixelColor(x, HEIGHT // 3)
        if abs(colour.green() - 60) <= 12 and abs(colour.blue() - 140) <= 12:
            return colour.red()
    return None


def test_the_clip_moves_on_screen_and_a_swipe_turns_the_page(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
) -> None:
    folder = show_folder(tmp_path / "show", SHOW, CAPTIONS, seconds=4, size=(640, 360))
    server = xserver_factory(WIDTH, HEIGHT)
    kiosk = start_kiosk(server, "--content", str(folder))
    reds: list[int] = []

    def moving() -> bool:
        red = _clip_red(server.screenshot(tmp_path / "shot.png"))
        if red is not None:
            reds.append(red)
        # The clip's picture, a second of its time and more apart: the clip plays.
        return len(reds) >= 2 and max(reds) - min(reds) >= STEP

    wait_for(moving, timeout=30)
    server.run("xdotool", "mousemove", "--window", kiosk.window, "640", "300", "click", "1")
    server.run("xdotool", "mousemove", "--window", kiosk.window, "1000", "360", "mousedown", "1")
    for x in (900, 750, 600, 450, 300):
        server.run("xdotool", "mousemove", "--window", kiosk.window, str(x), "360")
    server.run("xdotool", "mouseup", "1")

    def turned() -> bool:
        shot = server.screenshot(tmp_path / "shot.png")
        return shot.pixelColor(640, HEIGHT // 3) == BACKGROUND

    wait_for(turned, timeout=15)
    log = kiosk.log()
    assert " ERROR " not in log and "Traceback" not in log, log
