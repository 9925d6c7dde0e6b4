"""A visitor's hand on a real X server: xdotool clicks and drags, screenshots checked."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QTransform
from pytestqt.qtbot import QtBot

from kiosk.content import load_show
from kiosk.paths import DEFAULT_CONTENT
from kiosk.ui.fonts import font_families
from kiosk.ui.window import KioskWindow
from tests.e2e.conftest import ROOT, Kiosk, XServer, wait_for
from tests.pieces import running_show
from tests.widgets import decode_qr, share_differing

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


def _rendered(
    slide_number: int, language: str, tmp_path: Path, size: tuple[int, int] = (WIDTH, HEIGHT)
) -> QImage:
    """The kiosk's own render of a slide, to compare the screen with."""
    out = tmp_path / f"render-{language}-{size[0]}x{size[1]}"
    if out.is_dir():  # the whole show was drawn already
        return QImage(str(sorted(out.iterdir())[slide_number - 1]))
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "render",
            "--out",
            str(out),
            "--size",
            f"{size[0]}x{size[1]}",
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


def _patient_show(tmp_path: Path) -> str:
    """The default show with every slide on screen for ten minutes: on a busy machine the
    loop must not move on between the kiosk's start and the first tap the test makes."""
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    text = (folder / "show.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*(?:slide_)?duration:) \d+", r"\1 600", text)
    (folder / "show.yaml").write_text(text, encoding="utf-8")
    return str(folder)


def _settled(server: XServer, tmp_path: Path, condition: Callable[[QImage], bool]) -> QImage:
    """The screen once `condition` holds and two shots in a row are equal: on a busy machine a
    shot taken while the controls fade in is neither the slide before nor the slide after."""
    shots: list[QImage] = [_shot(server, tmp_path)]

    def still() -> bool:
        shots.append(_shot(server, tmp_path))
        del shots[:-2]
        return condition(shots[-1]) and shots[-1] == shots[-2]

    wait_for(still)
    return shots[-1]


def _click(server: XServer, kiosk: Kiosk, x: int, y: int) -> None:
    server.run("xdotool", "mousemove", "--window", kiosk.window, str(x), str(y), "click", "1")


def test_tap_wakes_and_drag_turns_the_page(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
) -> None:
    # Drawn before the kiosk starts: on a busy machine drawing the show takes longer than the
    # first slide stays on screen.
    first, second = (_rendered(n, "de", tmp_path) for n in (1, 2))
    server = xserver_factory(WIDTH, HEIGHT)
    kiosk = start_kiosk(server, "--content", _patient_show(tmp_path))
    before = _painted(server, tmp_path)
    assert _same_slide(before, first)
    _click(server, kiosk, 640, 300)  # the first tap only wakes: the controls appear
    awake = _settled(server, tmp_path, lambda shot: shot != before)
    assert _same_slide(awake, before), "the waking tap changed the slide"
    server.run("xdotool", "mousemove", "--window", kiosk.window, "1000", "360", "mousedown", "1")
    for x in (900, 750, 600, 450, 300):
        server.run("xdotool", "mousemove", "--window", kiosk.window, str(x), "360")
    server.run("xdotool", "mouseup", "1")
    wait_for(lambda: _same_slide(_shot(server, tmp_path), second))


def test_language_switch_changes_text_and_qr_target(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
) -> None:
    english = _rendered(1, "en", tmp_path)
    server = xserver_factory(WIDTH, HEIGHT)
    kiosk = start_kiosk(server, "--content", _patient_show(tmp_path))
    _painted(server, tmp_path)
    _click(server, kiosk, 640, 300)  # wake
    _click(server, kiosk, 110, 680)  # the language button, lower left ("Deutsch")
    _click(server, kiosk, 640, 420)  # "English", second of four in the language panel
    wait_for(lambda: _same_slide(_shot(server, tmp_path), english))
    server.run("xdotool", "key", "--window", kiosk.window, "Left")  # wraps to the last slide
    found: list[str] = []

    def qr_decodes() -> bool:
        found[:] = decode_qr(_shot(server, tmp_path), tmp_path)
        return bool(found)

    wait_for(qr_decodes)
    assert found == ["https://releasenow.org/manifesto/"]


def _turned(image: QImage) -> QImage:
    """A portrait render as a panel turned 90 degrees clockwise shows it."""
    return image.transformed(QTransform().rotate(90)).convertToFormat(QImage.Format.Format_RGB32)


def _same_turned_slide(screen: QImage, render: QImage) -> bool:
    """Equal away from the portrait layout's bottom band, which lies at the panel's left."""
    return share_differing(screen, render, QRect(420, 0, 1500, 1080), tolerance=64) < 0.02


def test_a_turned_panel_shows_portrait_and_a_click_acts_where_the_button_shows(
    xserver_factory: Callable[[int, int], XServer],
    start_kiosk: Callable[..., Kiosk],
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    # Drawn before the kiosk starts: on a busy machine drawing the show takes longer than the
    # first slide stays on screen.
    first, second = (_turned(_rendered(n, "de", tmp_path, (1080, 1920))) for n in (1, 2))
    server = xserver_factory(1920, 1080)
    kiosk = start_kiosk(server, "--rotate", "90", "--content", _patient_show(tmp_path))
    wait_for(lambda: _same_turned_slide(_shot(server, tmp_path), first))
    # Where "next" is on the panel: the same portrait layout, for this screen's millimetres.
    probe = subprocess.run(
        [sys.executable, "-c", SCREEN_MM],
        env=server.env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded = load_show(DEFAULT_CONTENT)
    assert loaded.show is not None
    layout = KioskWindow(
        running_show(loaded.show, loaded.folder, "de").player, tuple(font_families())
    )
    qtbot.addWidget(layout)
    layout.stage.dots_per_mm = 1920 / float(probe.stdout.strip())
    layout.resize(1080, 1920)
    layout.show()
    layout.start()
    qtbot.waitExposed(layout)
    layout.player.visitor_input()  # awake: the controls are laid out
    button = layout.controls.next_button
    centre = button.mapTo(layout, button.rect().center())
    _click(server, kiosk, 1920 - 600, 540)  # wakes; the slide stays
    wait_for(lambda: _same_turned_slide(_shot(server, tmp_path), first))
    _click(server, kiosk, 1920 - centre.y(), centre.x())  # where the turned "next" shows
    wait_for(lambda: _same_turned_slide(_shot(server, tmp_path), second))


SCREEN_MM = (
    "from PySide6.QtGui import QGuiApplication; app = QGuiApplication([]); "
    "print(app.primaryScreen().physicalSize().width())"
)
