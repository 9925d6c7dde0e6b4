"""Anonymous counts: per hour at the finest, written so that a kill never corrupts them."""

from __future__ import annotations

import datetime
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.counts import Counts, format_csv


class Now:
    def __init__(self) -> None:
        self.value = datetime.datetime(2026, 5, 21, 14, 37, 12)

    def __call__(self) -> datetime.datetime:
        return self.value


def test_counts_are_kept_per_hour_and_nothing_finer(tmp_path: Path) -> None:
    now = Now()
    counts = Counts(tmp_path / "counts.json", now)
    counts.add("slides_shown", "start")
    counts.add("slides_shown", "start")
    counts.add("language_chosen", "en")
    assert counts.flush()
    stored = json.loads((tmp_path / "counts.json").read_text())
    assert stored == {"2026-05-21T14": {"language_chosen": {"en": 1}, "slides_shown": {"start": 2}}}


def test_counts_survive_a_restart_and_add_up_per_day(tmp_path: Path) -> None:
    now = Now()
    first = Counts(tmp_path / "counts.json", now)
    first.add("sessions")
    first.flush()
    now.value += datetime.timedelta(hours=2)
    second = Counts(tmp_path / "counts.json", now)
    second.add("sessions")
    assert second.day_totals()["sessions"] == 2
    assert second.rows() == [{"day": "2026-05-21", "event": "sessions", "detail": "", "count": 2}]


def test_csv(tmp_path: Path) -> None:
    counts = Counts(tmp_path / "c.json", Now())
    counts.add("stories_opened", "story-teacher")
    assert format_csv(counts.rows()) == (
        "day,event,detail,count\n2026-05-21,stories_opened,story-teacher,1\n"
    )


def test_a_full_disk_costs_the_counts_not_the_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = Counts(tmp_path / "c.json", Now())
    counts.add("sessions")

    def full(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kiosk.counts.write_atomically", full)
    assert counts.flush() is False
    assert counts.last_error == "cannot save counts: No space left on device"
    assert counts.dirty  # kept in memory, written once there is room again


def test_stats_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    counts = Counts(tmp_path / "counts.json", Now())
    counts.add("qr_shown", "manifesto")
    counts.flush()
    assert cli.main(["stats", "--csv"]) == 0
    assert capsys.readouterr().out == "day,event,detail,count\n2026-05-21,qr_shown,manifesto,1\n"
    assert cli.main(["stats"]) == 0
    assert "qr_shown" in capsys.readouterr().out


WRITER = """
import sys
from pathlib import Path
from kiosk.counts import Counts
counts = Counts(Path(sys.argv[1]))
print("ready", flush=True)
n = 0
while True:
    n += 1
    counts.add("slides_shown", f"slide-{n % 50}")
    counts.flush()
"""


def test_sigkill_during_writes_leaves_a_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "counts.json"
    root = Path(__file__).resolve().parents[1]
    for attempt in range(6):
        process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        time.sleep(0.05 + 0.037 * attempt)  # a different moment of the write each time
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stdout.close()
        data = json.loads(path.read_text())  # never half a file
        assert sum(data[next(iter(data))]["slides_shown"].values()) > 0
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "counts.json"]
    # A kill may leave one unfinished temporary file; it is never read and is replaced.
    assert len(leftovers) <= 6
