"""One kiosk per data folder: a second one says so, a preview beside it counts and keeps nothing."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from kiosk.counts import Counts
from kiosk.platform.data_lock import DataLock
from tests.e2e.conftest import stop
from tests.playback.test_signed_shows import MAIN, _kiosk_env


def test_the_lock_is_held_by_one_process_at_a_time(tmp_path: Path) -> None:
    first = DataLock(tmp_path)
    assert first.acquire()
    held = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from kiosk.platform.data_lock import DataLock; "
            "sys.exit(0 if DataLock(Path(sys.argv[1])).acquire() else 7)",
            str(tmp_path),
        ],
        timeout=60,
    )
    assert held.returncode == 7
    first.release()
    assert DataLock(tmp_path).acquire()


def test_a_second_kiosk_on_the_same_data_folder_says_so_and_a_preview_counts_nothing(
    tmp_path: Path,
) -> None:
    env = _kiosk_env(tmp_path)
    log = tmp_path / "log" / "kiosk.log"
    running = subprocess.Popen(
        [sys.executable, str(MAIN)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    started = [running]
    try:
        deadline = time.monotonic() + 30
        while "slides) in '" not in (log.read_text(errors="replace") if log.exists() else ""):
            assert running.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        second = subprocess.run(
            [sys.executable, str(MAIN)], env=env, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 5
        assert "another kiosk (process " in second.stderr
        assert "stop it first, or preview with --windowed" in second.stderr
        counts_before = Counts(tmp_path / "data" / "counts.json").rows()
        frames = tmp_path / "data" / "first-frame"
        deadline = time.monotonic() + 30
        while not list(frames.glob("*.png")):  # the running kiosk keeps its first frame
            assert time.monotonic() < deadline, "the running kiosk kept no first frame"
            time.sleep(0.2)
        time.sleep(0.5)  # written atomically; nothing more follows
        frames_before = sorted((p.name, p.stat().st_mtime_ns) for p in frames.glob("*"))
        preview = subprocess.Popen(
            [sys.executable, str(MAIN), "--windowed"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(preview)
        deadline = time.monotonic() + 30
        while log.read_text(errors="replace").count("slides) in '") < 2:  # the preview plays
            assert preview.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        assert "this preview counts nothing" in log.read_text(errors="replace")
        preview.terminate()
        assert preview.wait(timeout=20) == 0
        assert Counts(tmp_path / "data" / "counts.json").rows() == counts_before
        # Nor does it keep a first frame of its own, or prune the running kiosk's.
        assert sorted((p.name, p.stat().st_mtime_ns) for p in frames.glob("*")) == frames_before
    finally:
        for process in started:
            stop(process)
