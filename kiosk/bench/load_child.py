"""Bench child: validate a show folder and show it; print the time to the first frame and memory.

Run as `python -m kiosk.bench.load_child FOLDER`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(folder: Path) -> dict[str, float]:
    started = time.perf_counter()
    # Imported here: importing Qt, the model and the widgets is part of loading.
    from kiosk.app import create_application
    from kiosk.bench.measure import peak_rss_mb
    from kiosk.content import load_show
    from kiosk.playback.player import Player
    from kiosk.ui.fonts import font_families
    from kiosk.ui.window import KioskWindow

    app = create_application()
    loaded = load_show(folder)
    assert loaded.show is not None, loaded.report.format_text()
    window = KioskWindow(Player.for_show(loaded, "en"), tuple(font_families()))
    window.resize(1920, 1080)
    painted: list[float] = []
    window.stage.frame_painted.connect(lambda: painted.append(time.perf_counter()))
    window.show()
    window.start()
    while not painted:
        app.processEvents()
    window.open_stories()  # the overview of every story, too
    window.stories_overlay.repaint()
    return {"load_s": painted[0] - started, "peak_rss_mb": peak_rss_mb()}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))), flush=True)
