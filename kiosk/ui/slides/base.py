"""What every slide view shares: fitting its text, caching its still image, its footer."""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QPainter, QTransform
from PySide6.QtSvg import QSvgRenderer

from kiosk import i18n
from kiosk.content.model import AsOf, LocalText, Show
from kiosk.tasks import Tasks
from kiosk.ui import line_art
from kiosk.ui.style import FLOOR_SCALE, MIN_READABLE_SCALE, READING_MEASURE_EM, Role, Style
from kiosk.ui.text import TextBlock
from kiosk.ui.turn import rotation_transform, turned_size

if TYPE_CHECKING:
    from kiosk.ui.clip_sound import SoundOutput

log = logging.getLogger(__name__)

SHRINK_STEP = 0.94
IMAGE_FORMAT = QImage.Format.Format_ARGB32_Premultiplied
FRAMES_KEPT = 8  # posters of clips: one per video slide of a show and screen, ~6 MB each
# Whole slides are opaque: without an alpha channel, blits are copies and fades cheaper.
SLIDE_FORMAT = QImage.Format.Format_RGB32


@dataclass
class Placed:
    """One thing drawn on a slide: where it may stand, where its ink falls, how to paint it."""

    role: str
    box: QRectF
    paint: Callable[[QPainter], None]
    ink: QRectF | None = None
    text: str | None = None
    broken_words: bool = False
    lines: list[str] = field(default_factory=list)  # text as laid out, line by line
    font: QFont | None = None  # the text's


@dataclass
class Composition:
    items: list[Placed] = field(default_factory=list)
    overflow: bool = False


