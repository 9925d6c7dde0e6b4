"""Title slide: kicker, headline, accent rule and text, set left in a readable measure."""

from __future__ import annotations

from kiosk.content.model import TitleSlide
from kiosk.ui.slides.base import Column, Composition, SlideView
from kiosk.ui.style import Role


class TitleView(SlideView):
    kind = "title"
    slide: TitleSlide

    def compose(self, scale: float) -> Composition:
        style, palette, slide = self.style, self.style.palette, self.slide
        composition = Composition()
        bottom = self.footer(composition, scale)
        measure = style.content_width
        if style.landscape:
            measure = min(measure, 0.8 * style.width)
        column = Column(style, style.margin_x, measure, scale, self.ctx.language, self.hyphens)
        column.text("kicker", self.ctx.t(slide.kicker), Role.KICKER, palette.accent)
        column.gap(1.8)
        # An opening or chapter slide with little text gets display-size type.
        short = slide.text is None or len(self.ctx.t(slide.text)) < 160
        role = Role.DISPLAY if short else Role.HEADLINE
        column.text("headline", self.ctx.t(slide.headline), role, palette.text)
        column.gap(3.0)
        column.rule(10, 0.7, palette.accent)
        if slide.text is not None:
            column.gap(3.0)
            column.text("text", self.ctx.t(slide.text), Role.BODY, palette.text)
        available = bottom - style.margin_y
        top = style.margin_y + max(0.0, (available - column.height) * 0.45)
        composition.items += column.place(top)
        composition.overflow = column.height > available
        return composition
