"""Bench child: one measurement on a real kiosk window, offscreen.

Run as `python -m kiosk.bench.window_child TASK COUNT SIZE [INTERACTIONS]`: TASK is frames,
taps, loop or soak; SIZE 1 for 1920x1080, 4 for 3840x2160. Prints the figures as JSON.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QInputDevice
from PySide6.QtTest import QTest

from kiosk.app import create_application
from kiosk.bench.measure import WARM_UP_CHANGES, WARM_UP_S, peak_rss_mb, rss_mb
from kiosk.content import load_show
from kiosk.paths import DEFAULT_CONTENT
from kiosk.playback.controller import ShowController
from kiosk.ui.fonts import font_families
from kiosk.ui.window import KioskWindow


def measure(task: str, count: int, size: int, interactions: int = 0) -> dict[str, Any]:
    """One measurement on a real kiosk window; `interactions` 0: one per five slide changes."""
    app = create_application()
    loaded = load_show(DEFAULT_CONTENT)
    assert loaded.show is not None
    width, height = (3840, 2160) if size == 4 else (1920, 1080)
    clock = StepClock()
    controller = ShowController(loaded.show, loaded.folder, "de", clock=clock, files=loaded.files)
    window = KioskWindow(controller, tuple(font_families()))
    window.resize(width, height)
    window.show()
    window.start()
    QTest.qWaitForWindowExposed(window)
    stage = window.stage
    slides = len(controller.show.slides)

    def paint_ms() -> float:
        started = time.perf_counter()
        stage.repaint()  # the real paint event of the window, synchronously
        return (time.perf_counter() - started) * 1000

    if task == "frames":
        frames: list[float] = []
        index = 0
        while len(frames) < count:
            stage.prepare(stage.neighbour(1))  # as the window does after each slide lands
            target = (index + 1) % slides
            stage.show_index(target)
            for _ in range(16):  # a 0.8 s transition at 20 fps of simulated time
                clock.now += 0.05
                frames.append(paint_ms())
            index = target
            clock.now += 2.0
            paint_ms()  # settle, animations end
        return {"frames_ms": frames}

    if task == "taps":
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
            clock.now += 5.0
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
        return {"latencies_ms": latencies}

    if task == "loop":  # one full loop, every slide settled and every transition drawn
        for index in range(slides):
            stage.show_index(index)
            for _ in range(20):
                clock.now += 0.1
                stage.repaint()
        app.processEvents()
        return {"peak_rss_mb": peak_rss_mb()}

    if task == "soak":

        def live() -> tuple[int, int]:
            objects = window.findChildren(QObject)
            return len(objects), sum(isinstance(o, QTimer) for o in objects)

        def churn(changes: int, interactions: int) -> None:
            every = max(1, changes // max(1, interactions))
            for n in range(changes):
                stage.show_index((stage.index + 1) % slides)
                clock.now += 1.0
                stage.repaint()
                if n % every == 0:
                    kind = (n // every) % 4
                    if kind == 0:
                        window.open_stories()
                    elif kind == 1:
                        controller.set_language("en" if controller.language == "de" else "de")
                    elif kind == 2:
                        window.open_overlay(window.link_overlay)
                    else:
                        controller.reset_to_start()
                    app.processEvents()
                    for overlay in window.overlays:
                        overlay.hide()
                app.sendPostedEvents()

        def settled_rss() -> float:
            # Measured on a settled slide: no transition holding its outgoing image.
            clock.now += 10.0
            stage.repaint()
            app.processEvents()
            gc.collect()
            return rss_mb()

        # Warm-up: one pass is not enough. Glyph caches, decoded thumbnails and the allocator's
        # pools fill over the first few hundred changes with interactions, then stay flat.
        warm_up_started = time.perf_counter()
        churn(WARM_UP_CHANGES, WARM_UP_CHANGES // 5)
        # About ten seconds after start memory steps up once by ~3 MB, whether slides change or
        # not (Qt's own housekeeping on a timer): the warm-up lasts past it, on any machine.
        while time.perf_counter() - warm_up_started < WARM_UP_S:
            churn(100, 20)
        objects_before, timers_before = live()
        rss_before = settled_rss()
        churn(count, interactions or max(1, count // 5))
        rss_after = settled_rss()
        objects_after, timers_after = live()
        return {
            "rss_growth_mb": rss_after - rss_before,
            "qobjects": [objects_before, objects_after],
            "timers": [timers_before, timers_after],
        }
    raise ValueError(task)


class StepClock:
    """Time that moves only when the measurement says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


if __name__ == "__main__":
    task, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    interactions = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    print(json.dumps(measure(task, count, size, interactions)), flush=True)
