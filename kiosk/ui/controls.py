"""Controls for fingers: large buttons with icons, the progress strip, and the bar holding them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk import i18n
from kiosk.playback.state import ShowState
from kiosk.ui.style import Role, Style
from kiosk.ui.text import TextBlock


def _chevron(path: QPainterPath, left: bool) -> None:
    if left:
        path.moveTo(0.62, 0.2)
        path.lineTo(0.32, 0.5)
        path.lineTo(0.62, 0.8)
    else:
        path.moveTo(0.38, 0.2)
        path.lineTo(0.68, 0.5)
        path.lineTo(0.38, 0.8)


def _icon_path(name: str) -> QPainterPath:
    """Line icons in a unit square, stroked at paint time."""
    path = QPainterPath()
    if name in ("previous", "back"):
        _chevron(path, left=True)
        if name == "back":
            path.moveTo(0.34, 0.5)
            path.lineTo(0.85, 0.5)
    elif name == "next":
        _chevron(path, left=False)
    elif name == "close":
        path.moveTo(0.25, 0.25)
        path.lineTo(0.75, 0.75)
        path.moveTo(0.75, 0.25)
        path.lineTo(0.25, 0.75)
    elif name == "globe":
        path.addEllipse(QRectF(0.12, 0.12, 0.76, 0.76))
        path.addEllipse(QRectF(0.33, 0.12, 0.34, 0.76))
        path.moveTo(0.12, 0.5)
        path.lineTo(0.88, 0.5)
    elif name == "grid":
        for x in (0.14, 0.56):
            for y in (0.14, 0.56):
                path.addRoundedRect(QRectF(x, y, 0.3, 0.3), 0.05, 0.05)
    elif name == "erase":  # a key pointing left with a cross in it: delete the last digit
        path.moveTo(0.1, 0.5)
        path.lineTo(0.32, 0.22)
        path.lineTo(0.9, 0.22)
        path.lineTo(0.9, 0.78)
        path.lineTo(0.32, 0.78)
        path.closeSubpath()
        path.moveTo(0.48, 0.38)
        path.lineTo(0.72, 0.62)
        path.moveTo(0.72, 0.38)
        path.lineTo(0.48, 0.62)
    elif name == "qr":
        for x, y in ((0.12, 0.12), (0.58, 0.12), (0.12, 0.58)):
            path.addRect(QRectF(x, y, 0.3, 0.3))
        path.addRect(QRectF(0.62, 0.62, 0.1, 0.1))
        path.addRect(QRectF(0.78, 0.78, 0.1, 0.1))
    return path


SWITCH_WIDTH = 0.62  # a switch's track, in parts of the button's height
SWITCH_GAP = 0.3


class TouchButton(QAbstractButton):
    """A large button drawn in the show's colours: icon, optional label, visible press."""

    def __init__(self, icon: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._path = _icon_path(icon)
        self._label: TextBlock | None = None
        self._style: Style | None = None
        self._side = 72
        self.selected = False
        # A setting that is on or off (`selected`): drawn with a switch that shows which, so it
        # does not look like a button that acts once.
        self.is_switch = False
        # A choice that was checked and cannot be taken (a content folder with errors): drawn
        # hollow with a dashed edge, still tappable to say why.
        self.refused = False
        # The widest the button may be (a panel's width): a longer label wraps onto more lines
        # and the button grows taller. None: one line, as wide as the label.
        self._max_width: float | None = None
        self._language: str | None = None  # the label's, for where a wrapped label may break
        # Labels the button will take later (a folder's once its check is in): it is as large
        # from the start as the largest of them, so it never grows under a finger or pushes
        # the buttons below it down. Their size, once worked out, per style and width.
        self._awaited: tuple[str, ...] = ()
        self._awaited_size: tuple[tuple[object, ...], QSizeF] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)

    def set_max_width(self, width: float | None) -> None:
        self._max_width = width
        self._relabel()

    def set_style(self, style: Style, side: int) -> None:
        self._style = style
        self._side = side
        self._relabel()

    def set_label(
        self, text: str, accessible: str | None = None, language: str | None = None
    ) -> None:
        """The label, and its name for assistive technology; a label that may wrap (see
        set_max_width) keeps together what belongs together in its `language`."""
        self.setText(text)
        self.setAccessibleName(accessible or text)
        self._language = language
        self._relabel()

    def await_labels(self, texts: tuple[str, ...]) -> None:
        """Keep room for these labels too (wrapped as the label is), whichever is shown."""
        self._awaited = texts
        self._relabel()

    def _relabel(self) -> None:
        if self._style is None:
            return
        font = self._style.font(Role.BUTTON)
        room = 10_000.0
        if self._max_width is not None:
            room = self._max_width - 2 * self._side * 0.3 - self._content_width(0.0)
        text = self.text()
        self._label = TextBlock(text, font, room, language=self._language) if text else None
        self.setFixedSize(self.sizeHint())
        self.update()

    def sizeHint(self) -> QSize:
        if self._max_width is None or self._label is None:
            return QSize(self.width_for(self.text()), self._side)
        # Wrapped within the widest it may be: as wide as its longest line, as tall as its lines.
        awaited = self._awaited_label_size()
        label_width = max(self._label.natural_width, awaited.width())
        width = 2 * self._side * 0.3 + self._content_width(label_width)
        height = max(self._side, max(self._label.height, awaited.height()) + self._side * 0.5)
        return QSize(round(min(width, self._max_width)), round(height))

    def fits(self, text: str) -> bool:
        """Whether this label fits in the room kept for the awaited ones (always, if none)."""
        if not self._awaited or self._label is None:
            return True
        awaited = self._awaited_label_size()
        block = TextBlock(text, self._label.font, self._label.width, language=self._language)
        return block.natural_width <= awaited.width() + 0.5 and block.height <= awaited.height()

    def _awaited_label_size(self) -> QSizeF:
        """The widest line and the most lines among the awaited labels, wrapped as the label
        is (laid out once per style and width)."""
        if not self._awaited or self._label is None:
            return QSizeF()
        font, room = self._label.font, self._label.width
        key = (self._awaited, font.key(), room, self._language)
        if self._awaited_size is None or self._awaited_size[0] != key:
            blocks = [TextBlock(t, font, room, language=self._language) for t in self._awaited]
            size = QSizeF(
                max(block.natural_width for block in blocks),
                max(block.height for block in blocks),
            )
            self._awaited_size = (key, size)
        return self._awaited_size[1]

    def width_for(self, text: str) -> int:
        """How wide the button is with this label (in its style), icon and padding included."""
        side = self._side
        if not text or self._style is None:
            return side
        label = TextBlock(text, self._style.font(Role.BUTTON), 10_000)
        # Never narrower than it is tall: a finger's target ("A+" in smaller type included).
        return max(side, round(2 * side * 0.3 + self._content_width(label.natural_width)))

    def hold_widest(self, labels: Iterable[str]) -> None:
        """As wide as the widest of `labels` (its label in each of the show's languages), so
        it does not move under a finger when its label changes. Set after set_style and
        set_label, which size it to its own label."""
        self.setFixedWidth(max((self.width_for(text) for text in labels), default=self.width()))

    def _content_width(self, label_width: float) -> float:
        """The icon, the gap after it and the label (and a switch's track), side by side."""
        width = label_width
        if not self._path.isEmpty():
            width += self._side * (0.42 + 0.18)
        if self.is_switch:
            width += self._side * (SWITCH_GAP + SWITCH_WIDTH)
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._style is None:
            return
        palette = self._style.palette
        painter = QPainter(self)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        pressed = self.isDown()
        lit = pressed or (self.selected and not self.is_switch)
        fill = QColor(palette.accent if lit else palette.surface)
        if pressed:
            fill = fill.darker(125)
        fill, foreground = palette.on_fill(fill)
        # The boundary reads against the show (WCAG 1.4.11 asks 3:1): a control is seen as a
        # control, not only by its icon and label.
        ring = max(2.0, self._style.px(0.2))
        edge = QPen(fill if lit else palette.muted, ring)
        if self.refused and not lit:
            fill = QColor(palette.background)
            edge.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(edge)
        painter.setBrush(fill)
        rect = rect.adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2)
        radius = min(rect.height(), self._side) / 2  # a label on more lines: rounded corners
        painter.drawRoundedRect(rect, radius, radius)
        side = self._side
        if self._label is None:
            icon_rect = QRectF(
                rect.center().x() - side * 0.25,
                rect.center().y() - side * 0.25,
                side * 0.5,
                side * 0.5,
            )
        else:
            # Icon and label together in the middle, however wide the button is made.
            start = rect.center().x() - self._content_width(self._label.natural_width) / 2
            icon_rect = QRectF(start, rect.center().y() - side * 0.21, side * 0.42, side * 0.42)
        if not self._path.isEmpty():
            painter.save()
            painter.translate(icon_rect.topLeft())
            painter.scale(icon_rect.width(), icon_rect.height())
            pen = QPen(foreground, 0.11)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._path)
            painter.restore()
        if self._label is not None:
            label = self._label
            x = rect.center().x() - label.natural_width / 2
            track = self.switch_track()
            if not self._path.isEmpty():
                x = icon_rect.right() + side * 0.18
                track.moveLeft(x + label.natural_width + side * SWITCH_GAP)
            elif self.is_switch:
                # The track at the button's right end, where every switch of a column has
                # its own, the label in the middle of the room left of it.
                room = track.left() - side * SWITCH_GAP
                x = (rect.left() + side * 0.3 + room) / 2 - label.natural_width / 2
            label.draw(painter, x, rect.center().y() - label.height / 2, foreground)
            if self.is_switch:
                self._paint_switch(painter, track)
        painter.end()

    def switch_track(self) -> QRectF:
        """Where a switch's track is drawn (without an icon: at the button's right end)."""
        side, rect = self._side, QRectF(self.rect())
        return QRectF(
            rect.right() - side * (0.3 + SWITCH_WIDTH),
            rect.center().y() - side * 0.17,
            side * SWITCH_WIDTH,
            side * 0.34,
        )

    def _paint_switch(self, painter: QPainter, track: QRectF) -> None:
        """A track with its knob: at the left and hollow when off, at the right on the accent
        colour when on."""
        assert self._style is not None
        side, palette = self._side, self._style.palette
        on = self.selected
        radius = track.height() / 2
        painter.setPen(QPen(palette.accent if on else palette.muted, max(2.0, side * 0.03)))
        painter.setBrush(palette.accent if on else Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(track, radius, radius)
        knob = radius * 0.7
        x = track.right() - radius if on else track.left() + radius
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.on_fill(palette.accent)[1] if on else palette.muted)
        painter.drawEllipse(QPointF(x, track.center().y()), knob, knob)


