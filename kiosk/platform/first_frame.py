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
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QImage, QPainter, QPaintEvent, QScreen
from PySide6.QtWidgets import QWidget

from kiosk import __version__
from kiosk.content.stamp import folder_stamp
from kiosk.durable import write_atomically_bytes

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
