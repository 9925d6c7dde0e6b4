"""QR codes drawn as crisp vector modules, dark on light, with the 4-module quiet zone."""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPainterPath

from kiosk.content.qr_codes import matrix as qr_matrix

QUIET_ZONE = 4


@lru_cache(maxsize=32)
def _module_path(data: str) -> QPainterPath:
    """One path for all dark modules, a unit square each, merged along rows."""
    path = QPainterPath()
    for y, row in enumerate(qr_matrix(data)):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                path.addRect(QRectF(start, y, x - start, 1))
            else:
                x += 1
    return path.simplified()


def snapped_side(data: str, side: float) -> float:
    """The largest side not above `side` at which every module is a whole number of pixels."""
    modules = len(qr_matrix(data)) + 2 * QUIET_ZONE
    return max(1, math.floor(side / modules)) * modules


def draw_qr(painter: QPainter, data: str, rect: QRectF, dark: QColor, light: QColor) -> None:
    """Draws the code with its quiet zone inside rect (a square whose side snaps to modules)."""
    modules = len(qr_matrix(data)) + 2 * QUIET_ZONE
    module = max(1, math.floor(min(rect.width(), rect.height()) / modules))
    side = module * modules
    left = round(rect.x() + (rect.width() - side) / 2)
    top = round(rect.y() + (rect.height() - side) / 2)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(QRectF(left, top, side, side), light)
    painter.translate(left + QUIET_ZONE * module, top + QUIET_ZONE * module)
    painter.scale(module, module)
    painter.fillPath(_module_path(data), dark)
    painter.restore()
