"""Bench child: what the running kiosk costs while nobody looks: CPU and bytes written.

Run as `python -m kiosk.bench.idle_child LOOP_S AFTER_S`. The kiosk starts through its real
start path on the real clock (windowed 1920x1080, offscreen). Over LOOP_S seconds of attract loop
it measures the process's CPU time (every thread) and the bytes it sent to disk
(/proc/self/io); then a visitor taps, drags a slide that springs back, opens and closes each
panel and steps on, and the CPU time is measured over the AFTER_S seconds after that burst.
Prints the figures as JSON.

A kiosk of a fleet also writes its status file (kiosk.toml's `status_folder`, which the bench
sets): one write is measured on its own, and the hour's figure counts it as often as the
heartbeat writes it; `write_bytes_per_hour_syncing` counts it as often as a sync tool's
changes could make the kiosk write it (once every MIN_INTERVAL_S).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Iterator

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk import fleet
from kiosk.bench.steps import run_with_steps
from kiosk.staff.fleet_status import MIN_INTERVAL_S, FleetStatus
from kiosk.ui.window import KioskWindow

SETTLE_S = 2.0  # after start and after the burst: the first transition or animation ends
STATUS_WRITES = 5  # status writes measured, the most they cost kept


def written_bytes(source: str = "/proc/self/io") -> int | None:
    """Bytes this process (or, from /proc/thread-self/io, this thread) has caused to be
    written to storage, where Linux says so."""
    try:
        with open(source) as io:
            for line in io:
                if line.startswith("write_bytes:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class Span:
    """CPU share of one core and bytes written between start() and stop()."""

    def start(self) -> None:
        self.wall = time.monotonic()
        self.cpu = time.process_time()
        self.written = written_bytes()

    def stop(self) -> dict[str, float | None]:
        wall = time.monotonic() - self.wall
        cpu = time.process_time() - self.cpu
        written = written_bytes()
        per_hour = None
        if written is not None and self.written is not None:
            per_hour = (written - self.written) * 3600 / wall
        return {"cpu_pct": 100 * cpu / wall, "write_bytes_per_hour": per_hour, "seconds": wall}


def _click(widget: QWidget, pos: QPoint | None = None) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())


def burst(window: KioskWindow) -> Iterator[float]:
    """A visitor's minute compressed: each step yields the seconds to wait before the next.

    The visitor taps, opens and closes each panel, steps on and back, and last drags a slide
    a little and lets it spring back.
    """
    stage, controls = window.stage, window.controls
    _click(stage, QPoint(stage.width() // 2, stage.height() // 3))  # wake
    yield 0.3
    for button in (controls.stories_button, controls.link_button, controls.language_button):
        _click(button)
        yield 0.5
        for overlay in window.overlays:
            if overlay.isVisible():
                _click(overlay.close_button)
        yield 0.3
    _click(controls.next_button)
    yield 1.0
    _click(controls.previous_button)
    yield 1.0
    # Last a drag that springs back: once it has, nothing on screen moves.
    start = QPoint(stage.width() // 2, stage.height() // 2)
    QTest.mousePress(stage, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 7):
        QTest.mouseMove(stage, start + QPoint(10 * step, 0))
        yield 0.03
    QTest.mouseRelease(stage, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))


def measure(loop_s: float, after_s: float) -> None:
    results: dict[str, object] = {}
    span = Span()

    def steps(window: KioskWindow) -> Iterator[float]:
        yield SETTLE_S
        span.start()
        yield loop_s
        attract = span.stop()
        results["attract_cpu_pct"] = attract["cpu_pct"]
        results["write_bytes_per_hour"] = attract["write_bytes_per_hour"]
        status = window.findChild(FleetStatus)
        if status is not None:  # a first write: a module's bytecode kept once is not its cost
            fleet.write_status(status.folder, status.status())
        if status is not None and written_bytes("/proc/thread-self/io") is not None:
            # A write as the worker makes it, made here: this thread's bytes are its own (the
            # counts' minute, a picture kept for the next start fall outside them). The most
            # of a few: the folder's own block is written with some and not others.
            one = 0
            for _ in range(STATUS_WRITES):
                before = written_bytes("/proc/thread-self/io") or 0
                fleet.write_status(status.folder, status.status())
                one = max(one, (written_bytes("/proc/thread-self/io") or before) - before)
            loop = attract["write_bytes_per_hour"] or 0.0
            results["status_write_bytes"] = one
            results["write_bytes_per_hour"] = loop + one * 3600 / fleet.HEARTBEAT_S
            results["write_bytes_per_hour_syncing"] = loop + one * 3600 / MIN_INTERVAL_S
        yield from burst(window)
        yield SETTLE_S
        span.start()
        yield after_s
        results["after_interaction_cpu_pct"] = span.stop()["cpu_pct"]
        print(json.dumps(results), flush=True)
        os.kill(os.getpid(), signal.SIGTERM)  # ends as the system would end the kiosk

    run_with_steps(steps)


if __name__ == "__main__":
    measure(float(sys.argv[1]), float(sys.argv[2]))
