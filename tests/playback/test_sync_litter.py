"""What sync tools and operating systems leave in a folder never blocks a signed show, and is
named to staff; a sync transfer that stopped half-way holds the kiosk back only for a while."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content.signing import sign_folder
from kiosk.content.store import ShowStore
from kiosk.running import RunningShow
from kiosk.source import watcher
from tests.clocks import CHECK_MS
from tests.pieces import running_show
from tests.playback.test_signed_shows import KEY, _edited, _watching


@pytest.fixture
def kiosk(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[RunningShow, Path, list[str]]]:
    monkeypatch.setattr(watcher, "POLL_MS", 100)
    monkeypatch.setattr(watcher, "STALLED_ARRIVAL_S", 1.0)
    controller, folder, said = _watching(tmp_path / "show")
    yield controller, folder, said
    controller.source.stop_watching()


def test_litter_and_conflict_copies_do_not_block_a_signed_show(tmp_path: Path) -> None:
    import shutil

    from tests.playback.test_signed_shows import DEFAULT_CONTENT

    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    sign_folder(folder, KEY, "version 1; signed")
    (folder / "Thumbs.db").write_bytes(b"\0" * 64)
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\n")
    (folder / "show.sync-conflict-20261129-101500-ABCDEFG.yaml").write_text("slides: []\n")
    loaded = ShowStore(tmp_path / "shows").take(folder, [KEY.public()])
    assert loaded.show is not None, loaded.report.format_text()
    controller = running_show(loaded.show, folder, "de", files=loaded.files, loaded=loaded)
    [line] = [s for s in controller.status.lines("en") if s.startswith("Not part of the show")]
    assert "Thumbs.db (Windows’ thumbnail cache)" in line
    assert "desktop.ini (Windows’ folder settings)" in line
    assert (
        "show.sync-conflict-20261129-101500-ABCDEFG.yaml (a sync tool’s conflict copy: "
        "the folder was edited in two places)"
    ) in line
    # Nothing passed over was copied: only the show is drawn from.
    assert not (loaded.files / "Thumbs.db").exists()


def test_a_stalled_sync_transfer_holds_the_kiosk_back_only_for_a_while(
    kiosk: tuple[RunningShow, Path, list[str]], qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    controller, folder, said = kiosk
    (folder / ".syncthing.big-video.mp4.tmp").write_bytes(b"\0" * 1024)  # stopped half-way
    (folder / "show.yaml").write_text(_edited(folder, "Neue Ausstellung"), encoding="utf-8")
    sign_folder(folder, KEY, "version 2; signed")
    qtbot.waitUntil(lambda: bool(said), timeout=CHECK_MS)
    assert said == ["ready: Neue Ausstellung"]
    assert "a sync tool's temporary file" in caplog.text
    assert any("has stood still for 10 minutes" in line for line in controller.status.lines("en"))


def test_a_show_kept_already_still_names_what_its_folder_holds_besides(tmp_path: Path) -> None:
    """The second read of a show already kept checks the kept copy, which has no conflict
    copy in it; the folder has, and staff and the organiser must still hear of it."""
    import shutil

    from tests.playback.test_signed_shows import DEFAULT_CONTENT

    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    sign_folder(folder, KEY, "version 1; signed")
    store = ShowStore(tmp_path / "shows")
    store.accept(store.take(folder, [KEY.public()]))
    conflict = "show.sync-conflict-20261130-120000-ABCDEFG.yaml"
    (folder / conflict).write_text("settings: {}\n")
    again = store.take(folder, [KEY.public()])
    assert again.show is not None
    assert (conflict, "conflict") in again.ignored


def test_a_conflict_copy_whose_name_holds_a_control_character_is_refused(tmp_path: Path) -> None:
    """Passed over, its name would reach staff and the organiser's terminal as it is."""
    from kiosk.content.snapshot import collect

    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "show.yaml").write_text("settings: {}\n")
    name = "show.sync-conflict-\x1b[2J.yaml"
    (folder / name).write_text("x")
    found = collect(folder)
    assert [relative for relative, _ in found.problems] == [name]
    assert found.ignored == []
