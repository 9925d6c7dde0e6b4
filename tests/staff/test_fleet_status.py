"""A kiosk tells its organiser what it plays and what it refused, through its status file."""

from __future__ import annotations

import datetime
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import fleet
from kiosk.content import LoadedShow, load_show
from kiosk.paths import DEFAULT_CONTENT
from kiosk.playback.kept import KioskState
from kiosk.running import RunningShow
from kiosk.source import watcher
from kiosk.staff import fleet_status
from kiosk.staff.fleet_status import FleetStatus
from tests.pieces import running_show

NOW = datetime.datetime(2026, 5, 21, 14, 0, tzinfo=datetime.UTC)
ID = "f" * 32


def _read(folder: Path) -> fleet.KioskStatus:
    [row] = fleet.read_folder(folder)
    assert row.status is not None, row.problem
    return row.status


def _reporting(loaded: LoadedShow, folder: Path) -> tuple[RunningShow, FleetStatus]:
    running = running_show(loaded, language="de", state=KioskState(set(), None))
    status = FleetStatus(
        folder,
        ID,
        "Eingang",
        running.state,
        running.source,
        running.recorder.counts,
        now=lambda: NOW,
    )
    return running, status


def _written(qtbot: QtBot, status: FleetStatus, action: Callable[[], None]) -> None:
    """Does `action` and waits until the status it causes has been written (on the worker)."""
    with qtbot.waitSignal(status.tasks.delivered, timeout=5000):
        action()


def test_the_status_file_follows_what_plays_and_what_was_refused(
    qtbot: QtBot, default_loaded: LoadedShow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fleet_status, "MIN_INTERVAL_S", 0)
    folder = tmp_path / "fleet"
    running, status = _reporting(default_loaded, folder)
    _written(qtbot, status, status.write)
    written = _read(folder)
    assert written.name == "Eingang" and written.kiosk_id == ID
    assert written.playing is not None and written.refused is None
    assert written.playing.title == "Release N:OW – Standardausstellung"
    assert written.playing.fingerprint == default_loaded.fingerprint
    assert written.playing.signed_by is None  # the bundled show is not signed
    assert written.unsigned_allowed and not written.denied  # no trusted key in these pieces

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "show.yaml").write_text("settings: [this is\n  broken", encoding="utf-8")
    # As the watcher reports it.
    _written(qtbot, status, lambda: running.source._on_show_rejected(load_show(broken)))
    refused = _read(folder).refused
    assert refused is not None and refused.folder == str(broken)
    assert refused.reasons and "is never closed" in refused.reasons[0]
    # The organiser reads the same findings in their own language on the laptop.
    assert set(refused.reasons_in) == {"de", "be", "ru"}
    assert "show.yaml:2:9: Fehler: " in refused.reasons_in["de"][0]
    assert "Fehler" in refused.reasons_in["de"][0] and "error" not in refused.reasons_in["de"][0]
    assert "памылка" in refused.reasons_in["be"][0]

    evening = tmp_path / "evening"
    evening.mkdir()
    (evening / "show.yaml").write_text(
        "settings: {languages: [en], default_language: en, "
        "manifesto: 'https://releasenow.org/manifesto/'}\n"
        "slides:\n  - {id: evening, kind: title, headline: Evening programme}\n",
        encoding="utf-8",
    )
    loaded = load_show(evening)
    running.source.switch_to(loaded)  # staff switched folders: it plays at once

    def switched() -> bool:
        playing = _read(folder).playing
        return playing is not None and playing.fingerprint == loaded.fingerprint

    qtbot.waitUntil(switched, timeout=5000)
    assert _read(folder).refused is None
    status.stop()
    running.stop()


