"""Bench child: where the running kiosk's memory goes, after its loop has shown every slide.

Run as `python -m kiosk.bench.memory_child [trace]`. The kiosk starts through its real start
path on the session's platform (windowed 1920x1080), steps through every slide of the default
show once as the loop would, then reads its own memory map (/proc/self/smaps) and prints, as
JSON: its PSS (what it costs the machine, shared pages split among their users) and private
memory, split into Qt's libraries, the Python bindings and other libraries, the fonts, the
window system's shared buffers and anonymous memory (the heaps: Python's objects, Qt's images,
malloc's arenas), and within that what the stage's drawn slides and decoded pictures hold.
With `trace`, Python's allocations are traced from the start and reported by package.
"""

from __future__ import annotations

import os
import sys

TRACE = sys.argv[1:] == ["trace"]
if TRACE:
    import tracemalloc

    tracemalloc.start(1)

import json  # noqa: E402 (after tracing starts: what the imports allocate is counted)
import re  # noqa: E402
import signal  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Iterator  # noqa: E402

from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.bench.steps import run_with_steps  # noqa: E402
from kiosk.ui.window import KioskWindow  # noqa: E402

STEP_S = 1.1  # a transition (0.8 s) and the quiet time in which the next slide is drawn
# After the last step: the slide stands, and the stage has let its drawn picture go, as it
# has for most of each slide's time in the loop.
REST_S = 1.0
KB = 1024


def mapping_kind(path: str) -> str:
    """Which part of the breakdown a mapping of the memory map belongs to."""
    name = os.path.basename(path)
    if not path:
        return "anonymous"
    if path in ("[heap]", "[stack]") or path.startswith("[anon"):
        return "anonymous"
    if name.startswith("libQt6") or name.startswith("libicu"):
        return "qt_libraries"
    if name.endswith((".ttf", ".otf", ".ttc")):
        return "fonts"
    if name.startswith("memfd:") or "/dev/shm/" in path or name.startswith("SYSV"):
        return "window_system_shared"
    if ".so" in name or name.startswith("python"):
        return "python_and_other_libraries"
    return "other_files"


def memory_map() -> dict[str, dict[str, float]]:
    """PSS and private memory (MB) by kind of mapping, from /proc/self/smaps."""
    pss: Counter[str] = Counter()
    private: Counter[str] = Counter()
    kind = "anonymous"
    with open("/proc/self/smaps") as smaps:
        for line in smaps:
            if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                fields = line.split(maxsplit=5)
                kind = mapping_kind(fields[5].strip() if len(fields) > 5 else "")
            elif line.startswith("Pss:"):
                pss[kind] += int(line.split()[1])
            elif line.startswith(("Private_Clean:", "Private_Dirty:")):
                private[kind] += int(line.split()[1])
    return {
        "pss_by_kind_mb": {k: round(v / KB, 1) for k, v in pss.most_common()},
        "private_by_kind_mb": {k: round(v / KB, 1) for k, v in private.most_common()},
    }


def rollup() -> dict[str, int]:
    """The process's memory totals (kB) from /proc/self/smaps_rollup."""
    with open("/proc/self/smaps_rollup") as lines:
        return {line.split(":")[0]: int(line.split()[1]) for line in list(lines)[1:]}


def drawn_mb(window: KioskWindow) -> dict[str, float]:
    """What the stage keeps drawn: its slides' pictures and the pictures decoded for them."""
    stage = window.stage
    slides = {id(image): image for view in stage.drawn_views() for image in view.images()}
    pictures = stage.decoded_pictures()
    return {
        "slides_drawn": sum(1 for view in stage.drawn_views() if view.images()),
        "slide_images_mb": round(sum(i.sizeInBytes() for i in slides.values()) / 1e6, 1),
        "pictures_mb": round(sum(i.sizeInBytes() for i in pictures) / 1e6, 1),
    }


def peak_rss_mb() -> float:
    """The most memory the kiosk has held at any moment so far (resident, not shared out):
    the transitions, when two slides are drawn at once, and reading the show."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / KB, 1)
    return 0.0


def python_heap_by_package() -> dict[str, float]:
    """Python's traced allocations (MB) by the package whose code made them."""
    snapshot = tracemalloc.take_snapshot()
    by_package: Counter[str] = Counter()
    for statistic in snapshot.statistics("filename"):
        filename = statistic.traceback[0].filename
        found = re.search(r"site-packages/([^/]+)", filename) or re.search(
            r"/(kiosk/[^/.]+)", filename
        )
        if found:
            package = found.group(1)
        elif filename.startswith("<frozen importlib"):
            package = "imports (module code)"
        else:
            package = "standard library"
        by_package[package] += statistic.size
    return {k: round(v / 1e6, 2) for k, v in by_package.most_common(15)}


def measure() -> None:
    def steps(window: KioskWindow) -> Iterator[float]:
        for _ in range(window.state.slide_count):
            window.player.go(1)
            yield STEP_S
        yield REST_S
        report = memory_map()
        totals = rollup()
        drawn = drawn_mb(window)
        # Shortly before the loop moves on, the slide leaving and the one coming are drawn.
        stage, state = window.stage, window.state
        for index in (state.index, state.neighbour(1)):
            stage.prepare(index)
        before_a_move = rollup()["Pss"]
        result: dict[str, object] = {
            "pss_mb": round(totals["Pss"] / KB, 1),
            "pss_before_a_move_mb": round(before_a_move / KB, 1),
            "private_mb": round((totals["Private_Clean"] + totals["Private_Dirty"]) / KB, 1),
            "rss_peak_mb": peak_rss_mb(),
            "platform": QApplication.platformName(),
            **report,
            **drawn,
            "python_modules": len(sys.modules),
        }
        if TRACE:
            result["python_heap_mb"] = round(tracemalloc.get_traced_memory()[0] / 1e6, 1)
            result["python_heap_by_package_mb"] = python_heap_by_package()
        print(json.dumps(result), flush=True)
        os.kill(os.getpid(), signal.SIGTERM)  # ends as the system would end the kiosk

    def after_a_pause(window: KioskWindow) -> Iterator[float]:
        yield STEP_S  # the show's first slide settles
        yield from steps(window)

    run_with_steps(after_a_pause)


if __name__ == "__main__":
    measure()
