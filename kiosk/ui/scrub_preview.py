"""A small picture of the slide a finger sliding along the progress strip points at."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.ui.style import Style

PREVIEW_SHARE = 0.2  # the preview's width and height against the screen's
PREVIEW_GAP_UNITS = 1.5  # between the preview and the control row below it


class ScrubPreview(QWidget):
    """Stands above the progress strip while a finger slides along it, over the dot it points
    at, kept inside the screen. Each slide's picture is drawn once per look (language,
    contrast, text size, screen) and kept while the visitor stays; moving only places it."""

    def __init__(self, draw: Callable[[int, QSize], QImage], parent: QWidget | None = None):
        """`draw`: a slide's settled picture at a size (the stage's `preview_image`)."""
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        self._draw = draw
        self._pictures: dict[tuple[int, int, int], QImage] = {}
        self._look: Style | None = None  # the style the pictures were drawn for
        self.index: int | None = None  # the slide shown

    def point_at(self, index: int, above: QPointF, style: Style) -> None:
        """Shows slide `index`, centred over `above` (the dot, at the control row's top edge,
        in the parent's coordinates) and clear of it."""
        if style is not self._look:
            self.forget()
            self._look = style
        size = QSize(round(style.width * PREVIEW_SHARE), round(style.height * PREVIEW_SHARE))
        key = (index, size.width(), size.height())
        if key not in self._pictures:
            self._pictures[key] = self._draw(index, size)
        self.index = index
        edge = self._edge()
        width, height = size.width() + 2 * edge, size.height() + 2 * edge
        parent = self.parentWidget()
        right = parent.width() if parent is not None else style.width
        margin = min(style.margin_x, max(0.0, (right - width) / 2))
        x = min(max(above.x() - width / 2, margin), right - margin - width)
        y = above.y() - style.unit * PREVIEW_GAP_UNITS - height
        self.setGeometry(round(x), round(max(0.0, y)), width, height)
        self.update()
        self.show()
        self.raise_()

    def hide_preview(self) -> None:
        self.index = None
        self.hide()

    def forget(self) -> None:
        """Lets the pictures go (the visitor has left, or the look has changed)."""
        self._pictures.clear()
        self._look = None

    def _edge(self) -> int:
        return max(2, round(self._look.px(0.2))) if self._look is not None else 2

    def paintEvent(self, event: QPaintEvent) -> None:
        style = self._look
        if style is None or self.index is None:
            return
        edge = self._edge()
        size = QSize(self.width() - 2 * edge, self.height() - 2 * edge)
        picture = self._pictures.get((self.index, size.width(), size.height()))
        if picture is None:
            return
        painter = QPainter(self)
        painter.drawImage(QPointF(edge, edge), picture)
        # An edge as the controls have, reading against the slide behind (WCAG 1.4.11).
        pen = QPen(style.palette.muted, edge)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.rect()).adjusted(edge / 2, edge / 2, -edge / 2, -edge / 2))
        painter.end()
