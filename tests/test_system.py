"""Before Qt loads: a missing display or library gets a message saying what to do."""

from __future__ import annotations

import pytest

from kiosk import system


def test_no_display_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    problem = system.display_problem()
    assert problem is not None and problem.startswith("No display")


def test_missing_libraries_name_their_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(
        system, "missing_libraries", lambda platform="xcb": ["libxcb-cursor.so.0", "libEGL.so.1"]
    )
    assert system.display_problem() == (
        "Qt cannot open a window: these system libraries are missing: libxcb-cursor.so.0, "
        "libEGL.so.1.\nOn Debian or Ubuntu install them with:\n  sudo apt-get install libegl1 "
        "libxcb-cursor0"
    )


def test_offscreen_needs_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("DISPLAY", raising=False)
    assert system.display_problem() is None


def test_this_machine_has_what_qt_needs() -> None:
    # CI installs the packages listed in .ci/packages.txt; nothing may be missing after that.
    assert system.missing_libraries("xcb") == []
