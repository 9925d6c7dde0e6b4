"""The watcher and a checking process that could not run: the change is checked again."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content import check_process
from kiosk.content.loaded import LoadedShow
from kiosk.paths import DEFAULT_CONTENT
from kiosk.source import watcher as watcher_module
from kiosk.source.watcher import ContentWatcher
from tests.clocks import CHECK_MS


def test_a_change_whose_check_could_not_run_is_checked_again(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    real = check_process.load_show
    tries: list[str] = []

    def no_memory_the_first_time(*args: Any, **kwargs: Any) -> LoadedShow:
        tries.append("try")
        if len(tries) == 1:
            raise check_process.CheckFailedError("the show could not be checked: no memory")
        return real(*args, **kwargs)

    monkeypatch.setattr(check_process, "load_show", no_memory_the_first_time)
    monkeypatch.setattr(watcher_module, "CHECK_RETRY_S", 0.0)
    watcher = ContentWatcher(folder, ())  # the show on screen came from another version
    ready: list[LoadedShow] = []
    watcher.show_ready.connect(ready.append)
    watcher.start()
    try:
        qtbot.waitUntil(lambda: bool(ready), timeout=CHECK_MS)
    finally:
        watcher.stop()
    assert len(tries) == 2
    assert ready[0].report.ok
