"""A visitor's hand on a real X server: xdotool clicks and drags, screenshots checked."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage

from tests.e2e.conftest import ROOT, Kiosk, XServer, wait_for
from tests.ui.conftest import decode_qr

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 1280, 720
BACKGROUND = QColor("#101a24")


def _shot(server: XServer, tmp_path: Path) -> QImage:
    return server.screenshot(tmp_path / "shot.png")


def _painted(server: XServer, tmp_path: Path) -> QImage:
    shots: list[QImage] = []

    def ready() -> bool:
        shots[:] = [_shot(server, tmp_path)]
        return shots[0].pixelColor(1, 1) == BACKGROUND

    wait_for(ready)
    return shots[0]


def _rendered(slide_number: int, language: str, tmp_path: Path) -> QImage:
    """The kiosk's own render of a slide, to compare the screen with."""
    out = tmp_path / f"render-{language}"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "render",
            "--out",
            str(out),
            "--size",
            f"{WIDTH}x{HEIGHT}",
            "--lang",
            language,
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    path = sorted(out.iterdir())[slide_number - 1]
    return QImage(str(path))


def _same_slide(screen: QImage, render: QImage) -> bool:
    """Equal above the bottom band (where the screen shows controls and the render does not)."""
    area = QRect(0, 0, WIDTH, int(HEIGHT * 0.8))
    differing = sum(
        screen.pixel(x, y) != render.pixel(x, y)
        for x in range(area.left(), area.right(), 8)
        for y in range(area.top(), area.bottom(), 8)
    )
    return differing < 0.01 * (area.width() // 8) * (area.height() // 8)


def _click(server: XServer, kiosk: Kiosk, x: int, y: int) -> None:
    server.run("xdotool", "mousemove", "--window", kiosk.window, str(x), str(y), "click", "1")


def test_tap_wakes_and_drag_turns_the_page(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
) -> None:
    server = xserver_factory(WIDTH, HEIGHT)
    kiosk = start_kiosk(server)
    before = _painted(server, tmp_path)
    assert _same_slide(before, _rendered(1, "de", tmp_path))
    _click(server, kiosk, 640, 300)  # the first tap only wakes: the controls appear
    wait_for(
        lambda: (
            _shot(server, tmp_path).pixelColor(30, HEIGHT - 30) != BACKGROUND
            or _shot(server, tmp_path) != before
        )
    )
    awake = _shot(server, tmp_path)
    assert _same_slide(awake, before), "the waking tap changed the slide"
    server.run("xdotool", "mousemove", "--window", kiosk.window, "1000", "360", "mousedown", "1")
    for x in (900, 750, 600, 450, 300):
        server.run("xdotool", "mousemove", "--window", kiosk.window, str(x), "360")
    server.run("xdotool", "mouseup", "1")
    second = _rendered(2, "de", tmp_path)
    wait_for(lambda: _same_slide(_shot(server, tmp_path), second))


def test_language_switch_changes_text_and_qr_target(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
) -> None:
    server = xserver_factory(WIDTH, HEIGHT)
    kiosk = start_kiosk(server)
    _painted(server, tmp_path)
    _click(server, kiosk, 640, 300)  # wake
    _click(server, kiosk, 110, 680)  # the language button, lower left ("Deutsch")
    _click(server, kiosk, 640, 320)  # "English", second of four in the language panel
    english = _rendered(1, "en", tmp_path)
    wait_for(lambda: _same_slide(_shot(server, tmp_path), english))
    server.run("xdotool", "key", "--window", kiosk.window, "Left")  # wraps to the last slide
    found: list[str] = []

    def qr_decodes() -> bool:
        found[:] = decode_qr(_shot(server, tmp_path), tmp_path)
        return bool(found)

    wait_for(qr_decodes)
    assert found == ["https://releasenow.org/manifesto/"]
