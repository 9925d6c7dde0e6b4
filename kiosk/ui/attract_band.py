"""The attract band at the foot of the stage: the campaign's name, where the loop stands, an
invitation to touch (or a pause sign while staff hold the show), and the show's languages, each
named in itself, for a passer-by to start in their own."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QStaticText

from kiosk.ui.style import Role, Style

# Where the loop's dots are spaced when there is room: 2.2 units a slide.
DOT_SPACING_UNITS = 2.2
# The space between the band's parts (the name, the languages, the dots, the invitation).
PART_GAP_UNITS = 3.0
# The space between two language names: each is a finger's target of its own.
NAME_GAP_UNITS = 1.2
# The least room a slide's dot needs on its row to be told from the next at a glance; the
# band's words are set smaller (down to the smallest of these shares of their size) rather
# than crowd the dots below it.
DOT_ROOM_UNITS = 1.8
WORD_SCALES = (1.0, 0.92, 0.85, 0.77, 0.7)


@dataclass(frozen=True)
class BandLayout:
    """Where the band's parts stand on the stage, for one size, text size and show (its
    languages and the invitation in each): what the band paints and what a tap on it finds.
    The same in every language of the show, so nothing in the band moves when the loop's
    language changes."""

    text_y: float  # the middle of the row with the name and the invitation
    word_scale: float  # the share of their role's size the band's words are set at
    brand_x: float
    brand_right: float
    # Each of the show's languages: its code, its name in itself, and its target (a control's
    # height, at least as wide as tall). Empty for a show in one language.
    languages: tuple[tuple[str, str, QRectF], ...]
    dots: QRectF  # the room the dots are spread over, a large dot high
    # The room kept for the invitation in its widest language (and the pause sign in its
    # place); each language's words stand at its right end.
    hint: QRectF
    # The share the language names are set at: on a tall screen their row is their own, and
    # they keep their full size where it fits, whatever the dots' row needs.
    name_scale: float = 1.0

    def language_at(self, point: QPointF) -> str | None:
        return next((code for code, _, rect in self.languages if rect.contains(point)), None)


class AttractBand:
    """Paints the band; it is laid out once per size and show, its words drawn from text laid
    out once per language, not once per frame."""

    def __init__(self) -> None:
        self._brand = QStaticText("Release N:OW")
        self._brand.setTextFormat(Qt.TextFormat.PlainText)
        self._brand_px = 0
        self._hint = QStaticText()
        self._hint.setTextFormat(Qt.TextFormat.PlainText)
        # The words and type size the invitation was last laid out for.
        self.hint_key: tuple[str, int] | None = ("", 0)
        self.hint_text = ""
        self._names: dict[tuple[str, int], QStaticText] = {}
        self._layout: tuple[tuple[object, ...], BandLayout] | None = None
        self._own: tuple[Style, Style] | None = None  # a style, and the same in the band's type

    def _own_type(self, style: Style) -> Style:
        """The band keeps the kiosk's type, as the controls do: a visitor's larger text is the
        slides' (and is let go when the visitor leaves, before the band returns)."""
        if style.text_scale == 1.0:
            return style
        if self._own is None or self._own[0] is not style:
            self._own = (style, replace(style, text_scale=1.0))
        return self._own[1]

    def layout(
        self,
        style: Style,
        languages: tuple[tuple[str, str], ...],
        hints: tuple[str, ...],
        count: int,
    ) -> BandLayout:
        """Where everything stands (cached): one row on a wide screen, the name, the languages,
        the dots and the invitation (the dots above it where the row leaves them too little
        room); on a tall one the languages get the upper row to
        themselves, the dots theirs when the show has one language. `hints` is the invitation
        in each of the show's languages: the widest is given its room, so the dots stand and
        span alike in every language. The dots are centred on the screen where the room beside
        them allows, and never move with the pause sign."""
        style = self._own_type(style)
        key = (
            style.width,
            style.height,
            style.text_scale,
            style.families,
            style.control_side,
            languages,
            hints,
            count,
        )
        if self._layout is not None and self._layout[0] == key:
            return self._layout[1]
        # The words as large as the dots leave room for, down to a share of their size; on a
        # wide screen with little width (4:3, 5:4) the dots rather take a row of their own,
        # above the words, than have the words set smaller still.
        plans = [(scale, False) for scale in WORD_SCALES[:3]]
        if style.landscape and len(languages) > 1:
            plans += [(scale, True) for scale in WORD_SCALES]
        plans += [(scale, False) for scale in WORD_SCALES[3:]]
        if style.landscape and len(languages) > 1:
            # Where nothing fits (a small screen with large controls), the dots at least keep
            # their own row.
            plans.append((WORD_SCALES[-1], True))
        layout = None
        for scale, dots_above in plans:
            layout = self._laid_out(style, languages, hints, count, scale, dots_above)
            if layout.dots.width() >= _dots_span(style, count, DOT_ROOM_UNITS) and (
                not style.landscape
                or not layout.languages
                or layout.languages[-1][2].right() <= layout.hint.left()
            ):
                break
        assert layout is not None
        self._layout = (key, layout)
        return layout

    def _laid_out(
        self,
        style: Style,
        languages: tuple[tuple[str, str], ...],
        hints: tuple[str, ...],
        count: int,
        scale: float,
        dots_above: bool = False,
    ) -> BandLayout:
        unit = style.unit
        band_top = style.height - style.band_height
        if style.landscape:
            text_y = upper_y = band_top + style.band_height / 2
        else:
            upper_y = band_top + style.band_height / 3
            text_y = band_top + 2 * style.band_height / 3
        brand_x = style.margin_x + 2.7 * unit
        brand_right = brand_x + QFontMetricsF(style.font(Role.BRAND, scale)).horizontalAdvance(
            "Release N:OW"
        )
        metrics = QFontMetricsF(style.font(Role.BUTTON, scale))
        # The pause sign takes 1.6 units in the invitation's place while staff hold the show.
        hint_width = max([1.6 * unit, *(metrics.horizontalAdvance(words) for words in hints)])
        right_end = style.width - style.margin_x
        hint = QRectF(right_end - hint_width, text_y - 1.5 * unit, hint_width, 3 * unit)
        name_scale = scale
        if not style.landscape:  # the largest the names' own row allows
            name_scale = next(
                (
                    larger
                    for larger in WORD_SCALES
                    if larger <= scale
                    or _row_width(style, languages, larger) <= style.width - 2 * style.margin_x
                ),
                scale,
            )
        targets = self._language_targets(style, languages, brand_right, upper_y, name_scale)
        gap = PART_GAP_UNITS * unit
        dots_y = text_y if style.landscape or targets else upper_y
        if dots_above:  # midway between the slide's foot and the language targets' tops
            dots_y = band_top + ((style.band_height - style.control_side) / 2 - 1.5 * unit) / 2
            half = min(_dots_span(style, count, DOT_SPACING_UNITS), right_end - style.margin_x) / 2
            left, right = style.width / 2 - half, style.width / 2 + half
        elif style.landscape:
            left = (targets[-1][2].right() if targets else brand_right) + gap
            right = hint.left() - gap
        elif targets:
            left, right = brand_right + gap, hint.left() - gap
        else:
            left, right = style.margin_x, right_end
        span = _dots_span(style, count, DOT_SPACING_UNITS)
        middle = style.width / 2
        if left <= middle - span / 2 and middle + span / 2 <= right:
            half = min(middle - left, right - middle)
            left, right = middle - half, middle + half
        right = max(left, right)
        dots = QRectF(left, dots_y - 0.75 * unit, right - left, 1.5 * unit)
        return BandLayout(text_y, scale, brand_x, brand_right, targets, dots, hint, name_scale)

    @staticmethod
    def _language_targets(
        style: Style,
        languages: tuple[tuple[str, str], ...],
        brand_right: float,
        y: float,
        scale: float,
    ) -> tuple[tuple[str, str, QRectF], ...]:
        """Each language's target: after the name on a wide screen, centred in the upper row
        on a tall one."""
        if len(languages) < 2:
            return ()
        side = style.control_side
        widths = _name_widths(style, languages, scale)
        gap = NAME_GAP_UNITS * style.unit
        whole = sum(widths) + gap * (len(widths) - 1)
        if style.landscape:
            x = brand_right + PART_GAP_UNITS * style.unit
        else:
            x = max(style.margin_x, (style.width - whole) / 2)
        targets = []
        for (code, name), width in zip(languages, widths, strict=True):
            targets.append((code, name, QRectF(x, y - side / 2, width, side)))
            x += width + gap
        return tuple(targets)

    def paint(
        self,
        painter: QPainter,
        style: Style,
        hint: str,
        count: int,
        current: int,
        paused: bool,
        languages: tuple[tuple[str, str], ...] = (),
        language: str = "",
        hints: tuple[str, ...] = (),
    ) -> None:
        """The band for the slide `current` of `count`; `hint` is the invitation's words on
        screen, `hints` the invitation in each of the show's languages (laid out for the
        widest), `languages` the show's (code, name in itself), `language` the one on
        screen."""
        style = self._own_type(style)
        layout = self.layout(style, languages, hints or (hint,), count)
        self._paint_brand(painter, style, layout)
        for code, name, rect in layout.languages:
            self._paint_name(painter, style, layout, name, rect, lit=code == language)
        if paused:
            _paint_pause_sign(painter, style, layout.text_y)
        else:
            self._paint_hint(painter, style, layout, hint)
        _paint_dots(painter, style, layout.dots, count, current)

    def _paint_brand(self, painter: QPainter, style: Style, layout: BandLayout) -> None:
        """The campaign's colours as a chip, and its name."""
        palette, unit, text_y = style.palette, style.unit, layout.text_y
        chip = QRectF(style.margin_x, text_y - 1.1 * unit, 1.5 * unit, 2.2 * unit)
        third = chip.height() / 3
        painter.fillRect(QRectF(chip.x(), chip.y(), chip.width(), third), palette.text)
        painter.fillRect(QRectF(chip.x(), chip.y() + third, chip.width(), third), palette.accent)
        painter.fillRect(QRectF(chip.x(), chip.y() + 2 * third, chip.width(), third), palette.text)
        font = style.font(Role.BRAND, layout.word_scale)
        if self._brand_px != font.pixelSize():
            self._brand.prepare(font=font)
            self._brand_px = font.pixelSize()
        painter.setFont(font)
        painter.setPen(palette.text)
        brand_size = self._brand.size()
        painter.drawStaticText(
            QPointF(layout.brand_x, text_y - brand_size.height() / 2), self._brand
        )

    def _paint_name(
        self,
        painter: QPainter,
        style: Style,
        layout: BandLayout,
        name: str,
        rect: QRectF,
        lit: bool,
    ) -> None:
        """A language's name on a control's ground with its edge, as the controls are drawn;
        the language on screen lit."""
        palette = style.palette
        fill, foreground = palette.on_fill(QColor(palette.accent if lit else palette.surface))
        ring = max(2.0, style.px(0.2))
        painter.save()
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        painter.setPen(QPen(fill if lit else palette.muted, ring))
        painter.setBrush(fill)
        inner = rect.adjusted(1 + ring / 2, 1 + ring / 2, -1 - ring / 2, -1 - ring / 2)
        painter.drawRoundedRect(inner, inner.height() / 2, inner.height() / 2)
        font = style.font(Role.BUTTON, layout.name_scale)
        text = self._names.get((name, font.pixelSize()))
        if text is None:
            text = QStaticText(name)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.prepare(font=font)
            self._names[(name, font.pixelSize())] = text
        painter.setFont(font)
        painter.setPen(foreground)
        size = text.size()
        painter.drawStaticText(
            QPointF(rect.center().x() - size.width() / 2, rect.center().y() - size.height() / 2),
            text,
        )
        painter.restore()

    def _paint_hint(self, painter: QPainter, style: Style, layout: BandLayout, hint: str) -> None:
        """'Touch to explore' at the band's right end."""
        text_y = layout.text_y
        hint_font = style.font(Role.BUTTON, layout.word_scale)
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


