"""Story slide: the person or archetype, their line and story, beside their illustration."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from kiosk import i18n
from kiosk.content.model import StorySlide
from kiosk.ui.slides.base import Column, Composition, Placed, SlideView
from kiosk.ui.style import Role


class StoryView(SlideView):
    kind = "story"
    slide: StorySlide

    def compose(self, scale: float) -> Composition:
        style, palette, slide, ctx = self.style, self.style.palette, self.slide, self.ctx
        composition = Composition()
        bottom = self.footer(composition, scale)
        available = bottom - style.margin_y
        full_width = style.content_width
        has_image = slide.image is not None
        if style.landscape:
            side = min(0.34 * style.width, 0.42 * full_width, available) if has_image else 0.0
            gutter = style.px(6) if has_image else 0.0
            text_x = style.margin_x + side + gutter
            text_width = min(full_width - side - gutter, 0.62 * style.width)
        else:
            side = min(0.5 * style.width, 0.3 * available) if has_image else 0.0
            text_x, text_width = style.margin_x, full_width

        column = Column(style, text_x, text_width, scale, self.ctx.language, self.hyphens)
        if slide.archetype:
            column.text(
                "archetype", i18n.text("archetype", ctx.language), Role.KICKER, palette.accent
            )
            column.gap(1.6)
        column.text("name", ctx.t(slide.name), Role.HEADLINE, palette.text)
        column.gap(1.2)
        column.text("line", ctx.t(slide.line), Role.LEAD, palette.muted)
        column.gap(3.0)
        column.rule(10, 0.7, palette.accent)
        column.gap(3.0)
        column.text("body", ctx.t(slide.body), Role.BODY, palette.text)

        if style.landscape:
            top = style.margin_y + max(0.0, (available - column.height) * 0.45)
            image_rect = QRectF(style.margin_x, style.margin_y + (available - side) / 2, side, side)
            composition.overflow = column.height > available
        else:
            gap = style.px(5) * scale if has_image else 0.0
            total = side + gap + column.height
            start = style.margin_y + max(0.0, (available - total) * 0.4)
            image_rect = QRectF(style.margin_x + (full_width - side) / 2, start, side, side)
            top = start + side + gap
            composition.overflow = total > available
        if has_image and slide.image is not None:
            composition.items.append(self._picture(slide.image, image_rect))
        composition.items += column.place(top)
        return composition

    def _picture(self, name: str, rect: QRectF) -> Placed:
        images = self.ctx.images
        ground = self.ctx.style.palette.picture_ground()

        def paint(painter: QPainter) -> None:
            # Decoded only when the still is drawn, never for layout alone.
            images.draw(painter, name, rect, ground)

        return Placed("image", rect, paint)