class ImageStore:
    """Decodes pictures at the size they are shown, once; a broken file shows nothing."""

    def __init__(
        self,
        folder: Path,
        limit: int = 48,
        on_paper: bool = False,
        frames_in_background: bool = False,
    ):
        self.folder = folder
        # On paper line art prints as lines: its neutral colours turned for white (line_art).
        self.on_paper = on_paper
        self._cache: dict[tuple[str, int, int, bool], QImage | None] = {}
        self._limit = limit
        self._see_through: set[str] = set()  # pictures drawn on a transparent background
        # Frames of clips (posters): a clip is opened and decoded up to the frame, a fifth of
        # a second and more on a small machine. The screen has them decoded off the GUI
        # thread (`frames_in_background`) and is told when one is there (`on_frame`); render
        # and print wait for them.
        self.frames_in_background = frames_in_background
        self.on_frame: Callable[[str], None] | None = None  # given the clip's name
        self._frames: OrderedDict[tuple[str, float, int, int], QImage | None] = OrderedDict()
        self._frames_asked: set[tuple[str, float, int, int]] = set()
        self._frame_tasks: Tasks | None = None

    def fitted(self, name: str, width: int, height: int, cover: bool = False) -> QImage | None:
        """The picture at this size (inside it; with `cover`, filling it and overlapping on
        one side): decoded once, kept while among the last `limit` used."""
        key = (name, width, height, cover)
        if key in self._cache:
            image = self._cache.pop(key)  # to the end: the most recently used
        else:
            while len(self._cache) >= self._limit:
                self._cache.pop(next(iter(self._cache)))
            image = self._decode(name, width, height, cover)
        self._cache[key] = image
        return image

    def draw_filling(self, painter: QPainter, name: str, area: QRectF) -> bool:
        """A photo filling the area, cut evenly at its sides or its top and bottom; False for
        line art (drawn whole instead, on its roundel) and for a picture that cannot be read."""
        if name.lower().endswith(".svg"):
            return False
        image = self.fitted(name, round(area.width()), round(area.height()), cover=True)
        if image is None or name in self._see_through:
            return False
        source = QRectF(
            (image.width() - area.width()) / 2,
            (image.height() - area.height()) / 2,
            area.width(),
            area.height(),
        )
        painter.drawImage(area, image, source)
        return True

    def frame(self, name: str, seconds: float, width: int, height: int) -> QImage | None:
        """The frame `seconds` into the clip `name`, fitted into the size: decoded once. In the
        background, None until it is there (and `on_frame` is called)."""
        key = (name, round(seconds, 3), width, height)
        if key in self._frames:
            self._frames.move_to_end(key)
            return self._frames[key]
        if not self.frames_in_background:
            self._keep_frame(key, self._decode_frame(key))
            return self._frames[key]
        if key not in self._frames_asked:
            self._frames_asked.add(key)
            if self._frame_tasks is None:
                self._frame_tasks = Tasks("clip frames")
            self._frame_tasks.run(
                "frame", lambda: self._decode_frame(key), lambda found: self._arrived(key, found)
            )
        return None

    def _decode_frame(self, key: tuple[str, float, int, int]) -> QImage | None:
        from kiosk.ui.clip_frames import frame_at

        name, seconds, width, height = key
        found = frame_at(self.folder / name.replace("\\", "/"), seconds, QSize(width, height))
        return None if found.isNull() else found

    def _arrived(self, key: tuple[str, float, int, int], found: object) -> None:
        self._frames_asked.discard(key)
        self._keep_frame(key, found if isinstance(found, QImage) else None)
        if self.on_frame is not None:
            self.on_frame(key[0])

    def close(self) -> None:
        """The store is dropped (another show): frames still being decoded are not delivered,
        and its worker ends."""
        self.on_frame = None
        if self._frame_tasks is not None:
            self._frame_tasks.close(wait=False)
            self._frame_tasks = None

    def _keep_frame(self, key: tuple[str, float, int, int], image: QImage | None) -> None:
        self._frames[key] = image
        while len(self._frames) > FRAMES_KEPT:
            self._frames.popitem(last=False)

    def decoded(self) -> list[QImage]:
        return [image for image in self._cache.values() if image is not None]

    def _decode(self, name: str, width: int, height: int, cover: bool) -> QImage | None:
        path = self.folder / name.replace("\\", "/")
        if path.suffix.lower() == ".svg":
            renderer = self._svg(path)
            if not renderer.isValid():
                log.warning("cannot draw SVG image %s", path)
                return None
            size = renderer.defaultSize().scaled(
                QSize(width, height), Qt.AspectRatioMode.KeepAspectRatio
            )
            image = QImage(size, IMAGE_FORMAT)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter)
            painter.end()
            self._see_through.add(name)
            return image
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        source = reader.size()
        if source.isValid():
            mode = (
                Qt.AspectRatioMode.KeepAspectRatioByExpanding
                if cover
                else Qt.AspectRatioMode.KeepAspectRatio
            )
            reader.setScaledSize(source.scaled(QSize(width, height), mode))
        image = reader.read()
        if (
            image.isNull()
            and reader.error() is QImageReader.ImageReaderError.UnsupportedFormatError
        ):
            # This Qt has no plugin for the format (PySide6 6.8.0.2 on Raspberry Pi OS Bookworm
            # cannot load its WebP plugin): the decoder that checked the picture draws it.
            image = _decode_with_pillow(path, QSize(width, height), cover)
        if image.isNull():
            log.warning("cannot decode image %s: %s", path, reader.errorString())
            return None
        if image.hasAlphaChannel():
            self._see_through.add(name)
        return image.convertToFormat(IMAGE_FORMAT)

    def _svg(self, path: Path) -> QSvgRenderer:
        if not self.on_paper:
            return QSvgRenderer(str(path))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return QSvgRenderer()  # not valid: drawn as nothing, as a broken file on screen
        return QSvgRenderer(QByteArray(line_art.for_paper(text).encode("utf-8")))

    def draw(self, painter: QPainter, name: str, area: QRectF, ground: QColor) -> bool:
        """A picture fitted into a square area, centred; line art on a transparent background
        stands on a roundel of the palette's picture ground (navy on screen, black in high
        contrast), so its light lines read on any background."""
        image = self.fitted(name, round(area.width()), round(area.height()))
        if image is None:
            return False
        if name in self._see_through:
            radius = min(area.width(), area.height()) / 2 * 0.94
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ground)
            painter.drawEllipse(area.center(), radius, radius)
            painter.restore()
        x = area.x() + (area.width() - image.width()) / 2
        y = area.y() + (area.height() - image.height()) / 2
        painter.drawImage(QRectF(x, y, image.width(), image.height()), image)
        return True


