"""Anonymous counts: per hour at the finest, written so that a kill never corrupts them."""

from __future__ import annotations

import datetime
import itertools
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import cli
from kiosk import counts as counts_module
from kiosk.counts import WRITE_EVERY_S, Counts, format_csv
from tests.clocks import StepClock


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


def test_written_at_most_once_a_minute_and_never_more_than_a_minute_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten minutes of 12-second slides: ten writes, not fifty, and a kill costs under a minute."""
    path = tmp_path / "counts.json"
    writes: list[float] = []
    clock = StepClock(0.0)
    original = counts_module.write_atomically

    def counted(target: Path, text: str) -> None:
        writes.append(clock.now)
        original(target, text)

    monkeypatch.setattr(counts_module, "write_atomically", counted)
    counts = Counts(path, Now(), clock)
    added: list[float] = []
    while clock.now <= 600:
        counts.add("slides_shown", "start")
        added.append(clock.now)
        counts.flush_if_due()
        on_disk = json.loads(path.read_text())["2026-05-21T14"]["slides_shown"]["start"]
        assert on_disk >= sum(1 for t in added if t <= clock.now - WRITE_EVERY_S)
        clock.now += 12
    assert len(writes) <= 600 / WRITE_EVERY_S + 1
    assert all(b - a >= WRITE_EVERY_S for a, b in itertools.pairwise(writes))


def test_old_hours_roll_up_into_days_and_nothing_is_lost(tmp_path: Path) -> None:
    now = Now()
    counts = Counts(tmp_path / "counts.json", now)
    start = now.value
    for hour in range(30 * 24):  # a month of events, every hour
        now.value = start + datetime.timedelta(hours=hour)
        counts.add("slides_shown", "start")
        counts.add("language_chosen", "be" if hour % 2 else "en")
    before = counts.rows()
    assert counts.flush()
    stored = json.loads((tmp_path / "counts.json").read_text())
    today = now.value.date()
    hours = [key for key in stored if "T" in key]
    days = [key for key in stored if "T" not in key]
    assert {key[:10] for key in hours} == {today.isoformat(), str(today - datetime.timedelta(1))}
    first_day = start.date()
    older = (today - first_day).days - 1  # every day before yesterday
    assert sorted(days) == [str(first_day + datetime.timedelta(d)) for d in range(older)]
    assert len(stored) <= older + 48
    assert Counts(tmp_path / "counts.json", now).rows() == before  # the same totals, per day
    assert stored[days[0]]["slides_shown"]["start"] == 24 - start.hour  # the first, partial day


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
import os
import sys
import time
from pathlib import Path

from kiosk.counts import Counts

STAGE = sys.argv[2]  # where in the write the process stops and waits to be killed
real_fsync, real_replace = os.fsync, os.replace


def pause_at(stage):
    if stage == STAGE:
        print("in-write", flush=True)
        time.sleep(30)


class Half:
    # The temporary file's writes go through here: half the text, then the pause.
    def __init__(self, out):
        self.out = out

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.out.__exit__(*exc)

    def __getattr__(self, name):
        return getattr(self.out, name)

    def write(self, text):
        self.out.write(text[: len(text) // 2])
        self.out.flush()
        pause_at("half")
        return self.out.write(text[len(text) // 2 :])


real_fdopen = os.fdopen


def fdopen(*args, **kwargs):
    return Half(real_fdopen(*args, **kwargs))


def fsync(fd):
    real_fsync(fd)
    pause_at("fsynced")


def replace(source, target):
    pause_at("before-rename")
    real_replace(source, target)


counts = Counts(Path(sys.argv[1]))
counts.add("slides_shown", "first")
counts.flush()  # a complete file on disk first
os.fdopen, os.fsync, os.replace = fdopen, fsync, replace
counts.add("slides_shown", "second")
counts.flush()
"""


@pytest.mark.parametrize("stage", ["half", "fsynced", "before-rename"])
def test_a_kill_in_the_middle_of_a_write_leaves_the_last_whole_file(
    tmp_path: Path, stage: str
) -> None:
    """The writer is killed at a known point inside its second write (half the text written,
    written and synced, about to be renamed): the file holds the first write, whole."""
    path = tmp_path / "counts.json"
    root = Path(__file__).resolve().parents[1]
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), stage],
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "in-write"
    [temporary] = [p for p in tmp_path.iterdir() if p.name.startswith(".counts.json.")]
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()
    assert temporary.exists() and temporary.stat().st_size > 0  # the kill landed mid-write
    data = json.loads(path.read_text())  # never half a file
    assert next(iter(data.values()))["slides_shown"] == {"first": 1}
    restarted = Counts(path)  # the next start reads the whole file and writes over leftovers
    restarted.add("slides_shown", "third")
    assert restarted.flush()
    after = json.loads(path.read_text())
    assert next(iter(after.values()))["slides_shown"] == {"first": 1, "third": 1}