def test_changes_in_quick_succession_are_written_once_a_while_not_each(
    qtbot: QtBot, default_loaded: LoadedShow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sync tool's files coming and going every poll must not make the kiosk write its
    card every few seconds: changes within MIN_INTERVAL_S of a write wait for one more."""
    monkeypatch.setattr(fleet_status, "MIN_INTERVAL_S", 0.5)
    folder = tmp_path / "fleet"
    running, status = _reporting(default_loaded, folder)
    writes: list[str] = []
    status.tasks.delivered.connect(writes.append)
    _written(qtbot, status, status.write)
    for _ in range(20):
        running.source.status_changed.emit()
    assert len(writes) == 1  # nothing more yet
    qtbot.waitUntil(lambda: len(writes) == 2, timeout=3000)
    qtbot.wait(700)
    assert len(writes) == 2
    status.stop()
    running.stop()


def test_a_folder_that_cannot_be_written_is_said_once_and_tried_again(
    qtbot: QtBot,
    default_loaded: LoadedShow,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    running, status = _reporting(default_loaded, blocked)
    with caplog.at_level(logging.WARNING):
        _written(qtbot, status, status.write)
        _written(qtbot, status, status.write)
    warnings = [r for r in caplog.records if "cannot write this kiosk" in r.getMessage()]
    assert len(warnings) == 1
    assert not any(r.levelno >= logging.ERROR for r in caplog.records)  # no crash, no error
    blocked.unlink()
    _written(qtbot, status, status.write)
    assert _read(blocked).name == "Eingang"
    status.stop()
    running.stop()


def test_a_kiosk_whose_settings_refuse_every_show_says_so_not_that_unsigned_ones_play(
    qtbot: QtBot, default_loaded: LoadedShow, tmp_path: Path
) -> None:
    from kiosk.content.signing import Trust

    folder = tmp_path / "fleet"
    running, status = _reporting(default_loaded, folder)
    running.source.trust = Trust((), "kiosk.toml cannot be used as it is")
    _written(qtbot, status, status.write)
    written = _read(folder)
    assert written.denied and not written.unsigned_allowed
    [row] = fleet.assess(fleet.read_folder(folder), NOW, "0.1.0")
    assert "denied" in row.flags and "unsigned_allowed" not in row.flags
    status.stop()
    running.stop()


def test_a_sync_under_way_is_reported_while_it_lasts(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watcher, "POLL_MS", 100)
    monkeypatch.setattr(fleet_status, "MIN_INTERVAL_S", 0)
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    loaded = load_show(folder)
    reports = tmp_path / "fleet"
    running, status = _reporting(loaded, reports)
    running.source.watch(loaded)
    (folder / ".syncthing.show.yaml.tmp").write_text("settings:")
    # The folder is made a moment before the file is in it.
    qtbot.waitUntil(
        lambda: bool(list(reports.glob("*.json"))) and _read(reports).waiting_for_sync,
        timeout=5000,
    )
    (folder / ".syncthing.show.yaml.tmp").unlink()
    qtbot.waitUntil(lambda: not _read(reports).waiting_for_sync, timeout=5000)
    status.stop()
    running.stop()


def test_a_kiosk_that_nothing_changes_on_still_says_so_every_heartbeat(
    qtbot: QtBot, default_loaded: LoadedShow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The organiser tells a quiet kiosk from a gone one by its heartbeat; each file is one
    small block on the kiosk's card, and says which kiosk software runs where."""
    import platform

    from kiosk import __version__

    monkeypatch.setattr(fleet, "HEARTBEAT_S", 1)
    folder = tmp_path / "fleet"
    running, status = _reporting(default_loaded, folder)
    running.recorder.counts.add("sessions")
    for _ in range(2):  # nobody calls write: the heartbeat does, again and again
        with qtbot.waitSignal(status.tasks.delivered, timeout=5000):
            pass
        written = _read(folder)
        assert written.version == __version__
        assert platform.machine() in written.platform and "Python" in written.platform
        assert written.today and sum(written.today.values()) >= 1
        [path] = folder.iterdir()
        assert path.stat().st_size <= 4096  # one block of an SD card's file system
        path.unlink()
    status.stop()


def test_a_finding_with_a_line_break_leaves_the_kiosk_s_file_readable(
    qtbot: QtBot, default_loaded: LoadedShow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The organiser's reader refuses control characters in any text; a finding that quotes
    one (a file name with a line break) is written on one line instead."""
    from kiosk.content.diagnostics import Diagnostic, Report, Severity
    from kiosk.i18n.said import said

    monkeypatch.setattr(fleet_status, "MIN_INTERVAL_S", 0)
    folder = tmp_path / "fleet"
    running, status = _reporting(default_loaded, folder)
    report = Report("show")
    report.add(
        Diagnostic("show/a\nb.png", None, None, Severity.ERROR, said("{x}\tbroken", x="a\nb"))
    )
    refused = LoadedShow(tmp_path / "show", None, report)
    _written(qtbot, status, lambda: running.source._on_show_rejected(refused))
    written = _read(folder)
    assert written.refused is not None
    assert written.refused.reasons == ["show/a b.png: error: a b broken"]
    assert written.refused.reasons_in["de"][0].endswith("a b broken")
    status.stop()
