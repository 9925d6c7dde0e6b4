"""The manifesto's code beside every slide: a call to action always in reach, in the language
on screen, large enough for a phone at arm's length.

Slides keep clear of it (`Style.corner_code`); the stage draws it over them, so it stays in
place while slides change and fades only where a slide carries a code of its own.
"""

from __future__ import annotations

import dataclasses
import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from kiosk import i18n
from kiosk.content.model import Show
from kiosk.ui.qr import QUIET_ZONE, draw_qr, qr_matrix
from kiosk.ui.style import Role, Style
from kiosk.ui.text import TextBlock


def code_side(style: Style, url: str) -> float:
    """The code's side with its quiet zone: the wanted size rounded up to whole pixels a
    module, so it never comes out smaller than wanted."""
    modules = len(qr_matrix(url)) + 2 * QUIET_ZONE
    return max(1, math.ceil(style.corner_code_wanted() / modules)) * modules


def with_corner_code(style: Style, show: Show, language: str) -> Style:
    """The style of slides on a screen that shows the manifesto's code beside them."""
    if style.on_paper:
        return style
    return dataclasses.replace(
        style, corner_code=code_side(style, show.settings.manifesto_url(language))
    )


class CornerCode:
    """Draws the code with its invitation; laid out and drawn once per size, language and
    colours, then only copied to the screen."""

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._image: QImage | None = None
        self._origin = QPointF()
        self.url = ""
        self.code_rect = QRectF()  # where the code is, on screen
        self.caption = ""
        self.note = ""

    def tap_area(self) -> QRectF:
        """The code and its words: a tap there opens the large code."""
        return (
            QRectF() if self._image is None else QRectF(self._origin, self._image.size().toSizeF())
        )

    def paint(
        self, painter: QPainter, style: Style, show: Show, language: str, opacity: float
    ) -> None:
        if not style.corner_code or opacity <= 0.0:
            return
        self._prepare(style, show, language)
        assert self._image is not None
        painter.save()
        painter.setOpacity(opacity)
        painter.drawImage(self._origin, self._image)
        painter.restore()

    def _prepare(self, style: Style, show: Show, language: str) -> None:
        url = show.settings.manifesto_url(language)
        note = i18n.page_language_note(show.settings.manifesto_language(language), language)
        palette = style.palette
        key = (
            url,
            note,
            language,
            style.width,
            style.height,
            style.corner_code,
            style.text_scale,
            palette.text.rgba(),
            palette.muted.rgba(),
            palette.paper.rgba(),
            style.families,
        )
        if key == self._key:
            return
        self._key = key
        self.url, self.note = url, note
        self.caption = i18n.text("corner_code", language)
        side = style.corner_code
        gap = style.px(1.5)
        right = style.width - style.margin_x
        code_bottom = style.height - style.band_height - 1.5 * style.unit
        code = QRectF(right - side, code_bottom - side, side, side)
        # Words above the code on a wide screen (as wide as the code and half the gap beside
        # it), to its left on a tall one; right-aligned with it either way, whole words only.
        align = Qt.AlignmentFlag.AlignRight
        if style.landscape:
            width = side + style.corner_gap / 2
        else:
            width = code.left() - 2 * gap - style.margin_x
        lines = [(self.caption, Role.BUTTON, palette.text)]
        if note:
            lines.append((note, Role.SMALL, palette.muted))
        words = [
            (
                TextBlock(text, style.font(role), width, align, language=language, hyphenate=False),
                colour,
            )
            for text, role, colour in lines
        ]
        words_height = sum(block.height for block, _ in words) + gap * (len(words) - 1)
        if style.landscape:
            box = QRectF(
                right - width, code.top() - gap - words_height, width, words_height + gap + side
            )
            y = box.top()
            x = box.left()
        else:
            box = QRectF(style.margin_x, code.top(), right - style.margin_x, side)
            y = code.center().y() - words_height / 2
            x = style.margin_x
        image = QImage(
            round(box.width()), round(box.height()), QImage.Format.Format_ARGB32_Premultiplied
        )
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        painter.translate(-box.topLeft())
        for block, colour in words:
            block.draw(painter, x, y, colour)
            y += block.height + gap
        draw_qr(painter, url, code, palette.ink, palette.paper)
        painter.end()
        self._image = image
        self._origin = box.topLeft()
        self.code_rect = code
