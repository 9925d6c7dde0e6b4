"""Guards against a Qt binding whose reference counting would crash a kiosk left running."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.app import binding_leaks_none


def test_installed_binding_keeps_none_alive(qtbot: QtBot) -> None:
    assert not binding_leaks_none()
