"""Facts slide: a few key figures, large, with captions, and their sources."""

from __future__ import annotations

import math

from kiosk.content.model import FactsSlide
from kiosk.ui.slides.base import Column, Composition, SlideView
from kiosk.ui.style import Role
from kiosk.ui.text import TextBlock

# The share of its column a figure may take: its type's width is measured, not its glyphs'
# ink, and a slightly smaller figure must still fit on its line.
FIGURE_ROOM = 0.97
FIGURE_SMALLEST = 0.55  # of the figures' own size


class FactsView(SlideView):
    kind = "facts"
    slide: FactsSlide

    def compose(self, scale: float) -> Composition:
        style, palette, slide = self.style, self.style.palette, self.slide
        composition = Composition()
        bottom = self.footer(composition, scale)
        width = style.content_width
        header = Column(style, style.margin_x, width, scale, self.ctx.language, self.hyphens)
        header.text("headline", self.ctx.t(slide.headline), Role.HEADLINE, palette.text)
        header.gap(2.4)
        header.rule(10, 0.7, palette.accent)

        count = len(slide.items)
        per_row = min(count, 3) if style.landscape else (1 if count <= 3 else 2)
        rows = math.ceil(count / per_row)
        gutter = style.px(4) * scale
        cell_width = (width - gutter * (per_row - 1)) / per_row
        # A figure is one thing: never divided across lines ("1,100" and "+", "Thou-sands").
        # Where the widest does not fit its column, all of them are set smaller alike.
        values = [self.ctx.t(item.value) for item in slide.items]
        font = style.font(Role.FACT_VALUE, scale)
        widest = max((TextBlock(value, font, 100_000).natural_width for value in values), default=0)
        grow = min(1.0, FIGURE_ROOM * cell_width / widest) if widest else 1.0
        # Not below a size that still reads as a figure: a long value (a phrase, not a number)
        # wraps at its spaces instead, as any text does.
        grow = max(FIGURE_SMALLEST, grow)
        cells = []
        for item, value in zip(slide.items, values, strict=True):
            cell = Column(style, 0, cell_width, scale, self.ctx.language, self.hyphens)
            cell.text("value", value, Role.FACT_VALUE, palette.accent, grow=grow)
            cell.gap(0.8)
            cell.text("caption", self.ctx.t(item.caption), Role.BODY, palette.text)
            cells.append(cell)
        row_heights = [
            max(c.height for c in cells[r * per_row : (r + 1) * per_row]) for r in range(rows)
        ]
        row_gap = style.px(5) * scale
        grid_height = sum(row_heights) + row_gap * (rows - 1)
        header_gap = style.px(6) * scale if header.height else 0.0
        total = header.height + header_gap + grid_height
        available = bottom - style.margin_y
        top = style.margin_y + max(0.0, (available - total) * 0.4)
        composition.items += header.place(top)
        y = top + header.height + header_gap
        for r in range(rows):
            for c, cell in enumerate(cells[r * per_row : (r + 1) * per_row]):
                cell.x = style.margin_x + c * (cell_width + gutter)
                composition.items += cell.place(y)
            y += row_heights[r] + row_gap
        composition.overflow = total > available
        return composition
