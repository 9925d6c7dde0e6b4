"""Fixtures for tests that draw: the default show, views at any size, a QR reader."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QInputDevice, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import LoadedShow, Show, load_show
from kiosk.paths import DEFAULT_CONTENT
from kiosk.running import RunningShow
from kiosk.ui.fonts import font_families
from kiosk.ui.slides import ImageStore, SlideContext, SlideView, view_for
from kiosk.ui.style import Palette, Style
from kiosk.ui.window import KioskWindow
from tests.pieces import running_show

SIZES = [(1920, 1080), (1080, 1920), (3840, 2160)]
LANGUAGES = ["de", "en", "be", "ru"]
TODAY = datetime.date(2026, 11, 26)


def require_tool(name: str) -> str:
    """The path of a command-line tool; CI must have it, a developer may skip without it."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def default_loaded() -> LoadedShow:
    loaded = load_show(DEFAULT_CONTENT, today=TODAY)
    assert loaded.show is not None
    return loaded


@pytest.fixture(scope="session")
def default_show(default_loaded: LoadedShow) -> Show:
    assert default_loaded.show is not None
    return default_loaded.show


@pytest.fixture
def running(default_loaded: LoadedShow) -> RunningShow:
    """The default show's pieces, in German, with staff choices kept in memory."""
    return running_show(default_loaded, language="de")


@pytest.fixture
def window(qtbot: QtBot, running: RunningShow, families: tuple[str, ...]) -> Iterator[KioskWindow]:
    """The kiosk window on the default show at 1920x1080, started: the loop runs."""
    win = KioskWindow(running.player, families)
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    win.start()
    qtbot.waitExposed(win)
    yield win


@pytest.fixture
def families(qapp: QApplication) -> tuple[str, ...]:
    return tuple(font_families())


@pytest.fixture
def make_view(default_show: Show, families: tuple[str, ...]) -> Callable[..., SlideView]:
    def build(
        slide_id: str,
        size: tuple[int, int],
        language: str,
        show: Show | None = None,
        folder: Path = DEFAULT_CONTENT,
    ) -> SlideView:
        show = show or default_show
        style = Style(size[0], size[1], Palette.from_theme(show.settings.theme), families)
        slide = next(s for s in show.slides if s.id == slide_id)
        return view_for(slide, SlideContext(show, language, style, ImageStore(folder)))

    return build


def share_differing(
    one: QImage, other: QImage, area: QRect, step: int = 8, tolerance: int = 24
) -> float:
    """The share of pixels sampled every `step` in `area` where two pictures differ in a
    colour channel by more than `tolerance`: text and lines drawn turned are smoothed a little
    differently at their edges, which a viewer cannot tell apart."""
    samples = differing = 0
    for x in range(area.left(), area.right() + 1, step):
        for y in range(area.top(), area.bottom() + 1, step):
            a, b = one.pixelColor(x, y), other.pixelColor(x, y)
            samples += 1
            apart = max(
                abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())
            )
            differing += apart > tolerance
    return differing / samples


def decode_qr(image: QImage, tmp_path: Path) -> list[str]:
    """What a standard QR reader (zbarimg) finds in an image, as a phone would from the glass."""
    zbarimg = require_tool("zbarimg")
    path = tmp_path / "qr.png"
    assert image.save(str(path))
    done = subprocess.run(
        [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return [line for line in done.stdout.splitlines() if line]


@pytest.fixture(scope="module")
def touchscreen() -> QPointingDevice:
    return QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)


class Finger:
    """Taps and drags as a touchscreen or a mouse delivers them.

    Touch points go to the top-level window, as a touchscreen delivers them; Qt finds the
    widget under the finger.
    """

    def __init__(self, kind: str, device: QPointingDevice):
        self.kind = kind
        self.device = device

    def _touch(self, widget: QWidget, action: str, pos: QPoint) -> None:
        window = widget.window()
        sequence = QTest.touchEvent(window, self.device)
        getattr(sequence, action)(0, widget.mapTo(window, pos))
        sequence.commit()

    def tap(self, widget: QWidget, pos: QPoint) -> None:
        if self.kind == "touch":
            self._touch(widget, "press", pos)
            self._touch(widget, "release", pos)
        else:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)

    def drag(
        self,
        widget: QWidget,
        start: QPoint,
        end: QPoint,
        release: bool = True,
        between_steps: Callable[[], None] = lambda: None,
    ) -> None:
        steps = 8
        points = [start + (end - start) * (i / steps) for i in range(1, steps + 1)]
        if self.kind == "touch":
            self._touch(widget, "press", start)
            for point in points:
                between_steps()
                self._touch(widget, "move", point)
            if release:
                self._touch(widget, "release", end)
        else:
            QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
            for point in points:
                between_steps()
                QTest.mouseMove(widget, point)
            if release:
                QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)

    def release(self, widget: QWidget, pos: QPoint) -> None:
        if self.kind == "touch":
            self._touch(widget, "release", pos)
        else:
            QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=pos)


@pytest.fixture(params=["touch", "mouse"])
def finger(request: pytest.FixtureRequest, touchscreen: QPointingDevice) -> Finger:
    return Finger(request.param, touchscreen)
