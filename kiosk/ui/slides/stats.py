"""Stats slide: a bar chart drawn with QPainter; bars grow in when the slide appears."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QStaticText

from kiosk import i18n
from kiosk.content.model import StatsSlide
from kiosk.ui.slides.base import Column, Composition, SlideView, text_item
from kiosk.ui.style import Role
from kiosk.ui.text import TextBlock


@dataclass
class Bar:
    """One row's bar at full length, and its value label placed after it."""

    label: str
    value: float
    rect: QRectF
    color: QColor
    value_text: QStaticText
    value_color: QColor


class StatsView(SlideView):
    kind = "stats"
    slide: StatsSlide
    animation_s = 1.4

    def compose(self, scale: float) -> Composition:
        style, palette, slide, ctx = self.style, self.style.palette, self.slide, self.ctx
        composition = Composition()
        bottom = self.footer(composition, scale)
        width = style.content_width
        header = Column(style, style.margin_x, width, scale, self.ctx.language, self.hyphens)
        header.text("headline", ctx.t(slide.headline), Role.HEADLINE, palette.text)
        header.gap(1.6)
        header.text("caption", ctx.t(slide.caption), Role.CAPTION, palette.muted)
        top = style.margin_y
        composition.items += header.place(top)
        chart_top = top + header.height + style.px(5) * scale
        chart_height = bottom - chart_top

        label_font = style.font(Role.STATS_LABEL, scale)
        strong_font = style.font(Role.STATS_STRONG, scale)
        value_font = style.font(Role.STATS_VALUE, scale)
        value_metrics = QFontMetricsF(value_font)
        unit = ctx.t(slide.unit)
        values = [
            i18n.format_number(row.value, ctx.language) + (f" {unit}" if unit else "")
            for row in slide.rows
        ]
        value_width = max(value_metrics.horizontalAdvance(v) for v in values)
        label_width = min(
            0.34 * width,
            max(TextBlock(ctx.t(r.label), strong_font, width).natural_width for r in slide.rows),
        )
        gap = style.px(2.5) * scale
        bar_space = width - label_width - gap - value_width - gap
        # A tall screen gets taller rows rather than a small chart adrift in empty space.
        # On paper rows keep this height too: the box around the chart grows to hold them.
        row_cap = 9 if style.on_paper else 13 if style.landscape else 19
        row_height = min(chart_height / len(slide.rows), style.px(row_cap) * scale)
        top_value = max(row.value for row in slide.rows) or 1.0

        self.bars: list[Bar] = []
        labels_fit = True
        y = chart_top + max(0.0, (chart_height - row_height * len(slide.rows)) * 0.35)
        for row, value_text in zip(slide.rows, values, strict=True):
            font = strong_font if row.highlight else label_font
            label = TextBlock(
                ctx.t(row.label),
                font,
                label_width,
                Qt.AlignmentFlag.AlignRight,
                language=ctx.language,
            )
            labels_fit &= label.height <= row_height and not label.broken_words
            label_y = y + (row_height - label.height) / 2
            color = palette.text if row.highlight else palette.muted
            composition.items.append(text_item("label", label, style.margin_x, label_y, color))
            thickness = row_height * 0.56
            bar_x = style.margin_x + label_width + gap
            length = max(2.0, bar_space * row.value / top_value) if row.value else 0.0
            rect = QRectF(bar_x, y + (row_height - thickness) / 2, length, thickness)
            static = QStaticText(value_text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=value_font)
            self.bars.append(
                Bar(
                    label=ctx.t(row.label),
                    value=row.value,
                    rect=rect,
                    color=palette.accent if row.highlight else palette.bar,
                    value_text=static,
                    value_color=palette.accent if row.highlight else palette.text,
                )
            )
            y += row_height
        self._value_font = value_font
        self._gap = gap
        composition.overflow = (
            not labels_fit
            or row_height < value_metrics.height()
            or chart_height < row_height * len(slide.rows)
            or (style.on_paper and row_height < style.px(row_cap) * scale - 1.0)
        )
        return composition

    def paint_motion(self, painter: QPainter, progress: float) -> None:
        eased = QEasingCurve(QEasingCurve.Type.OutCubic).valueForProgress(min(1.0, progress))
        radius = self.style.px(0.4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setFont(self._value_font)
        count = len(self.bars)
        for index, bar in enumerate(self.bars):
            # Rows start one after another, so the eye reads the comparison top to bottom;
            # the last starts at 40% of the animation, however many rows there are.
            delay = 0.4 * index / max(1, count - 1)
            share = max(0.0, min(1.0, (eased - delay) / max(0.01, 1.0 - delay)))
            rect = QRectF(bar.rect)
            rect.setWidth(bar.rect.width() * share)
            if rect.width() > 0:
                painter.setBrush(bar.color)
                painter.drawRoundedRect(rect, radius, radius)
            if share > 0:
                painter.setOpacity(share)
                painter.setPen(bar.value_color)
                painter.drawStaticText(
                    QPointF(
                        rect.right() + self._gap,
                        rect.center().y() - bar.value_text.size().height() / 2,
                    ),
                    bar.value_text,
                )
                painter.setOpacity(1.0)
                painter.setPen(Qt.PenStyle.NoPen)