def _name_widths(style: Style, languages: tuple[tuple[str, str], ...], scale: float) -> list[float]:
    """Each language name's target width: the name with a margin, at least a square."""
    side = style.control_side
    metrics = QFontMetricsF(style.font(Role.BUTTON, scale))
    return [max(side, metrics.horizontalAdvance(name) + 2 * side * 0.3) for _, name in languages]


def _row_width(style: Style, languages: tuple[tuple[str, str], ...], scale: float) -> float:
    widths = _name_widths(style, languages, scale)
    return sum(widths) + NAME_GAP_UNITS * style.unit * (len(widths) - 1)


def _dots_span(style: Style, count: int, spacing_units: float) -> float:
    """The width a row of `count` dots `spacing_units` apart takes, the current dot's
    larger rim at both ends included."""
    return spacing_units * style.unit * (count - 1) + 1.5 * style.unit


def _paint_pause_sign(painter: QPainter, style: Style, text_y: float) -> None:
    """Held by staff: a small pause sign where the invitation to touch would be."""
    side = 1.6 * style.unit
    left = style.width - style.margin_x - side
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.palette.muted)
    for x in (left, left + side * 0.62):
        painter.drawRect(QRectF(x, text_y - side / 2, side * 0.38, side))


def _paint_dots(painter: QPainter, style: Style, row: QRectF, count: int, current: int) -> None:
    """A dot a slide, spread over the row (centred in it where there is room), the current
    one larger."""
    unit, palette = style.unit, style.palette
    inset = 0.75 * unit  # the current dot's radius: every dot stays within the row
    left, right, y = row.left() + inset, row.right() - inset, row.center().y()
    spacing = min(DOT_SPACING_UNITS * unit, (right - left) / max(1, count - 1))
    radius = min(0.55 * unit, spacing * 0.3)
    start = (left + right) / 2 - spacing * (count - 1) / 2
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for dot in range(count):
        painter.setBrush(palette.accent if dot == current else palette.bar)
        r = radius * (1.35 if dot == current else 1.0)
        painter.drawEllipse(QPointF(start + dot * spacing, y), r, r)
