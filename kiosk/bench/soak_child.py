"""Bench child: the soak, on the real running show (loop, visitor session, watcher, counts).

Run as `python -m kiosk.bench.soak_child CHANGES INTERACTIONS FOLDER`: the default show is
copied to FOLDER and watched; the attract loop moves on by its own timing on an accelerated
clock, visitors step in (stories, languages, the link, the countdown back to start), and every
few hundred changes the organiser edits the show, which the watcher picks up and the player
takes over at a slide boundary. Prints growth of memory, live QObjects and timers as JSON.
"""

from __future__ import annotations

import gc
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtTest import QTest

from kiosk.app import create_application
from kiosk.bench.measure import WARM_UP_CHANGES, WARM_UP_S, rss_mb
from kiosk.bench.window_child import StepClock
from kiosk.content import load_show
from kiosk.content.model import TitleSlide
from kiosk.counts import Counts
from kiosk.paths import DEFAULT_CONTENT
from kiosk.playback.visitor_session import Mode
from kiosk.running import RunningShow
from kiosk.ui.fonts import font_families
from kiosk.ui.window import KioskWindow

EDIT_EVERY = 400  # slide changes between two edits of the show by its organiser
HEADLINE = "Die Zeit für Freilassungen ist JETZT"


class Soak:
    """The default show, copied and watched, playing in a window on an accelerated clock."""

    def __init__(self, folder: Path):
        self.app = create_application()
        shutil.copytree(DEFAULT_CONTENT, folder)
        self.folder = folder
        loaded = load_show(folder)
        assert loaded.show is not None
        self.clock = StepClock()
        self.running = RunningShow.start(loaded, "de", counts=Counts(None), clock=self.clock)
        self.player, self.state = self.running.player, self.running.state
        self.window = KioskWindow(self.player, tuple(font_families()))
        self.window.resize(1920, 1080)
        self.window.show()
        self.window.start()
        QTest.qWaitForWindowExposed(self.window)
        self.running.source.watch(loaded)
        self.stage = self.window.stage
        self.edits = 0

    def live(self) -> tuple[int, int]:
        objects = self.window.findChildren(QObject)
        return len(objects), sum(isinstance(o, QTimer) for o in objects)

    def settle(self) -> None:
        """The transition under way runs to its end, frame by frame, and the slide lands."""
        for _ in range(3):  # a frame early, halfway and past the end of the transition
            self.clock.now += 0.3
            self.stage.repaint()
        self.stage.land_if_due()
        self.app.processEvents()

    def change(self) -> None:
        """The next slide: by the loop's own timing, or by a visitor's step."""
        if self.state.mode is Mode.ATTRACT:
            self.clock.now += self.player.loop.remaining()
            self.player.advance_if_due()
        else:
            self.player.go(1)
        self.settle()

    def interact(self, kind: int) -> None:
        window, player = self.window, self.player
        player.visitor_input()
        if kind == 0:
            window.open_stories()
        elif kind == 1:
            player.set_language("en" if self.state.language == "de" else "de")
        elif kind == 2:
            window.open_overlay(window.link_overlay)
        else:
            player.reset_to_start()
        self.app.processEvents()
        for overlay in window.overlays:
            overlay.hide()

    def edit(self) -> None:
        """The organiser changes the headline; the watcher sees it within a few looks."""
        show_file = self.folder / "show.yaml"
        text = show_file.read_text(encoding="utf-8")
        before = _headline(self.edits)
        self.edits += 1
        show_file.write_text(text.replace(before, _headline(self.edits)), encoding="utf-8")

    def churn(self, count: int, visits: int) -> None:
        every = max(1, count // max(1, visits))
        for n in range(count):
            self.change()
            if n % every == 0:
                self.interact((n // every) % 4)
            if n % EDIT_EVERY == EDIT_EVERY - 1:
                self.edit()
            self.app.sendPostedEvents()

    def settled_rss(self) -> float:
        self.clock.now += 10.0
        self.stage.repaint()
        self.app.processEvents()
        gc.collect()
        return rss_mb()

    def wait_for_last_edit(self, seconds: float = 15.0) -> bool:
        """The last edit is given time to arrive: the watcher looks every two seconds."""
        deadline = time.perf_counter() + seconds
        while _headline_shown(self.running) != _headline(self.edits):
            if time.perf_counter() > deadline:
                return False
            self.app.processEvents()
            self.change()
        return True


def soak(changes: int, interactions: int, folder: Path) -> dict[str, Any]:
    run = Soak(folder)
    # Warm-up: glyph caches, decoded thumbnails and the allocator's pools fill over the first
    # few hundred changes, and memory steps up once some ten seconds after start.
    warm_up_started = time.perf_counter()
    run.churn(WARM_UP_CHANGES, WARM_UP_CHANGES // 5)
    while time.perf_counter() - warm_up_started < WARM_UP_S:
        run.churn(100, 20)
    objects_before, timers_before = run.live()
    rss_before = run.settled_rss()
    edits_before = run.edits
    run.churn(changes, interactions or max(1, changes // 5))
    taken = run.wait_for_last_edit()
    rss_after = run.settled_rss()
    objects_after, timers_after = run.live()
    run.running.stop()
    return {
        "rss_growth_mb": rss_after - rss_before,
        "qobjects": [objects_before, objects_after],
        "timers": [timers_before, timers_after],
        "show_edits": run.edits - edits_before,
        "last_edit_taken": taken,
    }


def _headline_shown(running: RunningShow) -> str:
    slide = running.state.full_show.slides[0]
    return slide.headline.get("de", "") if isinstance(slide, TitleSlide) else ""


def _headline(edits: int) -> str:
    return f"{HEADLINE} ({edits})" if edits else HEADLINE


if __name__ == "__main__":
    result = soak(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
    print(json.dumps(result), flush=True)
