"""Quarter turns: how a picture laid out upright lies on a panel turned by 90, 180 or 270
degrees clockwise. Used by the turned panel's view and by the stage, which keeps its slides
drawn the way the panel shows them (a turned copy is a plain copy; drawing through a rotation
costs a full-screen frame ten times as much)."""

from __future__ import annotations

from PySide6.QtGui import QTransform


def rotation_transform(degrees: int, width: int, height: int) -> QTransform:
    """Maps upright coordinates onto a panel of width x height, turned clockwise."""
    transform = QTransform()
    if degrees == 90:
        transform.translate(width, 0)
    elif degrees == 180:
        transform.translate(width, height)
    elif degrees == 270:
        transform.translate(0, height)
    transform.rotate(degrees)
    return transform


def turned_size(degrees: int, width: int, height: int) -> tuple[int, int]:
    """The size of a width x height picture turned by `degrees`."""
    return (height, width) if degrees in (90, 270) else (width, height)
