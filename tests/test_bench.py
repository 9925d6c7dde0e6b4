"""The benchmark command still runs and reports every figure (speed is its business, not ours)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KEYS = {
    "startup_s",
    "startup_show_s",
    "startup_cold_s",
    "startup_bare_s",
    "startup_vs_bare",
    "transition_ms_1080p",
    "transition_ms_4k",
    "tap_to_paint_ms",
    "rss_mb",
    "soak_rss_growth_mb",
    "soak_qobjects",
    "soak_timers",
    "load_s",
    "load_rss_mb",
    "idle_cpu_pct",
    "write_bytes_per_hour",
    "targets_met",
}


@pytest.mark.once
def test_quick_bench_reports_every_figure(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "main.py", "bench", "--quick", "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    assert set(results) >= KEYS
    for key in ("transition_ms_1080p", "transition_ms_4k", "tap_to_paint_ms"):
        figures = results[key]
        assert 0 < figures["p50"] <= figures["p95"] <= figures["max"]
    assert results["startup_s"] > 0 and results["rss_mb"] > 0
    # The second start put the first frame kept from the first one on screen first.
    assert results["startup_s"] < results["startup_show_s"]
    assert results["startup_vs_bare"] > 0
    assert set(results["load_s"]) == {"10"}
    assert results["soak_qobjects"][0] > 0
    assert set(results["idle_cpu_pct"]) == {"attract", "after_interaction"}
    assert results["write_bytes_per_hour"] >= 0
