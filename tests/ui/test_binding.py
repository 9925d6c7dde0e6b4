"""Guards against a Qt binding whose reference counting would crash a kiosk left running."""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from kiosk.app import binding_leaks_none, leaks_none


def _drop_none() -> None:
    """What the faulty binding does on every void call: one reference to None too few."""
    ctypes.pythonapi.Py_DecRef(ctypes.py_object(None))


def _restore_none(times: int) -> None:
    for _ in range(times):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))


def test_a_call_that_drops_none_is_caught_where_it_would_crash() -> None:
    if sys.version_info >= (3, 12):
        # None is immortal (PEP 683): its count starts near 2**32 and a dropped reference
        # cannot free it, so the guard stands down. A Python without immortal objects keeps
        # None's count in the thousands.
        assert sys.getrefcount(None) > 2**30
        assert not binding_leaks_none()
        return
    try:
        found = leaks_none(_drop_none, times=200)
    finally:
        _restore_none(200)
    assert found


def test_installed_binding_keeps_none_alive(qtbot: QtBot) -> None:
    font = QFont()
    assert not leaks_none(lambda: font.setPixelSize(12))
    assert not binding_leaks_none()
