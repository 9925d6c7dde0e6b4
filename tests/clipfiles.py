"""Clips made for the tests with the decoder's own encoders (PyAV): moving pictures whose
colour says where in the clip a frame is, so a test can tell frames apart on a screen."""

from __future__ import annotations

import array
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

# The colour of the picture `seconds` into a clip: the red part climbs with the time.
STEP = 40  # per second


def colour_at(seconds: float) -> tuple[int, int, int]:
    return (min(255, round(20 + STEP * seconds)), 60, 140)


def make_clip(
    path: Path,
    seconds: float = 2.0,
    size: tuple[int, int] = (320, 180),
    fps: int = 25,
    codec: str = "libx264",
    pixel_format: str = "yuv420p",
    rotation: int = 0,
    audio: bool = False,
    faststart: bool = False,
    tone: float | None = None,
) -> Path:
    """Writes a clip whose every frame is one colour (`colour_at` its time) with a white bar
    that moves across, so consecutive frames differ; with `audio`, a silent sound track, or
    with `tone`, a sine of that many hertz."""
    import av

    width, height = size
    options = {"movflags": "faststart"} if faststart else {}  # the index first, as for the web
    with av.open(str(path), "w", options=options) as container:
        stream: Any = container.add_stream(codec, rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, pixel_format
        if rotation:
            stream.set_display_rotation(rotation)
        sound = container.add_stream("aac", rate=48000) if audio or tone else None
        frames = round(seconds * fps)
        for number in range(frames):
            frame = _picture(number / fps, number, size)
            frame.pts = number
            frame.time_base = Fraction(1, fps)
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
        if sound is not None:
            _sound(container, sound, seconds, tone)
    return path


def _picture(time: float, number: int, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    import av

    width, height = size
    frame = av.VideoFrame(width, height, "rgb24")
    plane = frame.planes[0]
    x = (number * 8) % max(1, width - 16)
    row = bytearray(bytes(colour_at(time)) * width)
    row[x * 3 : (x + 16) * 3] = b"\xff" * 48
    padded = bytes(row) + bytes(plane.line_size - 3 * width)
    plane.update(padded * height)
    return frame


def _sound(container, stream, seconds: float, tone: float | None) -> None:  # type: ignore[no-untyped-def]
    """Silence, or a sine of `tone` Hz at half the loudest level, on both channels."""
    import av

    samples = 1024
    for number in range(int(seconds * 48000 / samples)):
        frame = av.AudioFrame(format="fltp", layout="stereo", samples=samples)
        first = number * samples
        wave = (
            array.array(
                "f",
                (0.5 * math.sin(2 * math.pi * tone * (first + i) / 48000) for i in range(samples)),
            ).tobytes()
            if tone
            else bytes(frame.planes[0].buffer_size)
        )
        for plane in frame.planes:
            plane.update(wave)
        frame.sample_rate = 48000
        frame.pts = number * samples
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)


def show_folder(
    folder: Path,
    show_yaml: str,
    captions: dict[str, str],
    seconds: float = 3.0,
    size: tuple[int, int] = (640, 360),
    tone: float | None = None,
) -> Path:
    """A show folder with its show.yaml, one caption file per language (clips/<code>.vtt)
    and the clip clips/statement.mp4."""
    (folder / "clips").mkdir(parents=True)
    (folder / "show.yaml").write_text(show_yaml, encoding="utf-8")
    for code, text in captions.items():
        (folder / "clips" / f"{code}.vtt").write_text(text, encoding="utf-8")
    make_clip(folder / "clips" / "statement.mp4", seconds=seconds, size=size, tone=tone)
    return folder
