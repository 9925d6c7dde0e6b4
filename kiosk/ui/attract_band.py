"""The attract band at the foot of the stage: the campaign's name, where the loop stands, and an
invitation to touch (or a pause sign while staff hold the show)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QStaticText

from kiosk.ui.style import Role, Style


class AttractBand:
    """Paints the band; its words are laid out once per size and language, not once per frame."""

    def __init__(self) -> None:
        self._brand = QStaticText("Release N:OW")
        self._brand.setTextFormat(Qt.TextFormat.PlainText)
        self._brand_px = 0
        self._hint = QStaticText()
        self._hint.setTextFormat(Qt.TextFormat.PlainText)
        # The words and type size the invitation was last laid out for.
        self.hint_key: tuple[str, int] | None = ("", 0)
        self.hint_text = ""
        # The widest of the invitations the loop shows in turn, for the words and type size.
        self._widest: tuple[tuple[tuple[str, ...], int], float] | None = None

    def paint(
        self,
        painter: QPainter,
        style: Style,
        hint: str,
        count: int,
        current: int,
        paused: bool,
        hints: tuple[str, ...] = (),
    ) -> None:
        """One row on a wide screen; on a tall one the dots get a row of their own; `hint` is
        the invitation's words, `hints` all those the loop shows in turn. The dots stand
        centred on the screen whichever invitation is shown, and when paused."""
        band_top = style.height - style.band_height
        if style.landscape:
            text_y = dots_y = band_top + style.band_height / 2
        else:
            dots_y = band_top + style.band_height / 3
            text_y = band_top + 2 * style.band_height / 3
        brand_right = self._paint_brand(painter, style, text_y)
        if paused:
            hint_x = _paint_pause_sign(painter, style, text_y)
        else:
            hint_x = self._paint_hint(painter, style, text_y, hint)
        if style.landscape:
            hint_room = max(style.width - style.margin_x - hint_x, self._widest_hint(style, hints))
            middle = style.width / 2
            half = max(
                0.0,
                min(
                    middle - (brand_right + 3 * style.unit),
                    style.width - style.margin_x - hint_room - 3 * style.unit - middle,
                ),
            )
            left, right = middle - half, middle + half
        else:
            left, right = style.margin_x, style.width - style.margin_x
        _paint_dots(painter, style, (left, right, dots_y), count, current)

    def _paint_brand(self, painter: QPainter, style: Style, text_y: float) -> float:
        """The campaign's colours as a chip, and its name; returns where the name ends."""
        palette, unit = style.palette, style.unit
        chip = QRectF(style.margin_x, text_y - 1.1 * unit, 1.5 * unit, 2.2 * unit)
        third = chip.height() / 3
        painter.fillRect(QRectF(chip.x(), chip.y(), chip.width(), third), palette.text)
        painter.fillRect(QRectF(chip.x(), chip.y() + third, chip.width(), third), palette.accent)
        painter.fillRect(QRectF(chip.x(), chip.y() + 2 * third, chip.width(), third), palette.text)
        font = style.font(Role.BRAND)
        if self._brand_px != font.pixelSize():
            self._brand.prepare(font=font)
            self._brand_px = font.pixelSize()
        painter.setFont(font)
        painter.setPen(palette.text)
        brand_x = chip.right() + 1.2 * unit
        brand_size = self._brand.size()
        painter.drawStaticText(QPointF(brand_x, text_y - brand_size.height() / 2), self._brand)
        return brand_x + brand_size.width()

    def _widest_hint(self, style: Style, hints: tuple[str, ...]) -> float:
        font = style.font(Role.BUTTON)
        key = (hints, font.pixelSize())
        if self._widest is None or self._widest[0] != key:
            metrics = QFontMetricsF(font)
            self._widest = key, max((metrics.horizontalAdvance(h) for h in hints), default=0.0)
        return self._widest[1]

    def _paint_hint(self, painter: QPainter, style: Style, text_y: float, hint: str) -> float:
        """'Touch to explore' at the band's right end; returns where it starts."""
        hint_font = style.font(Role.BUTTON)
        if self.hint_key != (hint, hint_font.pixelSize()):
            self._hint.setText(hint)
            self._hint.prepare(font=hint_font)
            self.hint_key = (hint, hint_font.pixelSize())
            self.hint_text = hint
        painter.setFont(hint_font)
        painter.setPen(style.palette.muted)
        hint_size = self._hint.size()
        hint_x = style.width - style.margin_x - hint_size.width()
        painter.drawStaticText(QPointF(hint_x, text_y - hint_size.height() / 2), self._hint)
        return hint_x


def _paint_pause_sign(painter: QPainter, style: Style, text_y: float) -> float:
    """Held by staff: a small pause sign where the invitation to touch would be; returns where
    it starts."""
    side = 1.6 * style.unit
    left = style.width - style.margin_x - side
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.palette.muted)
    for x in (left, left + side * 0.62):
        painter.drawRect(QRectF(x, text_y - side / 2, side * 0.38, side))
    return left


def _paint_dots(
    painter: QPainter, style: Style, row: tuple[float, float, float], count: int, current: int
) -> None:
    """A dot a slide, centred between left and right at y, the current one larger."""
    left, right, y = row
    unit, palette = style.unit, style.palette
    spacing = min(2.2 * unit, (right - left) / max(1, count))
    radius = min(0.55 * unit, spacing * 0.3)
    start = (left + right) / 2 - spacing * (count - 1) / 2
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for dot in range(count):
        painter.setBrush(palette.accent if dot == current else palette.bar)
        r = radius * (1.35 if dot == current else 1.0)
        painter.drawEllipse(QPointF(start + dot * spacing, y), r, r)
