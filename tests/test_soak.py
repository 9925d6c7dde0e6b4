"""A CI-sized soak of the real running show: after warm-up, the loop's slide changes,
visitors' interactions and the organiser's edits picked up by the watcher leave nothing behind.

The full run (20,000 changes, 5,000 interactions) is `python main.py soak`; its figures are in
the README.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_soak_leaves_no_objects_timers_or_memory_behind(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "main.py", "soak", "--changes", "1500", "--interactions", "300", "--json"],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    before, after = result["qobjects"]
    assert after == before, "live QObjects grew"
    assert result["timers"][1] == result["timers"][0], "timers were left running"
    assert result["rss_growth_mb"] <= 5.0
    # The watcher ran throughout: the organiser's edits reached the screen, the last one too.
    assert result["show_edits"] >= 3 and result["last_edit_taken"] is True
