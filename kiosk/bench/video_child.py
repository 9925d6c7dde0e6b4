"""Bench child: what a playing clip costs, and that its cost ends with its slide.

Run as `python -m kiosk.bench.video_child FOLDER PLAY_S SOAK_S AFTER_S`, on a show whose first
slide is a looping 1080p clip (`make_video_show`). The kiosk starts through its real start
path (windowed 1920x1080, offscreen). While the clip plays: the process's CPU time over PLAY_S
seconds (every thread: the decoder's too) and its resident memory; then SOAK_S seconds more of
the loop, and how much the memory grew; then a visitor steps on to the next slide, and the CPU
time over AFTER_S seconds after that. Prints the figures as JSON.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QPoint

from kiosk.bench.idle_child import SETTLE_S, Span, _click
from kiosk.bench.measure import rss_mb
from kiosk.bench.steps import run_with_steps
from kiosk.ui.window import KioskWindow

RSS_SAMPLES = 12


def measure(folder: Path, play_s: float, soak_s: float, after_s: float) -> None:
    results: dict[str, object] = {}
    span = Span()

    def steps(window: KioskWindow) -> Iterator[float]:
        yield SETTLE_S
        span.start()
        yield play_s
        results["video_cpu_pct"] = span.stop()["cpu_pct"]
        # Memory moves by a frame or two (6 MB each at 1080p) as frames are decoded ahead and
        # let go: the least of a few seconds' samples is what the process holds.
        samples: list[float] = []
        for _ in range(RSS_SAMPLES):
            samples.append(rss_mb())
            yield 0.25
        results["video_rss_mb"] = before = min(samples)
        yield soak_s
        samples.clear()
        for _ in range(RSS_SAMPLES):
            samples.append(rss_mb())
            yield 0.25
        results["video_soak_rss_growth_mb"] = min(samples) - before
        stage = window.stage
        _click(stage, QPoint(stage.width() // 2, stage.height() // 3))  # a visitor wakes it
        yield 0.3
        _click(window.controls.next_button)
        yield SETTLE_S
        span.start()
        yield after_s
        results["video_after_cpu_pct"] = span.stop()["cpu_pct"]
        print(json.dumps(results), flush=True)
        os.kill(os.getpid(), signal.SIGTERM)

    run_with_steps(steps, folder)


if __name__ == "__main__":
    measure(Path(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]))
