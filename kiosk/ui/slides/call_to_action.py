"""Call-to-action slide: the appeal, and a QR code with its address to take away."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from kiosk import i18n
from kiosk.content.model import CallToActionSlide
from kiosk.ui.qr import QUIET_ZONE, draw_qr, snapped_side
from kiosk.ui.slides.base import Column, Composition, Placed, SlideView, text_item
from kiosk.ui.style import Role
from kiosk.ui.text import TextBlock


class CallToActionView(SlideView):
    kind = "call_to_action"
    slide: CallToActionSlide

    def compose(self, scale: float) -> Composition:
        style, palette, slide, ctx = self.style, self.style.palette, self.slide, self.ctx
        composition = Composition()
        bottom = self.footer(composition, scale)
        available = bottom - style.margin_y
        full_width = style.width - 2 * style.margin_x
        default = ctx.show.settings.default_language
        self.url = slide.link(ctx.language, default)
        short = slide.short_link(ctx.language, default)

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
        card_w = inner + 2 * pad
        card_h = qr_side + pad + caption.height + pad * 1.4

        if style.landscape:
            gutter = style.px(7)
            text_width = full_width - card_w - gutter
        else:
            gutter = style.px(5)
            text_width = full_width
        column = Column(style, style.margin_x, text_width, scale, self.ctx.language, self.hyphens)
        column.text("headline", ctx.t(slide.headline), Role.HEADLINE, palette.text)
        column.gap(3.0)
        column.rule(10, 0.7, palette.accent)
        if slide.text is not None:
            column.gap(3.0)
            column.text("text", ctx.t(slide.text), Role.BODY, palette.text)
        column.gap(3.4)
        column.text("scan", i18n.text("scan", ctx.language), Role.KICKER, palette.accent)

        if style.landscape:
            top = style.margin_y + max(0.0, (available - column.height) * 0.45)
            card = QRectF(
                style.width - style.margin_x - card_w,
                style.margin_y + max(0.0, (available - card_h) * 0.45),
                card_w,
                card_h,
            )
            composition.overflow = column.height > available or card_h > available
        else:
            total = column.height + gutter + card_h
            top = style.margin_y + max(0.0, (available - total) * 0.4)
            card = QRectF(
                style.margin_x + (full_width - card_w) / 2,
                top + column.height + gutter,
                card_w,
                card_h,
            )
            composition.overflow = total > available
        composition.items += column.place(top)
        scan = next((item for item in composition.items if item.role == "scan"), None)
        invitation: QRectF | None = None
        if scan is not None and scan.ink is not None:
            arrow = self._arrow(scan.ink, style.landscape)
            composition.items.append(arrow)
            invitation = scan.ink.united(arrow.box)

        self.qr_rect = QRectF(card.x() + (card_w - qr_side) / 2, card.y() + pad, qr_side, qr_side)
        qr_rect, url, radius = self.qr_rect, self.url, style.px(1.2)

        def paint_card(painter: QPainter) -> None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.paper)
            painter.drawRoundedRect(card, radius, radius)
            draw_qr(painter, url, qr_rect, palette.ink, palette.paper)

        composition.items.append(Placed("qr", card, paint_card))
        caption_y = qr_rect.bottom() + pad * 0.6
        composition.items.append(
            text_item("short_url", caption, card.x() + pad, caption_y, palette.ink)
        )
        self.quiet_zone = QUIET_ZONE
        # The invitation and the code are tappable: both open the large code to scan.
        if not style.on_paper:
            reach = style.control_side
            targets = [card]
            if invitation is not None:  # the words and their arrow, a finger high at least
                grow = max(0.0, (reach - invitation.height()) / 2)
                targets.append(invitation.adjusted(-grow, -grow, grow, grow))
            self.actions = [(target, "link") for target in targets]
        return composition

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
