"""A kiosk tells its organiser what it plays and what it refused, through its status file."""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import fleet
from kiosk.content import LoadedShow, load_show
from kiosk.playback.kept import KioskState
from kiosk.staff.fleet_status import FleetStatus
from tests.pieces import running_show

NOW = datetime.datetime(2026, 5, 21, 14, 0, tzinfo=datetime.UTC)


def _read(folder: Path) -> fleet.KioskStatus:
    [row] = fleet.read_folder(folder)
    assert row.status is not None, row.problem
    return row.status


def test_the_status_file_follows_what_plays_and_what_was_refused(
    qtbot: QtBot, default_loaded: LoadedShow, tmp_path: Path
) -> None:
    running = running_show(default_loaded, language="de", state=KioskState(set(), None))
    folder = tmp_path / "fleet"
    status = FleetStatus(
        folder,
        "f" * 32,
        "Eingang",
        running.state,
        running.source,
        running.recorder.counts,
        now=lambda: NOW,
    )
    status.write()
    written = _read(folder)
    assert written.name == "Eingang" and written.kiosk_id == "f" * 32
    assert written.playing is not None and written.refused is None
    assert written.playing.title == "Release N:OW – Standardausstellung"
    assert written.playing.fingerprint == default_loaded.fingerprint
    assert written.playing.signed_by is None  # the bundled show is not signed
    assert written.unsigned_allowed  # no trusted key in these pieces

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "show.yaml").write_text("settings: [this is\n  broken", encoding="utf-8")
    running.source._on_show_rejected(load_show(broken))  # as the watcher reports it
    refused = _read(folder).refused
    assert refused is not None and refused.folder == str(broken)
    assert refused.reasons and "is never closed" in refused.reasons[0]

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
    after = _read(folder)
    assert after.refused is None
    assert after.playing is not None and after.playing.fingerprint == loaded.fingerprint
    running.stop()


def test_a_folder_that_cannot_be_written_is_said_once_and_tried_again(
    qtbot: QtBot,
    default_loaded: LoadedShow,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    running = running_show(default_loaded, language="de", state=KioskState(set(), None))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    status = FleetStatus(
        blocked, "f" * 32, "Eingang", running.state, running.source, running.recorder.counts
    )
    with caplog.at_level(logging.WARNING):
        status.write()
        status.write()
    warnings = [r for r in caplog.records if "cannot write this kiosk" in r.getMessage()]
    assert len(warnings) == 1
    blocked.unlink()
    status.write()
    assert _read(blocked).name == "Eingang"
    running.stop()


def test_a_sync_under_way_is_reported_while_it_lasts(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from kiosk.paths import DEFAULT_CONTENT
    from kiosk.source import watcher

    monkeypatch.setattr(watcher, "POLL_MS", 100)
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    loaded = load_show(folder)
    running = running_show(loaded, language="de", state=KioskState(set(), None))
    reports = tmp_path / "fleet"
    status = FleetStatus(
        reports, "f" * 32, "Eingang", running.state, running.source, running.recorder.counts
    )
    running.source.watch(loaded)
    (folder / ".syncthing.show.yaml.tmp").write_text("settings:")
    qtbot.waitUntil(lambda: reports.exists() and _read(reports).waiting_for_sync, timeout=5000)
    (folder / ".syncthing.show.yaml.tmp").unlink()
    qtbot.waitUntil(lambda: not _read(reports).waiting_for_sync, timeout=5000)
    status.stop()
    running.stop()
