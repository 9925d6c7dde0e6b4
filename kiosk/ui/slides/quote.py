"""Quote slide: the words, large, then who said them, who they are now, and where it was said."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath

from kiosk import i18n
from kiosk.content.model import QuoteSlide
from kiosk.ui.slides.base import Column, Composition, Placed, SlideView
from kiosk.ui.style import Role


# Quotation marks an organiser may have put around the words; the slide draws its own.
@dataclass(frozen=True)
class QuoteWords:
    """The words on the slide, the language they are in (None: the visitor's), and the
    visitor's translation when the words are an original in another language."""

    words: str
    language: str | None = None
    translation: str | None = None


# The large mark that opens a quote, as each language opens one.
OPENING_MARK = {"de": "\u201e", "en": "\u201c", "be": "\u00ab", "ru": "\u00ab"}
OPENING_MARKS = "\u201e\u201c\u201d\u00ab\u00bb\u201a\u2018\u2019\"'\u2039\u203a"
# A short quote grows, as a headline does, until it fills its slide (up to display size).
GROWTH = (2.0, 1.75, 1.5, 1.3, 1.15, 1.0)
# Past this many words a quote is a passage to read (five lines and more of large italics on a
# wide screen): it is set upright at a calmer size that does not grow (Role.QUOTE_LONG).
LONG_QUOTE_WORDS = 25


def bare_quote(text: str) -> str:
    """The words without the quotation marks around them."""
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] in OPENING_MARKS and stripped[-1] in OPENING_MARKS:
        return stripped[1:-1].strip()
    return stripped


class QuoteView(SlideView):
    kind = "quote"
    slide: QuoteSlide

    def compose(self, scale: float) -> Composition:
        style, palette, slide, ctx = self.style, self.style.palette, self.slide, self.ctx
        composition = Composition()
        bottom = self.footer(composition, scale)
        available = bottom - style.margin_y
        full_width = style.content_width
        portrait_side = style.px(16) * scale if slide.portrait else 0.0
        measure = min(full_width, 0.8 * style.width) if style.landscape else full_width

        # The language's own opening mark, placed by its ink: „ sits low in its line, « in the
        # middle, “ high.
        mark_font = style.font(Role.QUOTE_MARK, scale)
        glyph = OPENING_MARK.get(ctx.language, "\u201c")
        ink = QFontMetricsF(mark_font).tightBoundingRect(glyph)
        mark_height = ink.height() + style.px(3.5) * scale
        # The large mark opens the quote: the words themselves go without marks. Words given as
        # said are shown so, with the visitor's translation beneath when they read another
        # language.
        said = QuoteWords(bare_quote(ctx.t(slide.text)))
        if slide.original is not None and slide.said_in is not None:
            original = bare_quote(slide.original.get(slide.said_in))
            translation = None if slide.said_in == ctx.language else said.words
            said = QuoteWords(original, slide.said_in, translation)
        column = self._words(said, measure, scale, available - mark_height - style.px(14))
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
        origin = QPointF(style.margin_x - ink.left(), top - ink.top())

        def paint_mark(painter: QPainter) -> None:
            painter.setFont(mark_font)
            painter.setPen(palette.accent)
            painter.drawText(origin, glyph)

        box = QRectF(style.margin_x, top, ink.width(), ink.height())
        composition.items.append(Placed("mark", box, paint_mark, ink=box, text=glyph))
        composition.items += column.place(top + mark_height)
        attribution_top = top + mark_height + column.height
        composition.items += attribution.place(attribution_top)
        if slide.portrait:
            rect = QRectF(style.margin_x, attribution_top, portrait_side, portrait_side)
            composition.items.append(self._portrait(slide.portrait, rect))
        composition.overflow = total > available
        return composition

    def _words(self, said: QuoteWords, measure: float, scale: float, room: float) -> Column:
        """The quote's words in the largest size that leaves room for who said them."""
        style, language = self.style, self.ctx.language
        long = len(said.words.split()) > LONG_QUOTE_WORDS
        role, growth = (Role.QUOTE_LONG, (1.0,)) if long else (Role.QUOTE, GROWTH)
        for grow in growth:
            column = Column(style, style.margin_x, measure, scale, language, self.hyphens)
            column.text(
                "quote",
                said.words,
                role,
                style.palette.text,
                grow=grow,
                language=said.language,
            )
            if said.translation is not None:
                column.gap(2.4)
                marked = f"{i18n.text('translation', language)}: {said.translation}"
                column.text("translation", marked, Role.LEAD, style.palette.muted)
            if column.height <= room * 0.7 and not column.broken_words:
                break
        column.gap(3.2)
        column.rule(10, 0.7, style.palette.accent)
        column.gap(2.6)
        return column

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