class DotsStrip(QWidget):
    """Where the show stands, and a slider to move through it: a tap anywhere on the strip
    goes to the nearest slide, a finger sliding along it picks the slide under it (shown as it
    moves) and goes there when lifted. The whole strip, a control's height, is the target."""

    jump = Signal(int)
    pointing = Signal(int)  # a finger sliding along the strip points at this slide
    let_go = Signal()  # the finger that slid along the strip has lifted

    def __init__(self, state: ShowState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.scrub: int | None = None  # the slide under a finger on the strip
        self._pressed_x = 0.0
        # The finger has slid along the strip (not a tap): the slide it points at is previewed.
        self.sliding = False
        self._style: Style | None = None
        self.setCursor(Qt.CursorShape.BlankCursor)

    def set_style(self, style: Style) -> None:
        self._style = style
        self.update()

    @property
    def current(self) -> int:
        return self.state.index

    @property
    def count(self) -> int:
        return self.state.slide_count

    def spacing(self) -> float:
        assert self._style is not None
        return min(self._style.control_side, self.width() / self.count)

    def centre_of(self, index: int) -> QPointF:
        spacing = self.spacing()
        start = self.width() / 2 - spacing * (self.count - 1) / 2
        return QPointF(start + index * spacing, self.height() / 2)

    def index_at(self, x: float) -> int:
        spacing = self.spacing()
        start = self.width() / 2 - spacing * (self.count - 1) / 2
        return max(0, min(self.count - 1, round((x - start) / spacing)))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self._pressed_x = event.position().x()
        self.sliding = False
        self.scrub = self.index_at(self._pressed_x)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.scrub is None:
            return
        x = event.position().x()
        index = self.index_at(x)
        moved = index != self.scrub
        if moved:
            self.scrub = index
            self.update()
        # A finger that rests or trembles taps; one that slides half a slide's share or onto
        # another dot is looking for a slide.
        if not self.sliding and (moved or abs(x - self._pressed_x) > self.spacing() / 2):
            self.sliding = moved = True
        if self.sliding and moved:
            self.pointing.emit(index)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.scrub is None:
            return
        self._end_scrub()
        # A finger that slid off the strip upwards or downwards changes its mind.
        if abs(event.position().y() - self.height() / 2) <= self.height():
            self.jump.emit(self.index_at(event.position().x()))

    def _end_scrub(self) -> None:
        self.scrub = None
        self.update()
        if self.sliding:
            self.sliding = False
            self.let_go.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        if self.scrub is not None:
            self._end_scrub()  # the visitor left with a finger on the strip
        super().hideEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._style is None:
            return
        palette, unit = self._style.palette, self._style.unit
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for index in range(self.count):
            current = index == self.current
            painter.setBrush(palette.accent if current else palette.bar)
            radius = 0.55 * unit * (1.35 if current else 1.0)
            painter.drawEllipse(self.centre_of(index), radius, radius)
        if self.scrub is not None:
            # The slide under the finger: a ring around its dot.
            pen = QPen(palette.text, 0.3 * unit)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(self.centre_of(self.scrub), 1.4 * unit, 1.4 * unit)
        painter.end()


# The control row's type, tried in turn until the row fits the screen.
ROW_TEXT_SCALES = (1.0, 0.9, 0.8, 0.7)
STRIP_SHARE = 0.48  # each slide's share of the progress strip, in control sides, at the least


class ControlBar(QWidget):
    """The bottom band while a visitor is here: language, previous, progress, next, more."""

    previous = Signal()
    next = Signal()
    jump = Signal(int)
    stories = Signal()
    link = Signal()
    languages = Signal()
    text_size = Signal()

    def __init__(self, state: ShowState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.language_button = TouchButton("globe", self)
        self.text_button = TouchButton("", self)
        self.previous_button = TouchButton("previous", self)
        self.next_button = TouchButton("next", self)
        self.stories_button = TouchButton("grid", self)
        self.link_button = TouchButton("qr", self)
        # In place of "Stories" while a story opened from the overview is shown.
        self.back_button = TouchButton("back", self)
        self.back_button.hide()
        self.dots = DotsStrip(state, self)
        self._style: Style | None = None
        wiring: list[tuple[TouchButton, Callable[[], None]]] = [
            (self.language_button, self.languages.emit),
            (self.text_button, self.text_size.emit),
            (self.previous_button, self.previous.emit),
            (self.next_button, self.next.emit),
            (self.stories_button, self.stories.emit),
            (self.back_button, self.stories.emit),
            (self.link_button, self.link.emit),
        ]
        for button, signal in wiring:
            button.clicked.connect(signal)
        self.dots.jump.connect(self.jump.emit)
        state.slide_requested.connect(self._on_position_changed)
        state.show_replaced.connect(self._on_position_changed)

    def buttons(self) -> list[TouchButton]:
        return [
            self.language_button,
            self.text_button,
            self.previous_button,
            self.next_button,
            self.stories_button,
            self.back_button,
            self.link_button,
        ]

    def apply(self, style: Style) -> None:
        """Lays the bar out for a style, in the state's language.

        Each button is as wide as its widest label in any of the show's languages ("Stories"
        and "All stories" share one width), so no control moves under a finger when the
        language or the stories button changes. A row that would not fit the screen gets
        smaller type. A visitor's larger text is the slides': the controls keep their type,
        so none moves when A+ is tapped (A+ among them, to be tapped again), nor when the
        language changes after it.
        """
        for text_scale in ROW_TEXT_SCALES:
            self._apply(replace(style, text_scale=text_scale))
            if self._row_fits():
                break

    def _apply(self, style: Style) -> None:
        state = self.state
        language = state.language
        self._style = style
        side = style.control_side
        for button in self.buttons():
            button.set_style(style, side)
        self.language_button.set_label(
            i18n.language_name(language),
            f"{i18n.text('language', language)}: {i18n.language_name(language)}",
        )
        self.previous_button.setAccessibleName(i18n.text("previous", language))
        self.next_button.setAccessibleName(i18n.text("next", language))
        self.text_button.set_label("A+", i18n.text("larger_text", language))
        self.stories_button.set_label(i18n.text("stories", language))
        self.back_button.set_label(i18n.text("all_stories", language))
        self.link_button.set_label(i18n.text("take_link", language))
        self.language_button.setVisible(len(state.show.settings.languages) > 1)
        self.stories_button.setVisible(state.has_stories and self.back_button.isHidden())
        self._hold_widths(state.show.settings.languages)
        self.dots.set_style(style)
        self._on_position_changed()
        self._lay_out()

    def _hold_widths(self, languages: list[str]) -> None:
        """Every labelled button at its widest label in any of the show's languages."""
        self.language_button.hold_widest(i18n.language_name(code) for code in languages)
        self.link_button.hold_widest(i18n.text("take_link", code) for code in languages)
        slot = max(
            button.width_for(i18n.text(key, code))
            for button, key in ((self.stories_button, "stories"), (self.back_button, "all_stories"))
            for code in languages
        )
        for button in (self.stories_button, self.back_button):
            button.setFixedWidth(slot)

    def _row_items(self) -> list[TouchButton]:
        return [
            b
            for b in (
                self.language_button,
                self.text_button,
                self.stories_button,
                self.back_button,
                self.link_button,
            )
            if not b.isHidden()
        ]

    def _row_fits(self) -> bool:
        """The labelled buttons fit between the margins (in portrait they have a row of their
        own; in landscape they share it with previous, the strip and next)."""
        style = self._style
        assert style is not None
        gap = round(style.unit * 1.5)
        items = self._row_items()
        needed = float(sum(b.width() for b in items) + gap * (len(items) - 1))
        if style.landscape:
            # Previous and next with their gaps, and a strip that gives each slide a share a
            # finger can find (as _lay_out places them). Counted over the whole show, so that
            # the row keeps its type, and every control its place, when staff hide a story
            # or a schedule leaves slides out.
            slides = len(self.state.full_show.slides)
            strip = slides * STRIP_SHARE * style.control_side
            needed += gap + 2 * style.control_side + 4 * gap + strip
        return needed <= style.width - 2 * style.margin_x

    def _on_position_changed(self) -> None:
        state = self.state
        self.dots.setAccessibleName(
            i18n.text("progress", state.language).format(n=state.index + 1, count=state.slide_count)
        )
        self.dots.update()

    def set_story_return(self, can_return: bool) -> None:
        """'All stories' (back to the overview) takes the place of 'Stories' while it leads
        somewhere."""
        self.back_button.setVisible(can_return)
        self.stories_button.setVisible(self.state.has_stories and not can_return)
        self._lay_out()

    def resizeEvent(self, event: object) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        style = self._style
        if style is None:
            return
        side = style.control_side
        margin = round(style.margin_x)
        gap = round(style.unit * 1.5)
        width, height = self.width(), self.height()
        left_items = [b for b in (self.language_button, self.text_button) if not b.isHidden()]
        right_items = [
            b for b in (self.stories_button, self.back_button, self.link_button) if not b.isHidden()
        ]
        if style.landscape:
            y = (height - side) // 2
            x = margin
            for button in left_items:
                button.move(x, y)
                x += button.width() + gap
            left_end = x
            x = width - margin
            for button in reversed(right_items):
                x -= button.width()
                button.move(x, y)
                x -= gap
            right_start = x
            centre = (left_end + right_start) / 2
            # The strip takes all the room between previous and next: the wider, the easier
            # to point at one slide.
            available = right_start - left_end - 2 * side - 4 * gap
            dots_width = max(side, available)
            self.previous_button.move(round(centre - dots_width / 2 - gap - side), y)
            self.next_button.move(round(centre + dots_width / 2 + gap), y)
            self.dots.setGeometry(round(centre - dots_width / 2), y, round(dots_width), side)
        else:
            row = (height - 2 * side) // 3
            y1, y2 = row, 2 * row + side
            dots_width = width - 2 * margin - 2 * side - 2 * gap
            self.previous_button.move(margin, y1)
            self.next_button.move(width - margin - side, y1)
            self.dots.setGeometry(margin + side + gap, y1, dots_width, side)
            # As in landscape: language and type size from the left margin, stories and the
            # link from the right one, so a panel's close button comes where the link was.
            x = margin
            for button in left_items:
                button.move(x, y2)
                x += button.width() + gap
            x = width - margin
            for button in reversed(right_items):
                x -= button.width()
                button.move(x, y2)
                x -= gap
