"""Plain text laid out once in a width, then drawn as often as needed. Never read as markup."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QTextLayout, QTextOption

from kiosk import typeset

LINE_HEIGHT = 1.22
NO_BREAK_SPACES = "\u00a0\u202f\u2007"


class TextBlock:
    """A paragraph wrapped to a width; its height and drawn extent are known before painting.

    Given its language, text keeps together what belongs together (`kiosk.typeset`), and (with
    `hyphenate`) a word wider than the line is divided at a syllable, with a hyphen, instead of
    anywhere. Only then is the language's dictionary needed: text that fits never loads it.
    """

    def __init__(
        self,
        text: str,
        font: QFont,
        width: float,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        line_height: float = LINE_HEIGHT,
        balance: bool = False,
        language: str | None = None,
        hyphenate: bool = True,
    ):
        self.text = text
        self.font = font
        self.width = max(1.0, width)
        self.align = align
        self._line_height = line_height
        self._shaped = typeset.keep_together(text, language) if language else text
        self._lay_out(self.width)
        if language and hyphenate and self.broken_words:
            self._shaped = typeset.hyphenate(self._shaped, language)
            self._lay_out(self.width)
        for loosely, compounds in ((False, True), (True, True), (True, False)):
            if not (language and self.broken_words):
                break
            # What was kept together is wider than the line. First the last word goes free
            # (a chain of short words bound to it grows long: "по политическим мотивам"),
            # then everything but the campaign's name (and, if it fits, a word of short
            # hyphenated parts), so the words part at spaces, hyphens and syllables rather
            # than anywhere.
            relaxed = typeset.keep_together(
                text, language, loosely=loosely, compounds=compounds, last_word=False
            )
            self._shaped = typeset.hyphenate(relaxed, language) if hyphenate else relaxed
            self._lay_out(self.width)
        if language and self.line_count > 1 and not self.broken_words:
            self._no_word_alone_on_the_last_line()
        if balance and self.line_count > 1 and not self.broken_words:
            self._balance()

    def _no_word_alone_on_the_last_line(self) -> None:
        """A paragraph of several words whose last line would hold one word takes the word
        before it down too ("… politisch / Verfolgten" becomes "… / politisch Verfolgten"),
        unless that costs a line or breaks a word. `keep_together` binds a short last word
        before layout; this catches a long one, which only layout shows to be alone."""
        last = self._layout.lineAt(self.line_count - 1)
        start = last.textStart()
        if any(c in self._shaped[start:].strip() for c in " " + NO_BREAK_SPACES):
            return
        before = self._shaped[:start].rstrip(" ")
        if len(before.split()) < 3:
            return  # a label, or too few words to move one
        space = len(before)  # the space the line broke at (not a hyphen or a syllable)
        if self._shaped[space : space + 1] != " ":
            return
        kept, lines = self._shaped, self.line_count
        self._shaped = kept[:space] + typeset.NBSP + kept[space + 1 :]
        self._lay_out(self.width)
        if self.broken_words or self.line_count != lines:
            self._shaped = kept
            self._lay_out(self.width)

    def _balance(self) -> None:
        """Narrows the lines as far as the line count allows, so no word is left alone."""
        lines, low, high = self.line_count, self.natural_width / self.line_count, self.width
        for _ in range(12):
            middle = (low + high) / 2
            self._lay_out(middle)
            if self.line_count > lines or self.broken_words:
                low = middle
            else:
                high = middle
        self._lay_out(high)

    def _lay_out(self, wrap_width: float) -> None:
        text, font = self._shaped, self.font
        step = font.pixelSize() * self._line_height
        self._layout = QTextLayout(text, font)
        option = QTextOption(self.align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._layout.setTextOption(option)
        self._layout.setCacheEnabled(True)
        self._layout.beginLayout()
        y = 0.0
        self.line_count = 0
        natural = 0.0
        # True when a word had to be split across lines: the caller should shrink instead.
        self.broken_words = False
        while True:
            line = self._layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(wrap_width)
            # Lines sit on a fixed grid so mixed scripts do not change the spacing.
            line.setPosition(QPointF(0.0, y + (step - line.height()) / 2))
            natural = max(natural, line.naturalTextWidth())
            end = line.textStart() + line.textLength()
            if 0 < end < len(text) and not text[end - 1].isspace() and text[end].isalnum():
                self.broken_words |= text[end - 1].isalnum()
            # A no-break space only gives way when what it binds is wider than the line: on
            # either side of the break (Qt may break before one, after a dash, and start the
            # next line with a space).
            self.broken_words |= 0 < end < len(text) and (
                text[end - 1] in NO_BREAK_SPACES or text[end] in NO_BREAK_SPACES
            )
            # So does a word joiner (a word of hyphenated parts, a figure and its sign).
            self.broken_words |= (
                0 < end < len(text) and typeset.WORD_JOINER in text[end - 1 : end + 2]
            )
            y += step
            self.line_count += 1
        self._layout.endLayout()
        # The box spans every line's full extent, so the ink never leaves it.
        first = self._layout.lineAt(0) if self.line_count else None
        last = self._layout.lineAt(self.line_count - 1) if self.line_count else None
        self._top = min(0.0, first.y()) if first is not None else 0.0
        bottom = max(y, last.y() + last.height()) if last is not None else y
        self.height = bottom - self._top
        self.natural_width = natural

    def lines(self) -> list[str]:
        """The text of each laid-out line, as a reader sees the lines (with a hyphen where a
        word was divided)."""
        result = []
        for index in range(self._layout.lineCount()):
            line = self._layout.lineAt(index)
            part = self._shaped[line.textStart() : line.textStart() + line.textLength()]
            if part.endswith(typeset.SHY):
                part = part[:-1] + "-"
            result.append(typeset.visible(part))
        return result

    def ink_rect(self, x: float, y: float) -> QRectF:
        """Where the text's lines actually stand when drawn at (x, y)."""
        if self.line_count == 0:
            return QRectF(x, y, 0.0, 0.0)
        rect = QRectF()
        for index in range(self._layout.lineCount()):
            line = self._layout.lineAt(index)
            line_rect = line.naturalTextRect().translated(x, y - self._top)
            rect = line_rect if rect.isNull() else rect.united(line_rect)
        return rect

    def draw(self, painter: QPainter, x: float, y: float, color: QColor) -> None:
        painter.setPen(color)
        self._layout.draw(painter, QPointF(x, y - self._top))