def _decode_with_pillow(path: Path, size: QSize, cover: bool) -> QImage:
    """A picture decoded by Pillow at the size it is shown (inside it, or with `cover`
    filling it); a null image if Pillow cannot read it either. Drawn as Qt's own reader draws
    it where it has the plugin (Qt's WebP reader ignores an EXIF turn, and so does this), and
    never held whole more than once: halved as it is decoded, then scaled."""
    from PIL import Image

    mode = (
        Qt.AspectRatioMode.KeepAspectRatioByExpanding
        if cover
        else Qt.AspectRatioMode.KeepAspectRatio
    )
    try:
        with Image.open(path) as opened:
            shown = QSize(opened.width, opened.height).scaled(size, mode)
            width, height = max(1, shown.width()), max(1, shown.height())
            factor = max(1, min(opened.width // width, opened.height // height))
            picture = opened.reduce(factor) if factor > 1 else opened
            see_through = picture.has_transparency_data
            wanted = "RGBA" if see_through else "RGB"
            if picture.mode != wanted:
                picture = picture.convert(wanted)
            picture = picture.resize((width, height), Image.Resampling.LANCZOS)
            data = picture.tobytes()
    except (OSError, ValueError, Image.DecompressionBombError):
        return QImage()
    channels = 4 if see_through else 3
    layout = QImage.Format.Format_RGBA8888 if see_through else QImage.Format.Format_RGB888
    return QImage(data, width, height, width * channels, layout).copy()


@dataclass
class SlideContext:
    show: Show
    language: str
    style: Style
    images: ImageStore

    def t(self, text: LocalText | None) -> str:
        if text is None:
            return ""
        return text.get(self.language, self.show.settings.default_language)


def text_item(role: str, block: TextBlock, x: float, y: float, color: QColor) -> Placed:
    return Placed(
        role=role,
        box=QRectF(x, y, block.width, block.height),
        paint=lambda painter: block.draw(painter, x, y, color),
        ink=block.ink_rect(x, y),
        text=block.text,
        broken_words=block.broken_words,
        lines=block.lines(),
        font=block.font,
    )


# Running text, set in a measure of at most READING_MEASURE_EM ems where it is set left.
READING_ROLES = (Role.BODY, Role.LEAD, Role.CAPTION, Role.QUOTE, Role.QUOTE_LONG)


class Column:
    """Blocks stacked top to bottom in one width, running text in a readable measure within it;
    placed once its height is known."""

    def __init__(
        self,
        style: Style,
        x: float,
        width: float,
        scale: float,
        language: str | None = None,
        hyphens: bool = False,
    ):
        self.style = style
        self.language = language
        self.hyphens = hyphens
        self.broken_words = False  # a word of some block had to be split
        self.x = x
        self.width = width
        self.scale = scale
        self.height = 0.0
        self._entries: list[Callable[[float], Placed]] = []

    def gap(self, units: float) -> None:
        if self._entries:
            self.height += self.style.px(units) * self.scale

    def text(
        self,
        role_name: str,
        text: str,
        role: Role,
        color: QColor,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        grow: float = 1.0,
        language: str | None = None,
    ) -> None:
        """A block of text; `language` when it is not the column's (a quote's original)."""
        if not text:
            return
        display = role in (Role.DISPLAY, Role.HEADLINE, Role.FACT_VALUE)
        font = self.style.font(role, self.scale * grow)
        width = self.width
        if (
            role in READING_ROLES
            and align == Qt.AlignmentFlag.AlignLeft
            and not self.style.on_paper
        ):
            width = min(width, READING_MEASURE_EM * font.pixelSize())
        block = TextBlock(
            text,
            font,
            width,
            align,
            balance=display,
            language=language or self.language,
            hyphenate=self.hyphens,
        )
        top = self.height
        self.broken_words |= block.broken_words
        self._entries.append(lambda y0: text_item(role_name, block, self.x, y0 + top, color))
        self.height += block.height

    def rule(self, length_units: float, thickness_units: float, color: QColor) -> None:
        top = self.height
        length = self.style.px(length_units) * self.scale
        thickness = max(2.0, self.style.px(thickness_units) * self.scale)

        def place(y0: float) -> Placed:
            rect = QRectF(self.x, y0 + top, length, thickness)
            return Placed("rule", rect, lambda painter: painter.fillRect(rect, color))

        self._entries.append(place)
        self.height += thickness

    def place(self, top: float) -> list[Placed]:
        return [entry(top) for entry in self._entries]


# Languages that go on in lower case after a dash inside a sentence (German nouns keep theirs).
LOWER_AFTER_DASH = frozenset({"en", "be", "ru"})


def sources_line(ctx: SlideContext, sources: Sequence[LocalText], as_of: AsOf | None) -> str:
    parts = []
    if sources:
        label = i18n.text("sources" if len(sources) > 1 else "source", ctx.language)
        parts.append(f"{label}: " + "\u00a0· ".join(ctx.t(s) for s in sources))
    if as_of is not None:
        date = i18n.as_of_line(as_of, ctx.language)
        if parts and ctx.language in LOWER_AFTER_DASH:
            date = date[:1].lower() + date[1:]  # "as of May 2025" after a dash, "по состоянию на …"
        parts.append(date)
    # No-break spaces keep each separator at the end of a line, never at the start of one.
    return f"\u00a0{i18n.dash(ctx.language)} ".join(parts)


class SlideView:
    """A slide laid out for one size and language: a still image plus, maybe, an animation."""

    kind: ClassVar[str] = ""
    animation_s: ClassVar[float] = 0.0
    # A slide with a code of its own: the manifesto's code beside every other slide steps aside.
    carries_code: ClassVar[bool] = False

    def __init__(self, slide: Any, ctx: SlideContext, scale: float | None = None):
        """Lays the slide out, shrinking its text until it fits; or exactly at `scale`, if given
        (on paper the page sets one type size for every slide and sizes the box to fit)."""
        self.slide = slide
        self.ctx = ctx
        self.style = (
            dataclasses.replace(ctx.style, corner_code=0.0) if self.carries_code else ctx.style
        )
        self.scale = 1.0
        self.readable = True
        # Words are divided at syllables only where whole words cannot fit at a readable size.
        self.hyphens = False
        # Parts of the slide a visitor can tap, and what a tap there does ("link").
        self.actions: list[tuple[QRectF, str]] = []
        if scale is None:
            self.composition = self._fit()
        else:
            # On paper the page sets the size: a word too wide for its column is divided.
            self.hyphens = True
            self.scale = scale
            self.composition = self._compose_checked(scale)
            self.readable = not self.composition.overflow
        self._still: QImage | None = None
        self._final: QImage | None = None
        # Degrees the panel is turned by: the pictures are kept turned as the panel shows them.
        self.turn = 0

    # -- layout --------------------------------------------------------------------------------

    def compose(self, scale: float) -> Composition:
        raise NotImplementedError

    def _compose_checked(self, scale: float) -> Composition:
        composition = self.compose(scale)
        # A word split across lines reads as a mistake: shrink instead, like any overflow.
        composition.overflow |= any(item.broken_words for item in composition.items)
        return composition

    def _fit(self) -> Composition:
        """Shrinks all text together until it fits; below the readable minimum it is flagged."""
        scale = 1.0
        while True:
            composition = self._compose_checked(scale)
            if not composition.overflow or scale <= FLOOR_SCALE:
                break
            if scale * SHRINK_STEP < MIN_READABLE_SCALE and not self.hyphens:
                # Whole words do not fit at a readable size: divide them, and start over.
                self.hyphens, scale = True, 1.0
                continue
            scale *= SHRINK_STEP
        self.scale = scale
        self.readable = scale >= MIN_READABLE_SCALE and not composition.overflow
        return composition

    def footer(self, composition: Composition, scale: float) -> float:
        """Adds the sources and as-of line, if the slide has them; returns the top it leaves."""
        sources = getattr(self.slide, "sources", None) or []
        as_of = getattr(self.slide, "as_of", None)
        bottom = self.style.content_bottom
        line = sources_line(self.ctx, sources, as_of)
        if not line:
            return bottom
        style = self.style
        block = TextBlock(
            line,
            style.font(Role.SMALL, scale),
            style.content_width,
            language=self.ctx.language,
        )
        top = bottom - block.height
        composition.items.append(
            text_item("sources", block, style.margin_x, top, style.palette.muted)
        )
        return top - style.px(2.5) * scale

    # -- painting ------------------------------------------------------------------------------

    def paint_still(self, painter: QPainter) -> None:
        painter.fillRect(
            QRectF(0, 0, self.style.width, self.style.height), self.style.palette.background
        )
        for item in self.composition.items:
            item.paint(painter)

    def paint_motion(self, painter: QPainter, progress: float) -> None:
        """Draws what moves, at progress 0 (entering) to 1 (settled). Nothing, by default."""

    # A slide with frames of its own while it is on screen (a clip): the stage starts them
    # once it has landed, paints them over its settled look, and stops them when it leaves.
    live: ClassVar[bool] = False

    def start_live(self, on_frame: Callable[[], None], sound: SoundOutput | None = None) -> None:
        """Starts the slide's own frames; `on_frame` is called when a new one is due. With
        `sound`, where the kiosk allows sound, the slide may offer its own (`sound_button`)."""

    def stop_live(self) -> None:
        """Stops them; what was last shown stays for `leaving_image`."""

    def take_live(self, other: SlideView) -> bool:
        """Takes over the frames `other` plays, if it is this slide drawn for another
        language or look; False if it cannot."""
        return False

    def paint_live(self, painter: QPainter) -> None:
        """Paints the frame of now over the settled look, on the stage's painter."""

    def sound_button(self) -> QRectF | None:
        """Where the button that turns the slide's sound on and off stands, while its frames
        play with a sound that can be heard; None otherwise (the default: no sound)."""
        return None

    def set_sound(self, on: bool) -> None:
        """The sound of the slide's frames on or off."""

    def paint_sound_button(self, painter: QPainter, on: bool) -> None:
        """Draws the button at `sound_button`, showing whether the sound is on."""

    def leaving_image(self) -> QImage:
        """The slide as it is on screen when it leaves: what a transition starts from."""
        return self.final_image()

    def images(self) -> list[QImage]:
        """The pictures of the slide drawn so far (its still, and its settled look if that
        differs)."""
        return [image for image in (self._still, self._final) if image is not None]

    def still_image(self) -> QImage:
        """Everything that does not move, drawn once per size, language and turn."""
        if self._still is None:
            width, height = turned_size(self.turn, self.style.width, self.style.height)
            image = QImage(width, height, SLIDE_FORMAT)
            painter = self._painter_on(image)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            self.paint_still(painter)
            painter.end()
            self._still = image
        return self._still

    def _painter_on(self, image: QImage) -> QPainter:
        """A painter that draws the upright slide onto its picture, turned as the panel is."""
        painter = QPainter(image)
        painter.setTransform(rotation_transform(self.turn, image.width(), image.height()))
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        return painter

    def draw(self, painter: QPainter, at: QPointF, image: QImage) -> None:
        """Draws one of this slide's pictures (`images`) with its upright top left at `at`.

        On a turned panel the painter turns as the pictures are turned, so the two turns cancel
        and the picture is copied, not rotated pixel by pixel."""
        if not self.turn:
            painter.drawImage(at, image)
            return
        upright = rotation_transform(self.turn, image.width(), image.height()).inverted()[0]
        painter.save()
        painter.setWorldTransform(
            upright * QTransform.fromTranslate(at.x(), at.y()) * painter.worldTransform()
        )
        painter.drawImage(0, 0, image)
        painter.restore()

    def final_image(self) -> QImage:
        """The slide as it looks once settled."""
        if not self.animation_s:
            return self.still_image()
        if self._final is None:
            self._final = self.frame_at(1.0)
        return self._final

    def settle(self) -> None:
        """Drops the still once the settled look is drawn: only that is painted from now on,
        and the still is drawn again only if the slide enters again."""
        if self._final is not None:
            self._still = None

    def let_go(self) -> None:
        """Drops the drawn pictures; the layout stays, and they are drawn again when needed."""
        self._still = None
        self._final = None

    def frame_at(self, progress: float) -> QImage:
        """The slide as it looks at a point of its entry animation (a new image each call)."""
        image = self.still_image().copy()
        painter = self._painter_on(image)
        self.paint_motion(painter, progress)
        painter.end()
        return image

    def text_items(self) -> list[Placed]:
        return [item for item in self.composition.items if item.text is not None]
