"""Call-to-action slide: the appeal, and a QR code with its address to take away."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from kiosk import i18n
from kiosk.content.model import CallToActionSlide
from kiosk.ui.qr import QUIET_ZONE, draw_qr, snapped_side
from kiosk.ui.slides.base import Column, Composition, Placed, SlideView, text_item
from kiosk.ui.style import Role
from kiosk.ui.text import TextBlock


@dataclass(frozen=True)
class _CodeCard:
    """The card's measures: the code, the padding around it, the address under it."""

    qr_side: float
    pad: float
    caption: TextBlock
    width: float
    height: float
    note: TextBlock | None = None  # the page's language, when not the visitor's


class CallToActionView(SlideView):
    kind = "call_to_action"
    carries_code = True
    slide: CallToActionSlide

    def compose(self, scale: float) -> Composition:
        style, slide, ctx = self.style, self.slide, self.ctx
        composition = Composition()
        available = self.footer(composition, scale) - style.margin_y
        default = ctx.show.settings.default_language
        self.url = slide.link(ctx.language, default)
        note = i18n.page_language_note(slide.link_language(ctx.language, default), ctx.language)
        card = self._measure_card(slide.short_link(ctx.language, default), note, available)
        column = self._column(card.width, scale)
        top, box, composition.overflow = self._arrange(column.height, card, available)
        composition.items += column.place(top)
        invitation = self._point_at_code(composition)
        composition.items += self._card_items(box, card)
        self.quiet_zone = QUIET_ZONE
        # The invitation and the code are tappable: both open the large code to scan.
        if not style.on_paper:
            self.actions = self._tap_targets(box, invitation)
        return composition

    def _measure_card(self, short: str, note: str, available: float) -> _CodeCard:
        style = self.style
        # The code keeps its size whatever the text does: scanning matters more than type.
        wanted = max(style.qr_side(), 0.3 * min(style.width, style.height))
        if style.on_paper:
            wanted = style.qr_side()  # a printed size: the box grows to hold it
        elif style.landscape:
            wanted = min(wanted, 0.36 * style.width, available * 0.78)
        else:
            wanted = min(max(wanted, 0.42 * style.width), available * 0.45)
        qr_side = snapped_side(self.url, wanted)
        pad = style.px(2.0)
        # The address stays on one line under the code: the card widens, or the type shrinks.
        caption_font = style.font(Role.CAPTION)
        natural = TextBlock(short, caption_font, 10 * style.width).natural_width
        inner = min(max(qr_side, natural), qr_side * 1.5)
        if natural > inner:
            caption_font.setPixelSize(max(8, int(caption_font.pixelSize() * inner / natural)))
        caption = TextBlock(short, caption_font, inner, Qt.AlignmentFlag.AlignHCenter)
        height = qr_side + pad + caption.height + pad * 1.4
        page_note = None
        if note:
            # The page is not in the visitor's language: the card says which it is.
            page_note = TextBlock(
                note,
                style.font(Role.SMALL),
                inner,
                Qt.AlignmentFlag.AlignHCenter,
                language=self.ctx.language,
            )
            height += page_note.height + pad * 0.3
        return _CodeCard(qr_side, pad, caption, inner + 2 * pad, height, page_note)

    def _gutter(self) -> float:
        """The space between the words and the card: beside it in landscape, above in portrait."""
        return self.style.px(7) if self.style.landscape else self.style.px(5)

    def _column(self, card_width: float, scale: float) -> Column:
        """The appeal: headline, rule, text and the invitation to scan."""
        style, palette, slide, ctx = self.style, self.style.palette, self.slide, self.ctx
        text_width = style.width - 2 * style.margin_x
        if style.landscape:
            text_width = text_width - card_width - self._gutter()
        column = Column(style, style.margin_x, text_width, scale, ctx.language, self.hyphens)
        column.text("headline", ctx.t(slide.headline), Role.HEADLINE, palette.text)
        column.gap(3.0)
        column.rule(10, 0.7, palette.accent)
        if slide.text is not None:
            column.gap(3.0)
            column.text("text", ctx.t(slide.text), Role.BODY, palette.text)
        column.gap(3.4)
        column.text("scan", i18n.text("scan", ctx.language), Role.KICKER, palette.accent)
        return column

    def _arrange(
        self, column_height: float, card: _CodeCard, available: float
    ) -> tuple[float, QRectF, bool]:
        """Where the words start, the card's box, and whether they overflow: side by side in
        landscape, the card under the words in portrait."""
        style = self.style
        if style.landscape:
            top = style.margin_y + max(0.0, (available - column_height) * 0.45)
            box = QRectF(
                style.width - style.margin_x - card.width,
                style.margin_y + max(0.0, (available - card.height) * 0.45),
                card.width,
                card.height,
            )
            return top, box, column_height > available or card.height > available
        total = column_height + self._gutter() + card.height
        top = style.margin_y + max(0.0, (available - total) * 0.4)
        box = QRectF(
            style.margin_x + (style.width - 2 * style.margin_x - card.width) / 2,
            top + column_height + self._gutter(),
            card.width,
            card.height,
        )
        return top, box, total > available

    def _point_at_code(self, composition: Composition) -> QRectF | None:
        """An arrow after the invitation to scan; returns where the words and arrow stand."""
        scan = next((item for item in composition.items if item.role == "scan"), None)
        if scan is None or scan.ink is None:
            return None
        arrow = self._arrow(scan.ink, self.style.landscape)
        composition.items.append(arrow)
        return scan.ink.united(arrow.box)

    def _card_items(self, box: QRectF, card: _CodeCard) -> list[Placed]:
        """The card with its code, and the address under the code."""
        palette = self.style.palette
        self.qr_rect = QRectF(
            box.x() + (card.width - card.qr_side) / 2,
            box.y() + card.pad,
            card.qr_side,
            card.qr_side,
        )
        qr_rect, url, radius = self.qr_rect, self.url, self.style.px(1.2)

        def paint_card(painter: QPainter) -> None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.paper)
            painter.drawRoundedRect(box, radius, radius)
            draw_qr(painter, url, qr_rect, palette.ink, palette.paper)

        caption_y = qr_rect.bottom() + card.pad * 0.6
        items = [
            Placed("qr", box, paint_card),
            text_item("short_url", card.caption, box.x() + card.pad, caption_y, palette.ink),
        ]
        if card.note is not None:
            note_y = caption_y + card.caption.height + card.pad * 0.3
            items.append(text_item("page_note", card.note, box.x() + card.pad, note_y, palette.ink))
        return items

    def _tap_targets(self, box: QRectF, invitation: QRectF | None) -> list[tuple[QRectF, str]]:
        """The card, and the words with their arrow, a finger high at least."""
        targets = [box]
        if invitation is not None:
            grow = max(0.0, (self.style.control_side - invitation.height()) / 2)
            targets.append(invitation.adjusted(-grow, -grow, grow, grow))
        return [(target, "link") for target in targets]

    def _arrow(self, ink: QRectF, sideways: bool) -> Placed:
        """An arrow towards the code (right of it in landscape, below in portrait), drawn as a
        shape in the accent colour: no font need carry an arrow glyph."""
        size = ink.height() * 0.62
        gap = ink.height() * 0.35
        box = QRectF(ink.right() + gap, ink.center().y() - size / 2, size, size)
        colour = self.style.palette.accent

        def paint(painter: QPainter) -> None:
            pen = QPen(colour, size * 0.14)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.save()
            painter.setPen(pen)
            painter.translate(box.center())
            if not sideways:
                painter.rotate(90)
            half = size / 2
            painter.drawLine(QPointF(-half, 0), QPointF(half, 0))
            painter.drawPolyline(
                [QPointF(0, -half * 0.8), QPointF(half, 0), QPointF(0, half * 0.8)]
            )
            painter.restore()

        return Placed("arrow", box, paint, ink=box)
