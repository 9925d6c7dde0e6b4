"""The stories overview: every story as a card in a grid that scrolls under a finger."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QTouchEvent
from PySide6.QtWidgets import QWidget

from kiosk import i18n
from kiosk.content.model import StorySlide
from kiosk.playback.state import ShowState
from kiosk.ui.overlays import Overlay
from kiosk.ui.slides import ImageStore
from kiosk.ui.style import Role, Style
from kiosk.ui.swipe import TAP_SLOP
from kiosk.ui.text import TextBlock

# A card's picture, as a share of its width: as tall as it looks best, lower only where that
# lets the row below peek in (PEEK of it at least) to say that the grid scrolls.
PICTURE_RATIOS = (0.62, 0.56, 0.5, 0.44, 0.38)
PEEK = 1 / 3


@dataclass
class Card:
    slide_index: int
    story: StorySlide
    rect: QRectF  # in grid coordinates (before scrolling)
    name: TextBlock
    line: TextBlock


class StoriesOverlay(Overlay):
    """All stories of the show; a tap opens one, a drag scrolls."""

    opened = Signal(int)
    toggled = Signal(str)  # staff mode: a story's id, to hide or show again

    def __init__(self, state: ShowState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.hidden: set[str] | None = None  # set in staff mode: every story, hidden ones marked
        self.cards: list[Card] = []
        self.images = ImageStore(state.files)
        self.stories: list[tuple[int, StorySlide]] = []
        self.scroll_y = 0.0
        self.content_height = 0.0
        self.viewport = QRectF()
        self.picture_ratio = PICTURE_RATIOS[0]
        self._title: TextBlock | None = None
        self._title_top = 0.0
        self._help: TextBlock | None = None
        self._press: QPointF | None = None
        self.pressed: Card | None = None  # the card under a finger that has not yet let go
        self._press_scroll_y = 0.0
        self._scrolling = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.refresh()

    def refresh(self, hidden: set[str] | None = None) -> None:
        """The stories of the show on screen, or (with `hidden`, for staff) of the whole show
        with the hidden ones marked."""
        state = self.state
        show = state.full_show if hidden is not None else state.show
        if self.images.folder != state.files:
            self.images = ImageStore(state.files)  # another show: its pictures
        self.hidden = hidden
        self.stories = [
            (index, slide)
            for index, slide in enumerate(show.slides)
            if isinstance(slide, StorySlide)
        ]
        if self.style_ is not None:
            self.rebuild()
            self.update()

    def sheet_top(self, style: Style) -> float:
        return style.height * (0.25 if style.landscape else 0.3)

    def rebuild(self) -> None:
        style = self.style_
        assert style is not None
        width = style.width - 2 * style.margin_x
        self._title = TextBlock(
            i18n.text("stories", self.language), style.font(Role.OVERLAY_TITLE), width
        )
        # For staff hiding stories: what a tap does, under the title.
        self._help = (
            TextBlock(
                i18n.text("hide_help", self.language),
                style.font(Role.CAPTION),
                width,
                language=self.language,
            )
            if self.hidden is not None
            else None
        )
        help_height = self._help.height + style.px(1.5) if self._help is not None else 0.0
        # Cards start within reach and end above the close button's row; more scroll.
        heading = self._title.height + help_height
        title_bottom = self.sheet.top() + style.px(3) + heading + style.px(3)
        top = max(style.reach_top, title_bottom)
        self._title_top = top - style.px(3) - heading
        self.viewport = QRectF(0, top, style.width, style.bottom_row_y - style.px(2) - top)
        columns = max(2, min(5, math.floor(width / (30 * style.unit))))
        gap = style.px(2.5)
        card_w = (width - gap * (columns - 1)) / columns
        # When the cards run on below the viewport, the row it cuts must show enough of itself
        # to say there is more: pictures a little lower until a third of that row peeks in.
        texts = self._card_texts(style, card_w)
        for ratio in PICTURE_RATIOS:
            self._lay_out_cards(style, columns, card_w, gap, ratio, texts)
            if self._next_row_peeks():
                break
        else:  # no height lets it peek: the pictures as they look best
            self._lay_out_cards(style, columns, card_w, gap, PICTURE_RATIOS[0], texts)
        self.scroll_y = max(0.0, min(self.scroll_y, self.max_scroll()))

    def _next_row_peeks(self) -> bool:
        bottom = self.viewport.height()
        below = [c.rect for c in self.cards if c.rect.bottom() > bottom]
        return not below or bottom - below[0].top() >= PEEK * below[0].height()

    def _card_texts(self, style: Style, card_w: float) -> list[tuple[TextBlock, TextBlock]]:
        """Each story's name and line, laid out once in the cards' width."""
        ctx_default = self.state.show.settings.default_language
        pad = style.px(1.6)
        return [
            (
                TextBlock(
                    story.name.get(self.language, ctx_default),
                    style.font(Role.AUTHOR),
                    card_w - 2 * pad,
                    language=self.language,
                ),
                TextBlock(
                    story.line.get(self.language, ctx_default),
                    style.font(Role.SMALL),
                    card_w - 2 * pad,
                    language=self.language,
                ),
            )
            for _, story in self.stories
        ]

    def _lay_out_cards(
        self,
        style: Style,
        columns: int,
        card_w: float,
        gap: float,
        ratio: float,
        texts: list[tuple[TextBlock, TextBlock]],
    ) -> None:
        self.picture_ratio = ratio
        pad = style.px(1.6)
        self.cards = []
        rows: list[float] = []
        for position, ((index, story), (name, line)) in enumerate(
            zip(self.stories, texts, strict=True)
        ):
            height = card_w * ratio + pad + name.height + style.px(0.6) + line.height + pad
            row, column = divmod(position, columns)
            if row == len(rows):
                rows.append(0.0)
            rows[row] = max(rows[row], height)
            self.cards.append(
                Card(
                    index,
                    story,
                    QRectF(style.margin_x + column * (card_w + gap), row, card_w, height),
                    name,
                    line,
                )
            )
        offsets = [0.0]
        for height in rows:
            offsets.append(offsets[-1] + height + gap)
        for card in self.cards:
            row = int(card.rect.y())
            card.rect = QRectF(card.rect.x(), offsets[row], card.rect.width(), rows[row])
        self.content_height = offsets[-1]

    def max_scroll(self) -> float:
        return max(0.0, self.content_height - self.viewport.height())

    def card_at(self, point: QPointF) -> Card | None:
        if not self.viewport.contains(point):
            return None
        inside = QPointF(point.x(), point.y() - self.viewport.top() + self.scroll_y)
        return next((c for c in self.cards if c.rect.contains(inside)), None)

    def screen_rect(self, card: Card) -> QRectF:
        return card.rect.translated(0, self.viewport.top() - self.scroll_y)

    # -- input: a drag scrolls, a tap opens -------------------------------------------------------

    def _begin(self, point: QPointF) -> None:
        self._press = point
        self._press_scroll_y = self.scroll_y
        self._scrolling = False
        self._set_pressed(self.card_at(point))

    def _set_pressed(self, card: Card | None) -> None:
        """The card under the finger shows it is pressed at once; it opens on release."""
        if card is not self.pressed:
            self.pressed = card
            self.update()

    def _move(self, point: QPointF) -> None:
        if self._press is None or self.style_ is None:
            return
        dy = point.y() - self._press.y()
        if not self._scrolling and abs(dy) > TAP_SLOP * self.style_.width:
            self._scrolling = True
            self._set_pressed(None)  # a drag scrolls: no card opens
        if self._scrolling:
            self.scroll_y = max(0.0, min(self.max_scroll(), self._press_scroll_y - dy))
            self.update()

    def _end(self, point: QPointF) -> None:
        if self._press is not None and not self._scrolling and self.outside(self._press):
            if self.outside(point):
                self.dismiss()
        elif self._press is not None and not self._scrolling:
            card = self.card_at(point)
            if card is not None and self.hidden is not None:
                self.toggled.emit(card.story.id)
            elif card is not None:
                self.opened.emit(card.slide_index)
        self._press = None
        self._scrolling = False
        self._set_pressed(None)

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent) and event.points():
            point = event.points()[0].position()
            kind = event.type()
            if kind == QEvent.Type.TouchBegin:
                self._begin(point)
            elif kind == QEvent.Type.TouchUpdate:
                self._move(point)
            elif kind == QEvent.Type.TouchEnd:
                self._end(point)
            elif kind == QEvent.Type.TouchCancel:
                self._press = None
                self._set_pressed(None)
            event.accept()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._begin(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._move(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._end(event.position())

    # -- painting ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        style = self.style_
        if style is None or self._title is None:
            return
        palette = style.palette
        painter = QPainter(self)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        self.paint_background(painter)
        self._title.draw(painter, style.margin_x, self._title_top, palette.text)
        if self._help is not None:
            help_y = self._title_top + self._title.height + style.px(1.5)
            self._help.draw(painter, style.margin_x, help_y, palette.muted)
        painter.setClipRect(self.viewport)
        radius = style.px(1.2)
        pad = style.px(1.6)
        for card in self.cards:
            rect = self.screen_rect(card)
            if rect.bottom() < self.viewport.top() or rect.top() > self.viewport.bottom():
                continue  # only what can be seen is drawn: a show may hold hundreds of stories
            # A card is a control: its boundary reads against the show as a button's does.
            edge = max(2.0, style.px(0.2))
            painter.setPen(QPen(palette.muted, edge))
            painter.setBrush(palette.surface)
            painter.drawRoundedRect(
                rect.adjusted(edge / 2, edge / 2, -edge / 2, -edge / 2), radius, radius
            )
            picture = QRectF(rect.x(), rect.y(), rect.width(), rect.width() * self.picture_ratio)
            hidden = self.hidden is not None and card.story.id in self.hidden
            # A hidden story: its picture faded, and instead of its line the word "Hidden",
            # below the picture, never over it.
            painter.setOpacity(0.3 if hidden else 1.0)
            self._paint_picture(painter, card, picture, rect)
            painter.setOpacity(1.0)
            y = picture.bottom() + pad
            card.name.draw(painter, rect.x() + pad, y, palette.muted if hidden else palette.text)
            below = y + card.name.height + style.px(0.6)
            if hidden:
                label = i18n.text("hidden", self.language)
                mark = TextBlock(label, style.font(Role.KICKER), rect.width() - 2 * pad)
                mark.draw(painter, rect.x() + pad, below, palette.accent)
            else:
                card.line.draw(painter, rect.x() + pad, below, palette.muted)
            if card is self.pressed:
                # Pressed: a ring in the accent colour, as a pressed control turns accent.
                ring = max(3.0, style.px(0.5))
                painter.setPen(QPen(palette.accent, ring))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                half = ring / 2
                painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), radius, radius)
        painter.end()

    def _paint_picture(self, painter: QPainter, card: Card, area: QRectF, rect: QRectF) -> None:
        """A photo fills the card's top, cut to the card's rounded corners; line art stands
        whole on its roundel; no picture, a silhouette."""
        style = self.style_
        assert style is not None
        side = round(min(area.width(), area.height()) * 0.86)
        if card.story.image:
            painter.save()
            corners = QPainterPath()
            radius = style.px(1.2)
            corners.addRoundedRect(rect, radius, radius)
            painter.setClipPath(corners, Qt.ClipOperation.IntersectClip)
            filled = self.images.draw_filling(painter, card.story.image, area)
            painter.restore()
            if filled:
                return
            square = QRectF(area.center().x() - side / 2, area.center().y() - side / 2, side, side)
            if self.images.draw(painter, card.story.image, square, style.palette.picture_ground()):
                return
        # No picture: a quiet silhouette, never a stranger's photo.
        centre = area.center()
        head = side * 0.17
        path = QPainterPath()
        path.addEllipse(QPointF(centre.x(), centre.y() - head * 0.9), head, head)
        path.addRoundedRect(
            QRectF(centre.x() - head * 1.9, centre.y() + head * 0.5, head * 3.8, head * 2.0),
            head,
            head,
        )
        painter.setBrush(style.palette.bar)
        painter.drawPath(path)
