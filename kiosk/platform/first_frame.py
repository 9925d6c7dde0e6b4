"""The show's first frame, kept from the last start, on screen while the kiosk starts.

Most of a start is spent importing and checking (the content model, the show's files, the
widgets) before anything can be drawn. The first frame of the show does not change from one
start to the next unless the show, the screen or the kiosk's settings do, so each start keeps
the picture it showed first, and the next start puts that picture on screen as soon as Qt has
a window: a visitor sees the show, not a desktop, while the rest starts behind it. The real
window then takes over with the same picture.

The picture is found by a key over everything that decides it: the kiosk's version, the
content folder and every file in it (names, sizes, times), the language asked for, the screen's
size and density, the window size, the panel's rotation, the kiosk's own state (hidden
stories, larger text, contrast) and the keys it trusts: a frame kept before keys were trusted
never goes up once they are. Anything else (a schedule that picks another first slide) is
caught when the real window comes: the two pictures are compared by the slide they show, and a
different one simply replaces the kept one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSize, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QCursor,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QScreen,
)
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.durable import write_atomically_bytes
from kiosk.platform.kept_key import FIRST_FRAMES, sha256_hex, show_key
from kiosk.platform.kept_png import png_bytes
from kiosk.platform.screens import on_wayland, pick_screen
from kiosk.settings import data_dir

log = logging.getLogger(__name__)


KEEP = 3  # pictures kept: the current show on this screen, and a couple of others


# How far a kept picture's sides may be from the window's it is for (a window manager that
# gives a little less than the screen); a picture further off is not the show as it will look.
SIZE_TOLERANCE = 0.1


class FirstFrame:
    """The kept first frame for one start: found by its key, shown, and kept anew.

    `size` is the window's size in pixels as placed (the screen's, fullscreen): a compositor
    may show a new window at another size for a moment first (sway: 100x30), and a picture of
    that moment is neither kept nor put up."""

    def __init__(self, directory: Path, key: str, size: tuple[int, int] | None = None):
        self.directory = directory
        self.key = key
        self.size = size
        self.writing: threading.Thread | None = None

    def fits(self, width: int, height: int) -> bool:
        """True for a picture of about the size of the window it is for."""
        if self.size is None:
            return True
        return all(
            abs(side - wanted) <= SIZE_TOLERANCE * wanted
            for side, wanted in zip((width, height), self.size, strict=True)
        )

    @classmethod
    def for_start(
        cls,
        directory: Path,
        folder: Path,
        language: str | None,
        screen: QScreen,
        window_size: QSize | None,
        rotate: int,
        state_file: Path,
        trust: str = "",
        key: str | None = None,
    ) -> FirstFrame:
        """The frame for this start on this screen; `key` is the show's part of its name
        (`show_key`) when the start has it already."""
        geometry = screen.geometry()
        on_screen = [
            f"{geometry.width()}x{geometry.height()}@{screen.devicePixelRatio()}",
            f"{window_size.width()}x{window_size.height()}" if window_size else "fullscreen",
        ]
        placed = window_size if window_size is not None else geometry.size()
        ratio = screen.devicePixelRatio()
        size = (round(placed.width() * ratio), round(placed.height() * ratio))
        key = key or show_key(folder, language, rotate, state_file, trust)
        return cls(directory, f"{key}-{sha256_hex(chr(10).join(on_screen).encode())[:16]}", size)

    def _path(self, slide: str = "*") -> Path:
        return self.directory / f"{self.key}.{slide}.png"

    def kept(self) -> tuple[QImage, str] | None:
        """The picture kept for this key and the id of the slide it shows, if there is one."""
        try:
            path = next(self.directory.glob(f"{self.key}.*.png"), None)
        except OSError:
            return None
        if path is None:
            return None
        image = QImage(str(path))
        if image.isNull() or not self.fits(image.width(), image.height()):
            return None
        if image.format() == QImage.Format.Format_Indexed8:  # a palette: unpacked once, here
            image = image.convertToFormat(QImage.Format.Format_RGB32)
        return image, path.name.split(".")[1]

    def keep(self, image: QImage, slide: str) -> None:
        """Keeps the picture the real window showed first: a PNG, packed by Pillow in a
        process of its own (the kiosk never holds Pillow) and written on a worker thread, which
        never calls into Qt while the show runs."""
        rgb = image.convertToFormat(QImage.Format.Format_RGB888)
        size = (rgb.width(), rgb.height())
        pixels = bytes(rgb.constBits())[: rgb.sizeInBytes()]
        stride = rgb.bytesPerLine()

        def write() -> None:
            # subprocess and pickle, imported here: not on the way to the kept picture.
            from kiosk.content.check_process import CheckFailedError, in_child_process

            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                buffer = in_child_process(png_bytes, size, pixels, stride)
                write_atomically_bytes(self._path(slide), buffer)
                kept = sorted(
                    self.directory.glob("*.png"), key=lambda p: p.stat().st_mtime, reverse=True
                )
                for old in kept[KEEP:]:
                    old.unlink(missing_ok=True)
                for other in self.directory.glob(f"{self.key}.*.png"):
                    if other != self._path(slide):
                        other.unlink(missing_ok=True)
            except OSError as error:  # a full or read-only disk costs a quicker next start
                log.info("first frame not kept: %s", error.strerror or error)
            except CheckFailedError as error:
                log.info("first frame not kept: %s", error)

        self.writing = threading.Thread(target=write, name="first-frame", daemon=True)
        self.writing.start()

    def finish(self, timeout: float = 2.0) -> None:
        """Waits (a little) for the picture being kept, when the kiosk stops soon after start."""
        if self.writing is not None:
            self.writing.join(timeout)


class StartPicture(QWidget):
    """A window that only paints the kept picture, until the kiosk's window replaces it.

    It uses none of Qt's enums (`Qt.…`), which PySide6 makes all at once on first use (about
    45 ms on a small machine): the kiosk's own window makes them, behind the picture.
    """

    def __init__(self, image: QImage):
        super().__init__()
        self.image = image
        self.setWindowTitle("kiosk starting")
        # No pointer over the picture: a cursor of one transparent pixel.
        blank = QPixmap(1, 1)
        blank.fill(QColor(0, 0, 0, 0))
        self.setCursor(QCursor(blank, 0, 0))
        # Whatever Qt fills before the picture is painted over it has the show's background.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, image.pixelColor(0, 0))
        self.setPalette(palette)
        self.painted = False

    def place(self, screen: QScreen, windowed: bool, size: QSize | None) -> None:
        """Where the kiosk's window will be: fullscreen on its screen, or the preview window.
        Fullscreen windows carry no frame on X (under a window manager that follows the
        usual rules, or none) nor on Wayland; the kiosk's window then comes with its full
        lockdown."""
        if windowed:
            self.resize(size or QSize(1280, 720))
            self.move(screen.availableGeometry().center() - self.rect().center())
            self.show()
            return
        self.setScreen(screen)
        if not on_wayland():  # without a window manager nobody honours fullscreen
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        if not on_wayland():
            self.setGeometry(screen.geometry())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self.image.size() == self.size() * self.devicePixelRatio():
            painter.drawImage(0, 0, self.image)
        else:  # the window manager gave another size: the picture, scaled, is still the show
            painter.drawImage(self.rect(), self.image)
        painter.end()
        self.painted = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not getattr(self, "releasing", False):
            event.ignore()  # like the kiosk's window, it does not close on request
            return
        super().closeEvent(event)

    def release(self) -> None:
        self.releasing = True
        self.close()
        self.deleteLater()
        # Its pixels go now (8 MB at 1080p), not whenever the last reference to it does.
        self.image = QImage()


KEPT_PICTURE_OVERLAP_MS = 150  # both windows up: the compositor has the show's frame first
FIRST_PAINT_WAIT_MS = 500  # how long the start waits for the kept picture to be painted


@dataclass(frozen=True)
class KeptFrameFor:
    """The start a kept frame is for: what the command line asked, and the panel's turn."""

    language: str | None
    screen: int | None
    windowed: bool
    size: tuple[int, int] | None
    rotate: int
    show: str | None = None  # the show's key (`show_key`), as the start found it before Qt


