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

import hashlib
import io
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QImage, QPainter, QPaintEvent, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import __version__
from kiosk.content.stamp import folder_stamp
from kiosk.durable import write_atomically_bytes
from kiosk.platform.lockdown import Lockdown, pick_screen
from kiosk.settings import data_dir

if TYPE_CHECKING:
    from kiosk.content.signing import Trust

log = logging.getLogger(__name__)

KEEP = 3  # pictures kept: the current show on this screen, and a couple of others


class FirstFrame:
    """The kept first frame for one start: found by its key, shown, and kept anew."""

    def __init__(self, directory: Path, key: str):
        self.directory = directory
        self.key = key
        self.writing: threading.Thread | None = None

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
    ) -> FirstFrame:
        geometry = screen.geometry()
        try:
            state = state_file.read_bytes()
        except OSError:
            state = b""
        parts = [
            __version__,
            str(folder.resolve()),
            repr(folder_stamp(folder)),
            language or "",
            f"{geometry.width()}x{geometry.height()}@{screen.devicePixelRatio()}",
            f"{window_size.width()}x{window_size.height()}" if window_size else "fullscreen",
            str(rotate),
            hashlib.sha256(state).hexdigest(),
            trust,
        ]
        return cls(directory, hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32])

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
        if image.isNull():
            return None
        return image, path.name.split(".")[1]

    def keep(self, image: QImage, slide: str) -> None:
        """Keeps the picture the real window showed first: a PNG, made and written on a worker
        thread by Pillow, so that thread never calls into Qt while the show runs."""
        rgb = image.convertToFormat(QImage.Format.Format_RGB888)
        size = (rgb.width(), rgb.height())
        pixels = bytes(rgb.constBits())[: rgb.sizeInBytes()]
        stride = rgb.bytesPerLine()

        def write() -> None:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                buffer = _png_bytes(size, pixels, stride)
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

        self.writing = threading.Thread(target=write, name="first-frame", daemon=True)
        self.writing.start()

    def finish(self, timeout: float = 2.0) -> None:
        """Waits (a little) for the picture being kept, when the kiosk stops soon after start."""
        if self.writing is not None:
            self.writing.join(timeout)


def _png_bytes(size: tuple[int, int], pixels: bytes, stride: int) -> bytes:
    """RGB rows (each `stride` bytes long) as a PNG: flat colour and text, about 75 kB."""
    from PIL import Image

    picture = Image.frombuffer("RGB", size, pixels, "raw", "RGB", stride, 1)
    out = io.BytesIO()
    picture.save(out, "PNG", compress_level=6)
    return out.getvalue()


class StartPicture(QWidget):
    """A window that only paints the kept picture, until the kiosk's window replaces it."""

    def __init__(self, image: QImage):
        super().__init__()
        self.image = image
        self.setWindowTitle("kiosk starting")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.painted = False

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


FIRST_FRAMES = "first-frame"  # the folder, in the data folder, of the kept first frames
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


@dataclass
class StartUp:
    """What the start put on screen before the show was read, and where it keeps frames."""

    frame: FirstFrame | None = None
    picture: StartPicture | None = None
    kept_slide: str = ""  # the slide the kept picture shows
    pending: Callable[[], None] | None = None  # keeps the show's first frame, once run

    def take_over(self, top: QWidget, slide: str) -> None:
        """The show is on screen in `top`, at `slide`: the kept picture comes down, and the
        show's first frame is kept for the next start unless the same one already is."""
        if self.picture is not None:
            QTimer.singleShot(KEPT_PICTURE_OVERLAP_MS, self.picture.release)
        frame = self.frame
        if frame is not None and slide != self.kept_slide:
            self.pending = lambda: frame.keep(top.grab().toImage(), slide)
            # Not inside this paint (a grab paints the window again): as soon as it has ended.
            QTimer.singleShot(0, top, self.keep_pending)

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
        """The kiosk does not start after all: the kept picture comes down."""
        if self.picture is not None:
            self.picture.release()


def put_up_kept_frame(
    folder: Path,
    start: KeptFrameFor,
    trust: Trust,
    on_picture: Callable[[str], None] | None,
) -> StartUp:
    """Shows the first frame kept from the last start, if there is one for this start;
    on_picture is told "kept" once it is painted."""
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
            # A frame kept under other trust (an unsigned show, before keys were trusted) is
            # never put up: only what passed the checks in force now reaches the screen.
            "|".join(
                [*sorted(k.id_text for k in trust.keys), *sorted(trust.revoked), trust.refusal]
            ),
        )
        kept = frame.kept()
    except Exception:  # the kept frame only saves time; the start goes on without it
        log.exception("the kept first frame could not be looked up")
        return StartUp()
    if kept is None:
        return StartUp(frame)
    image, slide = kept
    picture = StartPicture(image)
    Lockdown(picture, locked=not start.windowed).place(screen, start.windowed, size)
    clock = QElapsedTimer()
    clock.start()
    while not picture.painted and clock.elapsed() < FIRST_PAINT_WAIT_MS:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    if picture.painted and on_picture is not None:
        on_picture("kept")
    return StartUp(frame, picture, slide)
