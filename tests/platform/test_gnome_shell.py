"""Away from GNOME Shell the overview keeper stays out of the way."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.platform.gnome_shell import GnomeOverview


def test_without_gnome_shell_nothing_is_asked_and_nothing_fails(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    overview = GnomeOverview()
    monkeypatch.setattr(overview, "shell_present", lambda: False)
    assert overview.keep_closed() is False
    assert not overview.watching and overview.closed_count == 0
    overview.stop()


def test_a_failing_bus_never_stops_the_show(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    overview = GnomeOverview()

    def broken() -> bool:
        raise RuntimeError("the bus went away")

    monkeypatch.setattr(overview, "shell_present", broken)
    assert overview.keep_closed() is False
    assert "cannot keep GNOME Shell's overview closed; the show plays on" in caplog.text