@dataclass
class StartUp:
    """What the start put on screen before the show was read, and where it keeps frames."""

    frame: FirstFrame | None = None
    picture: StartPicture | None = None
    kept_slide: str = ""  # the slide the kept picture shows
    pending: Callable[[], None] | None = None  # keeps the show's first frame, once run
    offered: bool = False  # a frame is kept (or being kept) for the next start

    def take_over(self, top: QWidget, slide: str) -> bool:
        """The show is on screen in `top`, at `slide`: the kept picture comes down, and the
        show's first frame is offered for the next start (see `offer`)."""
        picture = self.picture
        if picture is not None:
            # A function holding the picture, not its bound method: Qt's timer keeps no
            # reference to a method's object, and the window would go at once, unseen.
            def let_go() -> None:
                if self.picture is picture:  # not already let go by a stop
                    self.give_up()

            QTimer.singleShot(KEPT_PICTURE_OVERLAP_MS, let_go)
        return self.offer(top, slide)

    def offer(self, top: QWidget, slide: str) -> bool:
        """Keeps what `top` shows, at `slide`, for the next start, unless the same slide
        already is kept. Only at the size the window was placed at: a compositor may show it
        at another size first, and the show's frames after that are offered too. True once
        nothing more is to be kept."""
        frame = self.frame
        if frame is None or self.offered or slide == self.kept_slide:
            return True
        ratio = top.devicePixelRatio()
        if not frame.fits(round(top.width() * ratio), round(top.height() * ratio)):
            return False
        self.offered = True
        self.pending = lambda: frame.keep(top.grab().toImage(), slide)
        # Not inside this paint (a grab paints the window again): as soon as it has ended.
        QTimer.singleShot(0, top, self.keep_pending)
        return True

    def keep_pending(self) -> None:
        """Keeps the show's first frame now, if that is still to be done."""
        pending, self.pending = self.pending, None
        if pending is not None:
            pending()

    def finish(self) -> None:
        """The kiosk stops: the first frame is kept, even if that was moments ago."""
        self.keep_pending()
        if self.frame is not None:
            self.frame.finish()

    def give_up(self) -> None:
        """The kiosk does not start after all, or stops: the kept picture comes down."""
        picture, self.picture = self.picture, None
        if picture is not None:
            picture.release()


def put_up_kept_frame(
    folder: Path,
    start: KeptFrameFor,
    trust: str,
    on_picture: Callable[[str], None] | None,
) -> StartUp:
    """Shows the first frame kept from the last start, if there is one for this start;
    on_picture is told "kept" once it is painted. `trust` is what is trusted (`trust_text`)."""
    try:
        screen = pick_screen(start.screen)
        size = QSize(*start.size) if start.size else None
        frame = FirstFrame.for_start(
            data_dir() / FIRST_FRAMES,
            folder,
            start.language,
            screen,
            size if start.windowed else None,
            start.rotate,
            data_dir() / "state.json",
            trust,
            start.show,
        )
        kept = frame.kept()
    except Exception:  # the kept frame only saves time; the start goes on without it
        log.exception("the kept first frame could not be looked up")
        return StartUp()
    if kept is None:
        return StartUp(frame)
    image, slide = kept
    picture = StartPicture(image)
    picture.place(screen, start.windowed, size)
    clock = QElapsedTimer()
    clock.start()
    while not picture.painted and clock.elapsed() < FIRST_PAINT_WAIT_MS:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    if picture.painted and on_picture is not None:
        on_picture("kept")
    return StartUp(frame, picture, slide)
