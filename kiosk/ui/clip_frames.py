"""Frames of a clip as pictures the stage draws: decoded by FFmpeg through PyAV, scaled and
turned upright by it (a phone's clip stands as it was filmed), handed over as a QImage.

Imported only when a show has a video slide: a show without one loads no decoder.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QTransform

log = logging.getLogger(__name__)

POSTER_AT_S = 1.0  # the kiosk's poster: a second in (a clip often fades in from black)


def poster_time(start: float, end: float | None, length: float) -> float:
    """When in the clip the kiosk's own poster is taken: a second after the shown part
    begins, or a third into it when it is shorter than three seconds."""
    last = min(end, length) if end is not None and length else (end or length)
    shown = max(0.0, last - start) if last else POSTER_AT_S * 3
    return start + min(POSTER_AT_S, shown / 3)


def frame_at(path: Path, seconds: float, size: QSize, cover: bool = False) -> QImage:
    """The frame shown `seconds` into the clip, fitted into `size` (or filling it, with
    `cover`); a null image if the clip cannot be read."""
    from kiosk.content.clips import open_clip

    try:
        with open_clip(path) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            target = int(seconds / stream.time_base) if stream.time_base else 0
            container.seek(max(0, target), stream=stream, backward=True)
            chosen = None
            for frame in container.decode(stream):
                chosen = frame
                if frame.time is not None and frame.time >= seconds - 1e-3:
                    break
            if chosen is None:
                return QImage()
            return picture_of(chosen, size, cover)
    except Exception as error:  # a clip that cannot be read shows nothing, and says why
        log.warning("cannot take a frame of %s: %s", path, error)
        return QImage()


def picture_of(frame: object, size: QSize, cover: bool = False) -> QImage:
    """A decoded frame as a QImage, turned upright and scaled (by FFmpeg, in one pass)."""
    rotation = round(getattr(frame, "rotation", 0) or 0) % 360
    width, height = frame.width, frame.height  # type: ignore[attr-defined]
    upright = QSize(height, width) if rotation in (90, 270) else QSize(width, height)
    mode = (
        Qt.AspectRatioMode.KeepAspectRatioByExpanding
        if cover
        else Qt.AspectRatioMode.KeepAspectRatio
    )
    shown = upright.scaled(size, mode) if size.isValid() else upright
    if rotation in (90, 270):
        shown = QSize(shown.height(), shown.width())
    scaled = frame.reformat(  # type: ignore[attr-defined]
        width=max(2, shown.width()), height=max(2, shown.height()), format="bgra"
    )
    plane = scaled.planes[0]
    image = QImage(
        bytes(plane),
        scaled.width,
        scaled.height,
        plane.line_size,
        QImage.Format.Format_ARGB32,
    ).copy()
    if rotation:
        # FFmpeg's rotation is counter-clockwise; Qt turns clockwise for positive angles.
        image = image.transformed(QTransform().rotate(-rotation))
    return image.convertToFormat(QImage.Format.Format_RGB32)
