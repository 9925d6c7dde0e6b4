"""Video slide: the clip as large as the slide allows, its captions under or over its lower edge.

The still is the clip's poster (the organiser's picture, or a frame the kiosk takes a second
in) with the caption shown at that moment, or the first one: what the slide enters and leaves
on before and after its clip plays, and what a paused kiosk, reduced motion, `render` and the
kept first frame show. Once the slide has landed its clip plays (`kiosk.ui.clip_player`), each
frame drawn over the poster with the caption of its moment, in the visitor's language.

A slide with `sound: true`, on a kiosk that allows sound, offers a visitor a round button at the
picture's right edge to turn the clip's sound on and off; the stage shows it while a visitor is
there (never in the attract loop, which is always muted) and once the clip plays.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen

from kiosk.content.captions import Caption, CaptionTrack, read_captions
from kiosk.content.model import VideoSlide
from kiosk.ui.clip_frames import poster_time
from kiosk.ui.slides.base import Column, Composition, Placed, SlideView
from kiosk.ui.style import Role
from kiosk.ui.text import TextBlock

if TYPE_CHECKING:
    from kiosk.ui.clip_player import ClipPlayer
    from kiosk.ui.clip_sound import SoundOutput

CAPTION_GROUND = QColor(0, 0, 0, 200)  # under white words: over 15:1 on any picture
CAPTION_WIDTH = 0.8  # of the picture's width: lines a reader takes in at a glance
BUTTON_GROUND = QColor(0, 0, 0, 170)  # the sound button's disc: white on it reads on any picture
CAPTION_LINE = 1.3  # a caption's line, in its type's size
BUTTON_INSET = 2.0  # units between the sound button and the picture's edges


class VideoView(SlideView):
    kind = "video"
    slide: VideoSlide
    live = True

    def compose(self, scale: float) -> Composition:
        style = self.style
        if style.on_paper:
            return self._compose_on_paper(scale)
        composition = Composition()
        # Beside the manifesto's code in landscape, above it in portrait, as every slide.
        right = style.content_right if style.landscape and style.corner_code else style.width
        self._area = area = QRectF(0, 0, right, style.content_bottom)
        self._picture = picture = self._picture_rect(area)
        self._scale = scale
        self._player: ClipPlayer | None = None
        self._live_captions: dict[str, Placed] = {}
        composition.items.append(self._poster(picture))
        caption = self._caption_at(self.poster_seconds)
        if caption is not None:
            composition.items.append(self._caption(caption.text, area, picture, scale))
        self._sound_rect = self._sound_place(picture)
        return composition

    def _sound_place(self, picture: QRectF) -> QRectF:
        """The sound button: a touch target's size, in the picture's top right corner, lowered
        to stay within reach from a wheelchair (style.REACH_TOP) and kept above the captions
        over the picture's lower edge."""
        style = self.style
        side, inset = style.control_side, style.px(BUTTON_INSET)
        x = picture.right() - inset - side
        y = max(picture.top() + inset, style.reach_top)
        # Two lines of caption on its ground over the picture's lower edge stay clear.
        lines = 2 * CAPTION_LINE * style.font(Role.BODY, self._scale).pixelSize()
        lowest = picture.bottom() - style.px(3) - style.px(1.2) - lines
        y = max(picture.top(), min(y, lowest - inset - side))
        return QRectF(x, y, side, side)

    def _compose_on_paper(self, scale: float) -> Composition:
        """On a handout: the poster across the text's width, and under it what is said in
        the clip (its captions in the reader's language, one after another)."""
        style = self.style
        composition = Composition()
        self._player, self._live_captions, self._scale = None, {}, scale
        self._sound_rect = QRectF()
        width = style.content_width
        top, bottom = style.margin_y, style.content_bottom
        self._asked = (round(width), round(4 * width))
        image = self._still_picture()
        height = image.height() if image is not None else 0.5625 * width
        self._area = self._picture = QRectF(style.margin_x, top, width, height)
        composition.items.append(self._poster(self._picture))
        column = Column(style, style.margin_x, width, scale, self.ctx.language, self.hyphens)
        said = (
            " ".join(c.text.replace("\n", " ") for c in self.captions.captions)
            if (self.captions is not None)
            else ""
        )
        if said:
            column.text("transcript", said, Role.BODY, style.palette.text)
        below = top + height + (style.px(3) * scale if said else 0.0)
        composition.items += column.place(below)
        composition.overflow = below + column.height > bottom
        return composition

    # -- the clip playing ----------------------------------------------------------------------

    def start_live(self, on_frame: Callable[[], None], sound: SoundOutput | None = None) -> None:
        if self._player is not None:
            return
        from kiosk.ui.clip_player import ClipPlayer, Segment

        slide = self.slide
        size = QSize(round(self._picture.width()), round(self._picture.height()))
        segment = Segment(slide.start or 0.0, slide.end, slide.loop)
        path = self.ctx.images.folder / slide.file.replace("\\", "/")
        self._player = ClipPlayer(path, size, segment, sound=sound if slide.sound else None)
        self._player.frame_ready.connect(on_frame)
        self._player.play()

    @property
    def player(self) -> ClipPlayer | None:
        """The clip's player while the slide plays it."""
        return self._player

    @property
    def caption_now(self) -> str | None:
        """The caption drawn with the frame on screen, if any."""
        if self._player is None or self._player.current is None:
            return None
        caption = self._caption_at(self._player.clip_time, first=False)
        return caption.text if caption is not None else None

    def stop_live(self) -> None:
        """Stops the clip; the next start plays it from its beginning."""
        player, self._player = self._player, None
        if player is not None:
            player.stop()
            player.deleteLater()

    def take_live(self, other: SlideView) -> bool:
        player = getattr(other, "_player", None)
        if (
            not isinstance(other, VideoView)
            or other.slide != self.slide
            or other.turn != self.turn
            or other._picture != self._picture
            or player is None
            or not player.playing
        ):
            return False
        other._player, self._player = None, player
        return True

    def sound_button(self) -> QRectF | None:
        player = self._player
        if player is None or not player.audio or player.current is None:
            return None
        return self._sound_rect

    def set_sound(self, on: bool) -> None:
        if self._player is not None:
            self._player.set_sound(on)

    def paint_sound_button(self, painter: QPainter, on: bool) -> None:
        """A disc with a speaker: sound waves beside it when the sound is on, a cross when
        it is off. White on a dark ground, as the captions, to read over any picture."""
        rect = self._sound_rect
        side = rect.width()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BUTTON_GROUND)
        painter.drawEllipse(rect)
        white = QColor(Qt.GlobalColor.white)
        painter.translate(rect.topLeft())
        painter.scale(side / 24, side / 24)  # the icon drawn on a 24-unit square
        speaker = QPainterPath()
        speaker.moveTo(5.5, 9.5)
        speaker.lineTo(8.5, 9.5)
        speaker.lineTo(12.5, 6.0)
        speaker.lineTo(12.5, 18.0)
        speaker.lineTo(8.5, 14.5)
        speaker.lineTo(5.5, 14.5)
        speaker.closeSubpath()
        painter.fillPath(speaker, QBrush(white))
        pen = QPen(white, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if on:
            for radius in (3.0, 5.5):
                waves = QPainterPath()
                waves.arcMoveTo(QRectF(12.5 - radius, 12 - radius, 2 * radius, 2 * radius), -45)
                waves.arcTo(QRectF(12.5 - radius, 12 - radius, 2 * radius, 2 * radius), -45, 90)
                painter.drawPath(waves)
        else:
            painter.drawLine(QPointF(15.0, 9.5), QPointF(19.5, 14.5))
            painter.drawLine(QPointF(19.5, 9.5), QPointF(15.0, 14.5))
        painter.restore()

    def paint_live(self, painter: QPainter) -> None:
        frame = self._player.current if self._player is not None else None
        if frame is None:
            return  # the poster stands until the first frame is there
        # The stage's painter maps upright coordinates onto the panel, turned or not.
        self._paint_frame(painter, frame)

    def leaving_image(self) -> QImage:
        frame = self._player.current if self._player is not None else None
        if frame is None:
            return self.final_image()
        image = self.final_image().copy()
        painter = self._painter_on(image)
        self._paint_frame(painter, frame)
        painter.end()
        return image

    def _paint_frame(self, painter: QPainter, frame: QImage) -> None:
        """The frame in the picture's place and the caption of its moment, upright."""
        picture, background = self._picture, self.style.palette.background
        if frame.size() != picture.size().toSize():
            painter.fillRect(picture, background)
        x = picture.x() + (picture.width() - frame.width()) / 2
        y = picture.y() + (picture.height() - frame.height()) / 2
        painter.drawImage(QRectF(x, y, frame.width(), frame.height()), frame)
        for item in self.composition.items:
            if item.role == "caption" and not picture.contains(item.box):
                painter.fillRect(item.box, background)  # the poster's caption, under the clip
        assert self._player is not None
        caption = self._caption_at(self._player.clip_time, first=False)
        if caption is not None:
            placed = self._live_captions.get(caption.text)
            if placed is None:
                placed = self._caption(caption.text, self._area, picture, self._scale)
                self._live_captions[caption.text] = placed
            placed.paint(painter)

    def _picture_rect(self, area: QRectF) -> QRectF:
        """Where the clip stands: as large as the area allows, centred in it. Until its
        poster is decoded (on the screen, off the GUI thread) it is taken to be 16:9, the
        shape of most clips; the stage lays the slide out again once the poster is there."""
        self._asked = (round(area.width()), round(area.height()))
        image = self._still_picture()
        shown = (
            image.size()
            if image is not None
            else QSize(16, 9).scaled(area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
        )
        x = area.x() + (area.width() - shown.width()) / 2
        y = area.y() + (area.height() - shown.height()) / 2
        return QRectF(x, y, shown.width(), shown.height())

    def _still_picture(self) -> QImage | None:
        """The poster, fitted into the area the layout asked it for (one size per slide and
        screen: laid out and painted from the same decoded picture)."""
        slide, images = self.slide, self.ctx.images
        width, height = self._asked
        if slide.poster is not None:
            return images.fitted(slide.poster, width, height)
        return images.frame(slide.file, self.poster_seconds, width, height)

    @property
    def poster_seconds(self) -> float:
        """Where in the clip the still is: the caption shown with it is the one of then."""
        return poster_time(self.slide.start or 0.0, self.slide.end, 0.0)

    @cached_property
    def captions(self) -> CaptionTrack | None:
        """The captions in the visitor's language, else in the show's default language."""
        files = self.slide.captions
        if files is None:
            return None
        name = files.get(self.ctx.language, self.ctx.show.settings.default_language)
        track = read_captions(self.ctx.images.folder / name.replace("\\", "/"))
        return track if track.usable else None

    def _caption_at(self, seconds: float, first: bool = True) -> Caption | None:
        """The caption shown `seconds` into the clip; with `first`, the clip's first caption
        when none is (the poster carries one, so it says what the clip is about)."""
        track = self.captions
        if track is None or not track.captions:
            return None
        shown = track.at(seconds)
        if shown:
            return shown[0]
        return track.captions[0] if first else None

    def _poster(self, rect: QRectF) -> Placed:
        def paint(painter: QPainter) -> None:
            image = self._still_picture()
            if image is not None:
                painter.drawImage(rect, image)

        return Placed("clip", rect, paint)

    def _caption(self, text: str, area: QRectF, picture: QRectF, scale: float) -> Placed:
        """The caption under the picture where there is room (a wide clip on a tall panel),
        else over the picture's lower edge, on a dark ground either way."""
        style = self.style
        width = CAPTION_WIDTH * min(area.width(), style.content_width)
        block = TextBlock(
            text,
            style.font(Role.BODY, scale),
            width,
            align=Qt.AlignmentFlag.AlignHCenter,
            language=self.ctx.language,
        )
        pad = style.px(1.2)
        x = area.x() + (area.width() - width) / 2
        below = picture.bottom() + style.px(3)
        if below + block.height + pad <= area.bottom():
            y = below
        else:
            y = picture.bottom() - style.px(3) - block.height
        ink = block.ink_rect(x, y)
        ground = ink.adjusted(-2 * pad, -pad, 2 * pad, pad)

        def paint(painter: QPainter) -> None:
            painter.fillRect(ground, CAPTION_GROUND)
            block.draw(painter, x, y, QColor(Qt.GlobalColor.white))

        return Placed(
            "caption",
            ground,
            paint,
            ink=ink,
            text=text,
            broken_words=block.broken_words,
            lines=block.lines(),
            font=block.font,
        )
