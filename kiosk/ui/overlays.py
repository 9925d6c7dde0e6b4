"""Panels over the show: the link to take away, the language chooser, the idle countdown."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk import i18n
from kiosk.content.model import Show, short_form
from kiosk.ui.controls import TouchButton
from kiosk.ui.qr import draw_qr, snapped_side
from kiosk.ui.style import Role, Style
from kiosk.ui.text import TextBlock


class Overlay(QWidget):
    """A panel covering the window, with a close button; taps outside its content do nothing."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.style_: Style | None = None
        self.language = "en"
        self.close_button = TouchButton("close", self)
        self.close_button.clicked.connect(self.dismiss)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.hide()

    def apply(self, style: Style, language: str) -> None:
        self.style_ = style
        self.language = language
        self.close_button.set_style(style, style.control_side)
        self.close_button.set_label("", i18n.text("close", language))
        self.close_button.setFixedSize(style.control_side, style.control_side)
        self.close_button.move(
            round(style.width - style.margin_x - style.control_side), round(style.margin_y * 0.6)
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

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # the show below never sees a tap on the panel

    def paint_background(self, painter: QPainter) -> None:
        assert self.style_ is not None
        painter.fillRect(self.rect(), self.style_.palette.background)

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

    def __init__(self, show: Show, parent: QWidget | None = None):
        super().__init__(parent)
        self.show_data = show
        self.url = ""
        self._title: TextBlock | None = None
        self._hint: TextBlock | None = None
        self._short: TextBlock | None = None
        self.qr_rect = QRectF()

    def rebuild(self) -> None:
        style = self.style_
        assert style is not None
        self.url = self.show_data.settings.manifesto_url(self.language)
        width = style.width - 2 * style.margin_x
        centre = Qt.AlignmentFlag.AlignHCenter
        self._title = TextBlock(
            i18n.text("link_title", self.language), style.font(Role.OVERLAY_TITLE), width, centre
        )
        self._hint = TextBlock(
            i18n.text("link_hint", self.language), style.font(Role.BODY), width, centre
        )
        self._short = TextBlock(short_form(self.url), style.font(Role.HEADLINE, 0.6), width, centre)
        free = (
            style.height
            - 2 * style.margin_y
            - self._title.height
            - self._hint.height
            - self._short.height
        )
        side = snapped_side(self.url, min(0.45 * min(style.width, style.height), free * 0.8))
        top = style.margin_y + max(0.0, (free - side) / 2 - style.px(4))
        self._top = top
        self.qr_rect = QRectF(
            (style.width - side) / 2, top + self._title.height + style.px(3), side, side
        )

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
        y = card.bottom() + style.px(3)
        self._short.draw(painter, x, y, palette.accent)
        self._hint.draw(painter, x, y + self._short.height + style.px(1.5), palette.muted)
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
        total = len(self.buttons) * side + (len(self.buttons) - 1) * gap
        top = round(style.margin_y + self._title.height + style.px(6))
        top = max(top, round((style.height - total) / 2))
        for index, button in enumerate(self.buttons.values()):
            button.setFixedSize(widest, side)
            button.move(round((style.width - widest) / 2), top + index * (side + gap))
        self._title_top = top - self._title.height - style.px(5)

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
    """'Returning to start' with the seconds left; a tap anywhere keeps the visitor's place."""

    stay = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.close_button.hide()
        self.seconds = 10
        # See-through: the show stays visible under the countdown, so Qt must paint it first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_seconds(self, seconds: int) -> None:
        if seconds != self.seconds:
            self.seconds = seconds
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.stay.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        begun = self.begin_paint()
        if begun is None:
            return
        painter, style = begun
        shade = QColor(style.palette.background)
        shade.setAlphaF(0.9)
        painter.fillRect(self.rect(), shade)
        width = style.width - 2 * style.margin_x
        centre = Qt.AlignmentFlag.AlignHCenter
        title = TextBlock(
            i18n.text("idle_title", self.language), style.font(Role.OVERLAY_TITLE), width, centre
        )
        number = TextBlock(str(self.seconds), style.font(Role.COUNTDOWN), width, centre)
        stay = TextBlock(
            i18n.text("idle_stay", self.language), style.font(Role.HEADLINE, 0.7), width, centre
        )
        total = title.height + number.height + stay.height + style.px(4)
        y = (style.height - total) / 2
        title.draw(painter, style.margin_x, y, style.palette.text)
        number.draw(painter, style.margin_x, y + title.height + style.px(1), style.palette.accent)
        stay.draw(
            painter,
            style.margin_x,
            y + title.height + number.height + style.px(3),
            style.palette.text,
        )
        painter.end()
