"""Bench child: one measurement on a real kiosk window, offscreen.

Run as `python -m kiosk.bench.window_child TASK COUNT SIZE [TURN [FOLDER]]`: TASK is frames, taps,
wakes, loop or floor (the frames of a bare widget that crossfades two opaque pictures: what a
transition cannot be faster than); SIZE 1 for 1920x1080, 4 for 3840x2160; TURN the degrees
a turned panel is turned by (`--rotate`), 0 when not given; FOLDER the show, the default
show when not given. Prints the figures as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QInputDevice, QPainter, QPaintEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from kiosk.app import create_application
from kiosk.bench.measure import peak_rss_mb
from kiosk.content import load_show
from kiosk.paths import DEFAULT_CONTENT
from kiosk.playback.player import Player
from kiosk.playback.state import SlideMove
from kiosk.ui.fonts import font_families
from kiosk.ui.rotation import RotatedHost
from kiosk.ui.stage import SlideStage
from kiosk.ui.window import KioskWindow


@dataclass
class Bench:
    """A real kiosk window on the default show, and the clock its stage and loop run on."""

    app: QApplication
    window: KioskWindow
    clock: StepClock
    width: int
    height: int
    slides: int
    host: QAbstractScrollArea | None = None  # the turned panel's view, when the panel is turned

    @property
    def stage(self) -> SlideStage:
        return self.window.stage

    def paint_ms(self) -> float:
        """The real paint event of the window, synchronously, in milliseconds: on a turned
        panel the paint of the view that turns it."""
        started = time.perf_counter()
        if self.host is not None:
            self.host.viewport().repaint()
        else:
            self.stage.repaint()
        return (time.perf_counter() - started) * 1000


def measure(
    task: str, count: int, size: int, turn: int = 0, folder: Path = DEFAULT_CONTENT
) -> dict[str, Any]:
    """One measurement on a real kiosk window, or on the bare crossfade beside it."""
    if task == "floor":
        return {"frames_ms": measure_floor(count, size)}
    bench = open_window(size, turn, folder)
    if task == "frames":
        return {"frames_ms": measure_frames(bench, count)}
    if task == "taps":
        return {"latencies_ms": measure_taps(bench, count)}
    if task == "wakes":
        return {"latencies_ms": measure_wakes(bench, count)}
    if task == "loop":
        return {"peak_rss_mb": measure_loop(bench)}
    raise ValueError(task)


def open_window(size: int, turn: int = 0, folder: Path = DEFAULT_CONTENT) -> Bench:
    """The kiosk's window on a show (checked and read as the kiosk does), shown at 1920x1080
    (size 1) or 3840x2160 (4), on a panel turned by `turn` degrees as `--rotate` turns it."""
    app = create_application()
    loaded = load_show(folder)
    assert loaded.show is not None, loaded.report.format_text()
    width, height = (3840, 2160) if size == 4 else (1920, 1080)
    clock = StepClock()
    player = Player.for_show(loaded, "de", clock=clock)
    window = KioskWindow(player, tuple(font_families()))
    host: QAbstractScrollArea | None = None
    if turn:
        host = RotatedHost(window, turn)
        host.resize(width, height)
        host.show()
        window.start()
        QTest.qWaitForWindowExposed(host)
        width, height = window.width(), window.height()
    else:
        window.resize(width, height)
        window.show()
        window.start()
        QTest.qWaitForWindowExposed(window)
    return Bench(app, window, clock, width, height, player.state.slide_count, host)


def measure_frames(bench: Bench, count: int) -> list[float]:
    """Milliseconds per frame of transitions from slide to slide."""
    stage, clock = bench.stage, bench.clock
    frames: list[float] = []
    index = 0
    while len(frames) < count:
        stage.prepare(stage.state.neighbour(1))  # as the window does after each slide lands
        target = (index + 1) % bench.slides
        stage.state.move(SlideMove(target))
        for _ in range(16):  # a 0.8 s transition at 20 fps of simulated time
            clock.now += 0.05
            frames.append(bench.paint_ms())
        index = target
        clock.now += 2.0
        bench.paint_ms()  # settle, animations end
    return frames


def measure_taps(bench: Bench, count: int) -> list[float]:
    """Milliseconds from a finger lifting (a tap on "next" or a swipe) to the next frame."""
    app, window, stage = bench.app, bench.window, bench.stage
    width, height = bench.width, bench.height
    device = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)
    QTest.mouseClick(stage, Qt.MouseButton.LeftButton, pos=QPoint(width // 2, height // 3))
    latencies: list[float] = []
    painted: list[float] = []
    stage.frame_painted.connect(lambda: painted.append(time.perf_counter()))
    button = window.controls.next_button
    centre = button.mapTo(window, button.rect().center())

    def touch(action: str, point: QPoint) -> None:
        sequence = QTest.touchEvent(window, device)
        getattr(sequence, action)(0, point)
        sequence.commit()

    for n in range(count):
        bench.clock.now += 5.0
        stage.repaint()  # settled before each input
        app.processEvents()
        if n % 2 == 0:  # a tap on "next"
            touch("press", centre)
            app.processEvents()
            last = ("release", centre)
        else:  # a swipe to the left, timed from the finger lifting
            y = height // 2
            for x in (0.75, 0.6, 0.45):
                touch("press" if x == 0.75 else "move", QPoint(int(width * x), y))
                app.processEvents()
            last = ("release", QPoint(int(width * 0.3), y))
        painted.clear()
        started = time.perf_counter()
        touch(*last)
        while not painted:
            app.processEvents()
        latencies.append((painted[0] - started) * 1000)
    return latencies


def measure_wakes(bench: Bench, count: int) -> list[float]:
    """Milliseconds from a passer-by's first touch to the frame that answers it, the loop
    resting on a slide whose drawn picture the stage has let go (`SlideStage.rest`): the
    answer draws it again."""
    app, window, stage = bench.app, bench.window, bench.stage
    device = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)
    painted: list[float] = []
    stage.frame_painted.connect(lambda: painted.append(time.perf_counter()))
    point = QPoint(bench.width // 2, bench.height // 3)
    latencies: list[float] = []
    for _ in range(count):
        window.player.end_visit()
        window.player.go(1)
        bench.clock.now += 5.0
        stage.repaint()  # landed and settled
        app.processEvents()
        stage.rest(0)
        while any(view.images() for view in stage.drawn_views()):
            app.processEvents()
        painted.clear()
        started = time.perf_counter()
        QTest.touchEvent(window, device).press(0, point).commit()
        while not painted:
            app.processEvents()
        latencies.append((painted[0] - started) * 1000)
        QTest.touchEvent(window, device).release(0, point).commit()
        app.processEvents()
    return latencies


def measure_loop(bench: Bench) -> float:
    """Peak memory after one full loop, every slide settled and every transition drawn."""
    for index in range(bench.slides):
        bench.stage.state.move(SlideMove(index))
        for _ in range(20):
            bench.clock.now += 0.1
            bench.stage.repaint()
    bench.app.processEvents()
    return peak_rss_mb()


class Crossfade(QWidget):
    """A bare widget that paints one picture over another at rising opacity, as the stage
    paints a crossfade, and nothing else."""

    def __init__(self, width: int, height: int):
        super().__init__()
        self.pictures = [QImage(width, height, QImage.Format.Format_RGB32) for _ in range(2)]
        self.pictures[0].fill(QColor("#101a24"))
        self.pictures[1].fill(QColor("#f6f4ef"))
        self.opacity = 0.0
        self.resize(width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self.pictures[0])
        painter.setOpacity(self.opacity)
        painter.drawImage(0, 0, self.pictures[1])
        painter.end()


def measure_floor(count: int, size: int) -> list[float]:
    """Milliseconds per frame of the bare crossfade, measured as the kiosk's frames are."""
    create_application()
    width, height = (3840, 2160) if size == 4 else (1920, 1080)
    widget = Crossfade(width, height)
    widget.show()
    QTest.qWaitForWindowExposed(widget)
    frames: list[float] = []
    while len(frames) < count:
        widget.opacity = (len(frames) % 16 + 1) / 16
        started = time.perf_counter()
        widget.repaint()
        frames.append((time.perf_counter() - started) * 1000)
    return frames


class StepClock:
    """Time that moves only when the measurement says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


if __name__ == "__main__":
    task, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    turn = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    folder = Path(sys.argv[5]) if len(sys.argv) > 5 else DEFAULT_CONTENT
    print(json.dumps(measure(task, count, size, turn, folder)), flush=True)
