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
from kiosk.counts import Counts, format_csv
from tests.clocks import StepClock

# The promise (docs/security.md): counts are written at most once a minute, so a kill costs at
# most a minute of them and the SD card is spared.
MINUTE = 60.0


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
    assert counts.flush()  # a line in the journal
    [name, line] = (tmp_path / "counts.journal").read_text().splitlines()
    assert json.loads(line) == {
        "2026-05-21T14": {"language_chosen": {"en": 1}, "slides_shown": {"start": 2}}
    }
    assert counts.save()  # folded into the snapshot, the journal gone
    stored = json.loads((tmp_path / "counts.json").read_text())
    assert stored == {
        "2026-05-21T14": {"language_chosen": {"en": 1}, "slides_shown": {"start": 2}},
        "_folded": json.loads(name)["journal"],
    }
    assert not (tmp_path / "counts.journal").exists()


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
    """Two hours of 12-second slides: a write a minute, not five, and a kill costs under one."""
    path = tmp_path / "counts.json"
    writes: list[float] = []
    clock = StepClock(0.0)
    real_fsync = os.fsync

    def counted(fd: int) -> None:
        writes.append(clock.now)
        real_fsync(fd)

    monkeypatch.setattr(counts_module.os, "fsync", counted)
    counts = Counts(path, Now(), clock)
    added: list[float] = []
    while clock.now <= 7200:
        counts.add("slides_shown", "start")
        added.append(clock.now)
        counts.flush_if_due()
        if clock.now % 600 == 0:  # as a fresh start would read it after a kill
            on_disk = Counts(path, Now()).data["2026-05-21T14"]["slides_shown"]["start"]
            assert on_disk >= sum(1 for t in added if t <= clock.now - MINUTE)
        clock.now += 12
    moments = sorted(set(writes))  # an atomic rewrite syncs the file and its folder
    assert len(moments) <= 7200 / MINUTE + 1
    assert all(b - a >= MINUTE for a, b in itertools.pairwise(moments))
    # Folded hourly: the journal never holds more than an hour's lines, one a minute.
    assert len((tmp_path / "counts.journal").read_text().splitlines()) <= 60 + 1


def test_old_hours_roll_up_into_days_and_nothing_is_lost(tmp_path: Path) -> None:
    now = Now()
    counts = Counts(tmp_path / "counts.json", now)
    start = now.value
    for hour in range(30 * 24):  # a month of events, every hour
        now.value = start + datetime.timedelta(hours=hour)
        counts.add("slides_shown", "start")
        counts.add("language_chosen", "be" if hour % 2 else "en")
    before = counts.rows()
    assert counts.save()
    stored = json.loads((tmp_path / "counts.json").read_text())
    stored.pop("_folded", None)
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

    monkeypatch.setattr(counts_module.os, "write", full)
    assert counts.flush() is False
    assert str(counts.last_error) == "cannot save counts: No space left on device"
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

STAGE = sys.argv[2]  # where in a write the process stops and waits to be killed
real_write, real_fsync, real_replace, real_unlink = os.write, os.fsync, os.replace, Path.unlink
writing = ""  # "append" or "fold": which write is under way


def pause_at(stage):
    if f"{writing}-{stage}" == STAGE:
        print("in-write", flush=True)
        time.sleep(30)


