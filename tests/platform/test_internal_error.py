"""A kiosk that cannot go on comes back: a few exceptions in slots are logged and the show goes
on; when they keep coming (more than five within a minute) the kiosk saves its counts and ends
with exit 4, and its deployment starts it again on the last good show."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kiosk.counts import Counts
from kiosk.paths import DEFAULT_CONTENT
from kiosk.platform import autostart
from tests.e2e.conftest import stop
from tests.playback.test_signed_shows import _kiosk_env

ROOT = Path(__file__).resolve().parents[2]
STOPPING = "CRITICAL kiosk: stopping with exit 4 (internal error)"

# Guards installed as the kiosk installs them, with a clock the script sets: a timer slot
# raises at each time given on the command line (or, with "thread" first, has a worker thread
# raise), then the program says it still runs and quits.
GUARDS = textwrap.dedent(
    """
    import sys
    import threading
    from PySide6.QtCore import QTimer
    from kiosk.app import create_application, install_guards
    from kiosk.logs import configure_logging

    configure_logging(to_file=False)
    now = [0.0]
    app = create_application()
    install_guards(clock=lambda: now[0])
    in_thread = sys.argv[1:2] == ["thread"]
    times = [float(t) for t in sys.argv[1 + in_thread :]]

    def fail():
        raise RuntimeError(f"a broken slot at {now[0]:.0f} s")

    def broken_slot():
        if not times:
            print("still running", flush=True)
            app.quit()
            return
        now[0] = times.pop(0)
        if in_thread:
            worker = threading.Thread(target=fail)
            worker.start()
            worker.join()
            QTimer.singleShot(20, broken_slot)
            return
        QTimer.singleShot(20, broken_slot)
        fail()

    QTimer.singleShot(0, broken_slot)
    sys.exit(app.exec())
    """
)


def _guarded(times: list[float], *where: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", GUARDS, *where, *map(str, times)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    "times",
    [
        [0, 1, 2, 3, 4],  # five within a minute: tolerated
        [0, 15, 30, 45, 59.5, 60, 75, 90, 105, 119.5],  # never more than five in any minute
    ],
)
def test_up_to_five_exceptions_a_minute_are_logged_and_the_program_goes_on(
    times: list[float],
) -> None:
    done = _guarded(times)
    assert done.returncode == 0, done.stderr
    assert "still running" in done.stdout
    assert "CRITICAL kiosk: uncaught exception" in done.stderr
    assert "stopping with exit 4" not in done.stderr


@pytest.mark.parametrize(
    "times",
    [
        [0, 1, 2, 3, 4, 5],  # a sixth within the minute
        [50, 52, 54, 56, 61, 63],  # six within 13 s, across a minute's boundary
        [0, 59, 70, 75, 80, 85, 90],  # the first has left the last minute; six remain
    ],
)
def test_a_sixth_exception_within_a_minute_ends_the_program_with_exit_4(
    times: list[float],
) -> None:
    done = _guarded(times)
    assert done.returncode == 4, done.stderr
    assert "still running" not in done.stdout
    assert done.stderr.count(STOPPING) == 1
    assert "after 6 unhandled exceptions within 60 s" in done.stderr


def test_exceptions_in_worker_threads_count_too() -> None:
    done = _guarded([0, 1, 2, 3, 4, 5], "thread")
    assert done.returncode == 4, done.stderr
    assert "CRITICAL kiosk: uncaught exception in thread" in done.stderr
    assert done.stderr.count(STOPPING) == 1


# The real kiosk, made to fail: a test-only wrapper (nothing of it is in the product) notes in
# the log each slide the kiosk counts as shown, and once the show plays, turns the page as a
# visitor would (Right); when that page is counted, a timer's slot raises as many times as the
# file RAISES says. Each raise is logged first under its own words, so none is held back.
BREAKING_KIOSK = textwrap.dedent(
    """
    import logging
    import sys
    from pathlib import Path

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.counts import Counts

    RAISES = Path(sys.argv.pop(1))
    say = logging.getLogger("test").warning
    shown, turned, ticks = [], [], []
    count = Counts.add

    def counted(self, event, detail=""):
        count(self, event, detail)
        if event == "slides_shown":
            shown.append(detail)
            say("counted a slide shown: %s", detail)

    Counts.add = counted

    def tick():
        if not turned:
            turned.append(True)
            visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
            window = max(visible, key=lambda w: w.width() * w.height())
            QTest.keyClick(window, Qt.Key.Key_Right)
            return
        if len(shown) < 2:
            return  # the turned page has not landed yet
        left = int(RAISES.read_text() or 0)
        if left > 0:
            RAISES.write_text(str(left - 1))
            say("a slot raises, %d to go", left - 1)
            raise RuntimeError("a broken slot")
        ticks.append(1)
        if len(ticks) == 3:
            say("the show went on")

    class BreakOnceItPlays(logging.Handler):
        def emit(self, record):
            if "slides) in '" in record.getMessage():
                timer = QTimer(QApplication.instance())
                timer.timeout.connect(tick)
                timer.start(50)

    logging.getLogger("kiosk").addHandler(BreakOnceItPlays())
    from kiosk.cli import main

    sys.exit(main(sys.argv[1:]))
    """
)


def _wait_for(
    log: Path, text: str, count: int = 1, process: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + 40
    while (log.read_text(errors="replace") if log.exists() else "").count(text) < count:
        assert process is None or process.poll() is None, "the kiosk ended"
        assert time.monotonic() < deadline, f"timed out waiting for {text!r}"
        time.sleep(0.1)


def _breaking_kiosk(tmp_path: Path, raises: int, *args: str) -> subprocess.Popen[bytes]:
    (tmp_path / "raises").write_text(str(raises))
    return subprocess.Popen(
        [sys.executable, "-c", BREAKING_KIOSK, str(tmp_path / "raises"), *args],
        env=_kiosk_env(tmp_path),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_kiosk_whose_slots_keep_raising_saves_its_counts_and_ends_with_exit_4(
    tmp_path: Path,
) -> None:
    kiosk = _breaking_kiosk(tmp_path, 6)
    try:
        assert kiosk.wait(timeout=60) == 4
    finally:
        stop(kiosk)
    log = (tmp_path / "log" / "kiosk.log").read_text(errors="replace")
    assert "slides) in '" in log and "a slot raises, 0 to go" in log
    assert log.count(STOPPING) == 1
    assert "after 6 unhandled exceptions within 60 s" in log
    assert "RuntimeError: a broken slot" in log  # the first with its traceback
    # Every slide shown before it stopped is in the counts, the page the visitor turned too
    # (counted moments before the stop, so kept only by the save at the stop).
    seen = re.findall(r"counted a slide shown: (\S+)", log)
    assert len(seen) == 2, seen
    rows = Counts(tmp_path / "data" / "counts.json").rows()
    assert sorted(r["detail"] for r in rows if r["event"] == "slides_shown") == sorted(seen)


def test_two_exceptions_in_slots_are_logged_and_the_kiosk_plays_on(tmp_path: Path) -> None:
    log = tmp_path / "log" / "kiosk.log"
    kiosk = _breaking_kiosk(tmp_path, 2)
    try:
        # The loop ran on after both: a stop posted by either would have come first.
        _wait_for(log, "the show went on", process=kiosk)
        assert kiosk.poll() is None
        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(timeout=20) == 0
    finally:
        stop(kiosk)
    text = log.read_text(errors="replace")
    assert "a slot raises, 0 to go" in text
    assert "CRITICAL kiosk: uncaught exception" in text
    assert "stopping with exit 4" not in text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shell recipes are Linux's")
def test_after_exit_4_the_labwc_recipe_brings_the_kiosk_back_on_its_last_good_show(
    tmp_path: Path,
) -> None:
    """The recipe as `kiosk autostart install --labwc` writes it, run by sh as labwc runs it,
    around the real kiosk; the show folder breaks while it plays, then its slots keep raising."""
    show = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, show)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = tmp_path / "breaking_kiosk.py"
    wrapper.write_text(BREAKING_KIOSK)
    raises = tmp_path / "raises"
    raises.write_text("0")
    program = bin_dir / "kiosk"
    program.write_text(
        f'#!/bin/sh\ncd "{ROOT}" && exec "{sys.executable}" "{wrapper}" "{raises}" "$@"\n'
    )
    pauses = tmp_path / "pauses"
    (bin_dir / "sleep").write_text(f'#!/bin/sh\necho "$1" >> "{pauses}"\n')
    for tool in (program, bin_dir / "sleep"):
        tool.chmod(0o755)
    env = {
        **_kiosk_env(tmp_path),
        "HOME": str(tmp_path / "home"),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
    }
    recipe = autostart.install("labwc", autostart.Launch(program, show), env)
    log = tmp_path / "log" / "kiosk.log"
    lock = tmp_path / "data" / "kiosk.lock"
    subprocess.run(["sh", str(recipe)], env=env, check=True, timeout=30)
    started: list[int] = []
    try:
        _wait_for(log, "slides) in '")
        started.append(_parent(int(lock.read_text())))  # the loop, to end it whatever happens
        (show / "show.yaml").write_text("slides: [this is not a show\n")
        raises.write_text("6")
        _wait_for(log, STOPPING)
        _wait_for(log, "slides) in '", count=2)  # started again
        text = log.read_text(errors="replace")
        assert "is invalid; playing the last good show instead" in text.split(STOPPING)[1]
        assert pauses.read_text().split() == ["3"]  # seconds, between the end and the start
        # Stopped cleanly (exit 0, as when staff quit it): the loop ends and starts nothing.
        kiosk = int(lock.read_text())
        assert _parent(kiosk) == started[0]
        os.kill(kiosk, signal.SIGTERM)
        _wait_until_gone(started[0])
    finally:  # whatever failed, nothing of this test runs on
        for pid in [*started, *([int(lock.read_text())] if lock.exists() else [])]:
            if _running(pid):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
    text = log.read_text(errors="replace")
    assert text.count("slides) in '") == 2 and text.count("INFO kiosk: stopped") == 2
    assert pauses.read_text().split() == ["3"]


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command's name: state, parent, ...; [] if gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _parent(pid: int) -> int:
    return int(_stat(pid)[1])


def _running(pid: int) -> bool:
    fields = _stat(pid)
    return bool(fields) and fields[0] != "Z"  # an unreaped zombie has ended too


def _wait_until_gone(pid: int) -> None:
    deadline = time.monotonic() + 20
    while _running(pid):
        assert time.monotonic() < deadline, f"process {pid} did not end"
        time.sleep(0.1)
