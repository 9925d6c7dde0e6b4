"""Panels over the show: the link to take away, the language chooser, the idle countdown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk import i18n
from kiosk.content.model import short_form
from kiosk.playback.state import ShowState
from kiosk.ui.controls import TouchButton
from kiosk.ui.qr import draw_qr, snapped_side
from kiosk.ui.style import Role, Style
from kiosk.ui.text import TextBlock


class Overlay(QWidget):
    """A panel over the show: a sheet rising from the bottom, within reach of a seated visitor.

    Above the sheet the show stays visible, dimmed; a tap there closes the panel, as does the
    close button at the bottom right, where the control bar's last button was.
    """

    closed = Signal()
    SHADE = 0.82  # how far the show above a sheet is dimmed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.style_: Style | None = None
        self.language = "en"
        self.fixed_language: str | None = None  # a staff panel's own language, if set
        self.sheet = QRectF()
        self.close_button = TouchButton("close", self)
        self.close_button.clicked.connect(self.dismiss)
        self._outside_press = False
        # See-through above the sheet: the show under it is painted first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.hide()

    def sheet_top(self, style: Style) -> float:
        """Where the panel's own area starts; 0 for a panel that covers the whole screen."""
        return 0.0

    @property
    def for_staff(self) -> bool:
        """A staff panel: one that keeps its own language (fixed_language)."""
        return self.fixed_language is not None

    def apply(self, style: Style, language: str, languages: Sequence[str] = ()) -> None:
        """Lays the panel out in a style and the visitor's language, among the show's
        `languages`; a staff panel keeps its own language and the kiosk's type (a visitor's
        larger text is the slides', and a visitor's A+ left on once pushed the quit question's
        answers off a portrait screen)."""
        language = self.fixed_language or language
        if self.for_staff:
            style = replace(style, text_scale=1.0)
        self.style_ = style
        self.language = language
        self.sheet = QRectF(0, round(self.sheet_top(style)), style.width, style.height)
        self.sheet.setBottom(style.height)
        # Where the control bar's last button was, in the bar's type and as wide as "Close" in
        # the widest of the show's languages: it does not move under a finger with the
        # language or with larger text.
        self.close_button.set_style(replace(style, text_scale=1.0), style.control_side)
        self.close_button.set_label(i18n.text("close", language))
        self.close_button.hold_widest(i18n.text("close", code) for code in (*languages, language))
        self.close_button.move(
            round(style.width - style.margin_x - self.close_button.width()), style.bottom_row_y
        )
        self.rebuild()
        self.update()

    def rebuild(self) -> None:
        """Lays out the panel's content for the current style and language."""

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def dismiss(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def outside(self, point: QPointF) -> bool:
        return not self.sheet.contains(point)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # the show below never sees a tap on the panel
        self._outside_press = self.outside(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._outside_press and self.outside(event.position()):
            self.dismiss()
        self._outside_press = False

    def paint_background(self, painter: QPainter) -> None:
        assert self.style_ is not None
        palette = self.style_.palette
        if self.sheet.top() > 0:
            shade = QColor(palette.background)
            shade.setAlphaF(self.SHADE)
            painter.fillRect(QRectF(0, 0, self.width(), self.sheet.top()), shade)
            # A thin edge in the accent says where the panel begins.
            edge = self.style_.px(0.35)
            painter.fillRect(QRectF(0, self.sheet.top() - edge, self.width(), edge), palette.accent)
        painter.fillRect(self.sheet, palette.background)

    def begin_paint(self) -> tuple[QPainter, Style] | None:
        """A painter with smooth edges and text, or None before the panel has a style."""
        if self.style_ is None:
            return None
        painter = QPainter(self)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        return painter, self.style_


class LinkOverlay(Overlay):
    """A large QR code of the manifesto in the visitor's language, with its address."""

    def __init__(self, state: ShowState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.url = ""
        self._title: TextBlock | None = None
        self._hint: TextBlock | None = None
        self._short: TextBlock | None = None
        self.note = ""  # the page's language, when not the visitor's
        self._note: TextBlock | None = None
        self.qr_rect = QRectF()
        self._top = self._short_y = self._note_y = self._hint_y = 0.0

    def sheet_top(self, style: Style) -> float:
        # The code wants height more than reach: it is scanned, not touched.
        return style.height * (0.1 if style.landscape else 0.25)

    def rebuild(self) -> None:
        style = self.style_
        assert style is not None
        settings = self.state.show.settings
        self.url = settings.manifesto_url(self.language)
        note = self.note = i18n.page_language_note(
            settings.manifesto_language(self.language), self.language
        )
        width = style.width - 2 * style.margin_x
        centre = Qt.AlignmentFlag.AlignHCenter
        self._title = TextBlock(
            i18n.text("link_title", self.language), style.font(Role.OVERLAY_TITLE), width, centre
        )
        self._hint = TextBlock(
            i18n.text("link_hint", self.language),
            style.font(Role.BODY),
            width,
            centre,
            language=self.language,
        )
        self._short = TextBlock(short_form(self.url), style.font(Role.HEADLINE, 0.6), width, centre)
        self._note = (
            TextBlock(note, style.font(Role.BODY), width, centre, language=self.language)
            if note
            else None
        )
        above = self.sheet.top() + style.px(3)
        # Clear of the close button, and of the countdown's strip should the visitor linger:
        # the hint stays readable under it.
        strip = CountdownOverlay.strip_height(style, self.language)
        below = min(style.bottom_row_y, style.height - strip) - style.px(2)
        # Everything but the code: title, the card's margins, the address, the note and the hint.
        others = (
            self._title.height + style.px(4 + 2 + 3 + 1.5) + self._short.height + self._hint.height
        )
        if self._note is not None:
            others += self._note.height + style.px(1.5)
        largest = min(0.45 * min(style.width, style.height), below - above - others)
        side = snapped_side(self.url, max(style.qr_side(), largest))
        top = above + max(0.0, (below - above - others - side) / 2)
        self._top = top
        self.qr_rect = QRectF(
            (style.width - side) / 2, top + self._title.height + style.px(4), side, side
        )
        y = self.qr_rect.bottom() + style.px(2 + 3)  # below the card
        self._short_y = y
        y += self._short.height + style.px(1.5)
        if self._note is not None:
            self._note_y = y
            y += self._note.height + style.px(1.5)
        self._hint_y = y

    @property
    def words_rect(self) -> QRectF:
        """Where the panel's title, code, address, note and hint stand."""
        style = self.style_
        if style is None or self._hint is None:
            return QRectF()
        width, bottom = style.width - 2 * style.margin_x, self._hint_y + self._hint.height
        return QRectF(style.margin_x, self._top, width, bottom - self._top)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._title is None or self._hint is None or self._short is None:
            return
        begun = self.begin_paint()
        if begun is None:
            return
        painter, style = begun
        self.paint_background(painter)
        palette = style.palette
        x = style.margin_x
        self._title.draw(painter, x, self._top, palette.text)
        card = self.qr_rect.adjusted(-style.px(2), -style.px(2), style.px(2), style.px(2))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.paper)
        painter.drawRoundedRect(card, style.px(1.2), style.px(1.2))
        draw_qr(painter, self.url, self.qr_rect, palette.ink, palette.paper)
        self._short.draw(painter, x, self._short_y, palette.accent)
        if self._note is not None:
            self._note.draw(painter, x, self._note_y, palette.text)
        self._hint.draw(painter, x, self._hint_y, palette.muted)
        painter.end()


class LanguageOverlay(Overlay):
    """Every language of the show, each named in itself; the current one is marked."""

    chosen = Signal(str)

    def __init__(self, languages: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons: dict[str, TouchButton] = {}
        self._title: TextBlock | None = None
        self.set_languages(languages)

    def set_languages(self, languages: list[str]) -> None:
        if list(self.buttons) == languages:
            return
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons = {}
        for code in languages:
            button = TouchButton("", self)
            button.clicked.connect(lambda _=False, c=code: self.chosen.emit(c))
            button.show()
            self.buttons[code] = button

    def sheet_top(self, style: Style) -> float:
        return style.height * (0.22 if style.landscape else 0.3)

    def rebuild(self) -> None:
        style = self.style_
        assert style is not None
        centre = Qt.AlignmentFlag.AlignHCenter
        # The title in every language of the show: a visitor may not read the current one.
        title = " · ".join(i18n.text("language", code) for code in self.buttons)
        self._title = TextBlock(
            title, style.font(Role.OVERLAY_TITLE), style.width - 2 * style.margin_x, centre
        )
        side = round(style.control_side * 1.25)
        for code, button in self.buttons.items():
            button.set_style(style, side)
            button.set_label(i18n.language_name(code))
            button.selected = code == self.language
        # One width for all, and a broad one: a language is chosen from a step away.
        widest = max(round(3.5 * side), *(b.width() for b in self.buttons.values()))
        gap = round(style.px(2.5))
        # Between reach and the close button's row: one column, or as many as that needs.
        top_limit = max(style.reach_top, self.sheet.top() + self._title.height + style.px(5))
        room = style.bottom_row_y - style.px(3) - top_limit
        rows = max(1, min(len(self.buttons), int((room + gap) // (side + gap))))
        columns = -(-len(self.buttons) // rows)
        rows = -(-len(self.buttons) // columns)
        block_h = rows * side + (rows - 1) * gap
        block_w = columns * widest + (columns - 1) * gap
        top = round(top_limit + max(0.0, (room - block_h) / 2))
        left = round((style.width - block_w) / 2)
        for index, button in enumerate(self.buttons.values()):
            column, row = divmod(index, rows)
            button.setFixedSize(widest, side)
            button.move(left + column * (widest + gap), top + row * (side + gap))
        self._title_top = top - self._title.height - style.px(4)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._title is None:
            return
        begun = self.begin_paint()
        if begun is None:
            return
        painter, style = begun
        self.paint_background(painter)
        self._title.draw(painter, style.margin_x, self._title_top, style.palette.text)
        painter.end()


class CountdownOverlay(Overlay):
    """'Returning to start' with the seconds left; a tap anywhere keeps the visitor's place.

    Over the show it dims everything but itself. Over a panel a visitor may be scanning from
    (the link's code) it takes only a strip at the bottom, so the code stays readable.
    """

    stay = Signal()
    SHADE = 0.95

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.close_button.hide()
        self.seconds = 10
        self.compact = False

    def set_seconds(self, seconds: int) -> None:
        if seconds != self.seconds:
            self.seconds = seconds
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.stay.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    @staticmethod
    def _strip_lines(style: Style, language: str, seconds: int) -> tuple[TextBlock, TextBlock]:
        width = style.width - 2 * style.margin_x
        centre = Qt.AlignmentFlag.AlignHCenter
        line = TextBlock(
            f"{i18n.text('idle_title', language)}: {seconds}",
            style.font(Role.HEADLINE, 0.6),
            width,
            centre,
        )
        stay = TextBlock(i18n.text("idle_stay", language), style.font(Role.BODY), width, centre)
        return line, stay

    @classmethod
    def strip_height(cls, style: Style, language: str) -> float:
        """The strip's height over a panel: its two lines and their margins, at least the
        band's (the link panel keeps its words above it)."""
        line, stay = cls._strip_lines(style, language, 10)
        return max(style.band_height, line.height + stay.height + style.px(3))

    def strip(self) -> QRectF:
        style = self.style_
        assert style is not None
        top = style.height - self.strip_height(style, self.language)
        return QRectF(0, top, style.width, style.height - top)

    def paintEvent(self, event: QPaintEvent) -> None:
        begun = self.begin_paint()
        if begun is None:
            return
        painter, style = begun
        palette = style.palette
        width = style.width - 2 * style.margin_x
        centre = Qt.AlignmentFlag.AlignHCenter
        if self.compact:
            area = self.strip()
            painter.fillRect(area, palette.background)
            painter.fillRect(QRectF(0, area.top(), style.width, style.px(0.35)), palette.accent)
            line, stay = self._strip_lines(style, self.language, self.seconds)
            y = area.center().y() - (line.height + stay.height) / 2
            line.draw(painter, style.margin_x, y, palette.text)
            stay.draw(painter, style.margin_x, y + line.height, palette.muted)
            painter.end()
            return
        shade = QColor(palette.background)
        shade.setAlphaF(self.SHADE)
        painter.fillRect(self.rect(), shade)
        title = TextBlock(
            i18n.text("idle_title", self.language), style.font(Role.OVERLAY_TITLE), width, centre
        )
        number = TextBlock(str(self.seconds), style.font(Role.COUNTDOWN), width, centre)
        stay = TextBlock(
            i18n.text("idle_stay", self.language), style.font(Role.HEADLINE, 0.7), width, centre
        )
        total = title.height + number.height + stay.height + style.px(4)
        y = (style.height - total) / 2
        # The words on a ground of their own: the dimmed slide's text must not run through them.
        widest = max(title.natural_width, number.natural_width, stay.natural_width)
        pad = style.px(4)
        ground = QRectF(
            (style.width - widest) / 2 - pad, y - pad, widest + 2 * pad, total + 2 * pad
        )
        # Edged as the panels' cards are, so it reads as a panel and not as a hole in the slide.
        edge = max(2.0, style.px(0.2))
        painter.setPen(QPen(palette.muted, edge))
        painter.setBrush(palette.background)
        painter.drawRoundedRect(ground, style.px(1.2), style.px(1.2))
        title.draw(painter, style.margin_x, y, palette.text)
        number.draw(painter, style.margin_x, y + title.height + style.px(1), palette.accent)
        stay.draw(
            painter, style.margin_x, y + title.height + number.height + style.px(3), palette.text
        )
        painter.end()