def write(fd, data):
    # The journal's line: half of it, then (perhaps) the kill.
    real_write(fd, data[: len(data) // 2])
    pause_at("half")
    return real_write(fd, data[len(data) // 2 :])


class Half:
    # The snapshot's temporary file: half the text, then (perhaps) the kill.
    def __init__(self, out):
        self.out = out

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.out.__exit__(*exc)

    def __getattr__(self, name):
        return getattr(self.out, name)

    def write(self, data):
        self.out.write(data[: len(data) // 2])
        self.out.flush()
        pause_at("half")
        return self.out.write(data[len(data) // 2 :])


real_fdopen = os.fdopen


def fdopen(*args, **kwargs):
    return Half(real_fdopen(*args, **kwargs))


def fsync(fd):
    real_fsync(fd)
    pause_at("synced")


def replace(source, target):
    pause_at("before-rename")
    real_replace(source, target)
    pause_at("after-rename")


counts = Counts(Path(sys.argv[1]))
counts.add("slides_shown", "first")
counts.save()  # the snapshot holds "first"
counts.add("slides_shown", "second")
counts.flush()  # the journal holds "second"
os.write, os.fdopen, os.fsync, os.replace = write, fdopen, fsync, replace
counts.add("slides_shown", "third")
writing = "append"
counts.flush()
counts.add("slides_shown", "fourth")
writing = "fold"
counts.save()
"""


@pytest.mark.parametrize(
    ("stage", "kept"),
    [
        ("append-half", {"first": 1, "second": 1}),
        ("append-synced", {"first": 1, "second": 1, "third": 1}),
        ("fold-half", {"first": 1, "second": 1, "third": 1}),
        ("fold-synced", {"first": 1, "second": 1, "third": 1}),
        ("fold-before-rename", {"first": 1, "second": 1, "third": 1}),
        ("fold-after-rename", {"first": 1, "second": 1, "third": 1, "fourth": 1}),
    ],
)
def test_a_kill_in_the_middle_of_a_write_loses_at_most_that_write(
    tmp_path: Path, stage: str, kept: dict[str, int]
) -> None:
    """The writer is killed at a known point inside a journal append (half a line written, or
    synced) or a fold into the snapshot (half written, synced, before or after the rename): a
    fresh start reads every count that was whole, none twice, and writes on."""
    path = tmp_path / "counts.json"
    root = Path(__file__).resolve().parents[1]
    command = [sys.executable, "-c", WRITER, str(path), stage]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=root)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "in-write"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()
    json.loads(path.read_text())  # never half a snapshot
    restarted = Counts(path)
    assert _shown(restarted) == kept
    restarted.add("slides_shown", "fifth")
    assert restarted.flush()  # onto a journal whose last line a kill may have cut
    assert _shown(Counts(path)) == {**kept, "fifth": 1}
    assert restarted.save()
    assert _shown(Counts(path)) == {**kept, "fifth": 1}


def _shown(counts: Counts) -> dict[str, int]:
    """Slides shown, by slide, over every hour (the writer counts at the real time)."""
    return {row["detail"]: row["count"] for row in counts.rows() if row["event"] == "slides_shown"}


def _export(
    tmp_path: Path, name: str, kiosk: str, rows: list[dict[str, object]], when: str
) -> Path:
    from kiosk import count_exports as tally

    path = tmp_path / name
    path.write_text(
        tally.export_counts(rows, kiosk, datetime.datetime.fromisoformat(when)), encoding="utf-8"
    )
    return path


def test_counts_of_two_kiosks_merge_into_one_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk import cli

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "kiosk.toml").write_text('name = "Berlin"\n')
    counts = Counts(tmp_path / "data" / "counts.json")
    counts.add("qr_shown")
    counts.add("qr_shown")
    counts.add("language_chosen", "be")
    counts.save()
    stick = tmp_path / "stick"
    stick.mkdir()
    assert cli.main(["stats", "--export", str(stick / "berlin.json")]) == 0
    assert "counts of kiosk 'Berlin' written to" in capsys.readouterr().out
    day = Counts(tmp_path / "data" / "counts.json").rows()[0]["day"]
    _export(
        stick,
        "warsaw.json",
        "Warsaw",
        [{"day": day, "event": "qr_shown", "detail": "", "count": 5}],
        "2026-05-21T20:00:00+02:00",
    )
    assert cli.main(["stats", "--merge", str(stick), "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "kiosk,day,event,detail,count"
    assert f"Berlin,{day},qr_shown,,2" in lines
    assert f"Warsaw,{day},qr_shown,,5" in lines
    assert f"all kiosks,{day},qr_shown,,7" in lines
    assert f"all kiosks,{day},language_chosen,be,1" in lines
    assert (
        cli.main(["stats", "--merge", str(stick / "berlin.json"), str(stick / "warsaw.json")]) == 0
    )
    table = capsys.readouterr().out
    assert table.startswith("kiosk: Berlin\n") and "kiosk: Warsaw" in table
    assert "all 2 kiosks together" in table


def test_an_older_export_of_the_same_kiosk_is_not_counted_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk import cli

    row = {"day": "2026-05-21", "event": "sessions", "detail": "", "count": 3}
    _export(tmp_path, "a.json", "Berlin", [row], "2026-05-21T12:00:00+02:00")
    _export(tmp_path, "b.json", "Berlin", [{**row, "count": 9}], "2026-05-21T22:00:00+02:00")
    assert cli.main(["stats", "--merge", str(tmp_path), "--csv"]) == 0
    captured = capsys.readouterr()
    assert "all kiosks,2026-05-21,sessions,,9" in captured.out
    assert "an older export of 'Berlin'" in captured.err


def test_a_file_that_is_not_exported_counts_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk import cli

    (tmp_path / "x.json").write_text('{"rows": []}')
    assert cli.main(["stats", "--merge", str(tmp_path / "x.json")]) == 2
    assert "not counts exported by `kiosk stats --export`" in capsys.readouterr().err


def test_two_kiosks_of_one_name_stay_two_in_the_merge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every Pi is called raspberrypi: kiosks are told apart by the id each made itself."""
    from kiosk import cli
    from kiosk import count_exports as tally

    row = {"day": "2026-05-21", "event": "sessions", "detail": "", "count": 3}
    for name, kiosk_id, count in (("a.json", "1" * 32, 3), ("b.json", "2" * 32, 4)):
        (tmp_path / name).write_text(
            tally.export_counts(
                [{**row, "count": count}],
                "raspberrypi",
                datetime.datetime.fromisoformat("2026-05-21T20:00:00+02:00"),
                kiosk_id,
            )
        )
    assert cli.main(["stats", "--merge", str(tmp_path), "--csv"]) == 0
    out = capsys.readouterr().out
    assert "raspberrypi (11111111),2026-05-21,sessions,,3" in out
    assert "raspberrypi (22222222),2026-05-21,sessions,,4" in out
    assert "all kiosks,2026-05-21,sessions,,7" in out


def test_export_times_are_compared_as_instants(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """21:30 in Minsk (+03:00) is before 20:00 in London (+00:00), though it reads later."""
    from kiosk import cli
    from kiosk import count_exports as tally

    row = {"day": "2026-05-21", "event": "sessions", "detail": "", "count": 3}
    for name, when, count in (
        ("minsk.json", "2026-05-21T21:30:00+03:00", 3),
        ("london.json", "2026-05-21T20:00:00+00:00", 9),
    ):
        (tmp_path / name).write_text(
            tally.export_counts(
                [{**row, "count": count}],
                "Stand",
                datetime.datetime.fromisoformat(when),
                "3" * 32,
            )
        )
    assert cli.main(["stats", "--merge", str(tmp_path), "--csv"]) == 0
    captured = capsys.readouterr()
    assert "all kiosks,2026-05-21,sessions,,9" in captured.out
    assert "minsk.json: an older export of 'Stand'" in captured.err


def test_a_kiosk_keeps_the_id_it_made_at_its_first_start() -> None:
    from kiosk.settings import kiosk_id

    first = kiosk_id()
    assert len(first) == 32 and kiosk_id() == first
