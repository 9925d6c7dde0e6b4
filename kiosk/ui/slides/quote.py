"""Quote slide: the words, large, then who said them, who they are now, and where it was said."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath

from kiosk.content.model import QuoteSlide
from kiosk.ui.slides.base import Column, Composition, Placed, SlideView
from kiosk.ui.style import Role
from kiosk.ui.text import TextBlock

QUOTE_MARKS = {"de": ("„", "“"), "en": ("“", "”"), "be": ("«", "»"), "ru": ("«", "»")}


class QuoteView(SlideView):
    kind = "quote"
    slide: QuoteSlide

    def compose(self, scale: float) -> Composition:
        style, palette, slide, ctx = self.style, self.style.palette, self.slide, self.ctx
        composition = Composition()
        bottom = self.footer(composition, scale)
        available = bottom - style.margin_y
        full_width = style.width - 2 * style.margin_x
        portrait_side = style.px(16) * scale if slide.portrait else 0.0
        measure = min(full_width, 0.8 * style.width) if style.landscape else full_width

        opening, closing = QUOTE_MARKS.get(ctx.language, ("“", "”"))
        mark = TextBlock("“", style.font(Role.QUOTE_MARK, scale), full_width)
        mark_height = mark.height * 0.5  # the glyph sits high in its line; only its top half shows
        column = Column(style, style.margin_x, measure, scale, self.ctx.language, self.hyphens)
        column.text("quote", f"{opening}{ctx.t(slide.text)}{closing}", Role.QUOTE, palette.text)
        column.gap(3.2)
        column.rule(10, 0.7, palette.accent)
        column.gap(2.6)
        attribution = Column(
            style,
            style.margin_x + (portrait_side + style.px(3) if slide.portrait else 0),
            measure,
            scale,
            ctx.language,
            self.hyphens,
        )
        attribution.text("author", ctx.t(slide.author), Role.AUTHOR, palette.text)
        attribution.gap(0.8)
        attribution.text("role", ctx.t(slide.role), Role.CAPTION, palette.muted)
        attribution.gap(0.8)
        attribution.text("source", ctx.t(slide.source), Role.SMALL, palette.muted)
        attribution_height = max(attribution.height, portrait_side)

        total = mark_height + column.height + attribution_height
        top = style.margin_y + max(0.0, (available - total) * 0.45)
        mark_y = top - mark.height * 0.18
        composition.items.append(
            Placed(
                "mark",
                QRectF(style.margin_x, mark_y, mark.natural_width, mark_height),
                lambda painter: mark.draw(
                    painter, style.margin_x - style.px(0.6), mark_y, palette.accent
                ),
            )
        )
        composition.items += column.place(top + mark_height)
        attribution_top = top + mark_height + column.height
        composition.items += attribution.place(attribution_top)
        if slide.portrait:
            rect = QRectF(style.margin_x, attribution_top, portrait_side, portrait_side)
            composition.items.append(self._portrait(slide.portrait, rect))
        composition.overflow = total > available
        return composition

    def _portrait(self, name: str, rect: QRectF) -> Placed:
        images = self.ctx.images

        def paint(painter: QPainter) -> None:
            image = images.fitted(name, round(rect.width()) * 2, round(rect.height()) * 2)
            if image is None:
                return
            clip = QPainterPath()
            clip.addEllipse(rect)
            painter.save()
            painter.setClipPath(clip)
            # Cover the circle: scale the short side of the picture to the circle.
            factor = max(rect.width() / image.width(), rect.height() / image.height())
            width, height = image.width() * factor, image.height() * factor
            target = QRectF(
                rect.center().x() - width / 2, rect.center().y() - height / 2, width, height
            )
            painter.drawImage(target, image)
            painter.restore()

        return Placed("portrait", rect, paint)
