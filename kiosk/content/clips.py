"""Checks the clips of video slides with a real decoder: FFmpeg, through PyAV.

`inspect_clip` reads a clip's headers and decodes its first second: container, codec, size as
shown (after the turn a phone records), frame rate, length, sound. `decode_clip` decodes all
of it, as the kiosk will, and finds a damaged or cut-short file. What works but will not look
or run well on a kiosk (larger than the screen, longer than a visitor stays, a codec a
Raspberry Pi does not decode smoothly) comes back as warnings, each with the command that
fixes it.

PyAV is the optional `video` extra: only a show with a video slide imports it, and a show that
needs it where it is not installed is told how to add it (`VIDEO_EXTRA`).
"""

from __future__ import annotations

import importlib.util
import math
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.assets import AssetError
from kiosk.i18n.said import Said, said

if TYPE_CHECKING:
    import av.container

# Each kind of clip is read by its own demuxer and nothing else, from the file alone: FFmpeg
# never guesses another format from the content (a playlist that fetches from the network, a
# list of other files) and never opens anything but the file (`protocol_whitelist`).
CONTAINERS = {".mp4": "mov", ".m4v": "mov", ".mov": "mov", ".webm": "matroska", ".mkv": "matroska"}
CLIP_SUFFIXES = set(CONTAINERS)
MAX_CLIP_BYTES = 1_000_000_000  # refused above: nothing a kiosk shows needs a gigabyte
CLIP_BYTES_BUDGET = 80_000_000  # a minute of 1080p H.264 at a good quality is about 60 MB
LONGEST_S = 60.0  # visitors pass by; a longer clip is rarely watched to its end
SHOWN_WIDTH, SHOWN_HEIGHT = 1920, 1080  # the largest panel a kiosk plays clips on smoothly
SMOOTHEST_FPS = 30.0
# The codec FFmpeg decodes with the least work in software (as the kiosk decodes), and the
# one every camera, phone and editor writes.
SMOOTH_CODECS = {"h264"}
# Decoded at the probe: a clip whose codec cannot be read, or that is damaged at its start,
# fails at once; the rest is decoded later, off the show's way (`decode_clip`).
PROBED_S = 1.0
CUT_SHORT_S = 0.5  # the last frame this far before the length the header gives: cut short

# In the kiosk's folder (README); an installed wheel takes `pip install 'release-now-kiosk[video]'`.
VIDEO_EXTRA = ".venv/bin/pip install -e '.[video]'"


def video_support() -> bool:
    """Whether the decoder (PyAV) is installed; without it no clip is read, nothing is loaded."""
    return importlib.util.find_spec("av") is not None


def without_video_support(name: str) -> Said:
    return said(
        "clip '{name}' needs video support, which this installation does not have:"
        " run {command} in the kiosk's folder (docs/content.md, Video slides)",
        name=name,
        command=VIDEO_EXTRA,
    )


def open_clip(path: Path) -> av.container.InputContainer:
    """The clip opened for reading, by the demuxer of its kind only, from the file only."""
    import av

    kind = CONTAINERS.get(path.suffix.lower())
    options = {"protocol_whitelist": "file"}
    try:
        # PyAV 18 fails a clip whose tags are not UTF-8 (a camera's) unless told otherwise;
        # PyAV 19 reads them by itself and no longer takes the argument.
        return av.open(str(path), format=kind, options=options, metadata_errors="ignore")
    except TypeError:
        return av.open(str(path), format=kind, options=options)


@dataclass(frozen=True)
class ClipInfo:
    """A clip as the kiosk will show it."""

    container: str
    codec: str
    width: int  # as shown: after `rotation`
    height: int
    fps: float
    duration: float  # seconds
    rotation: int  # degrees the picture is turned when shown (0, 90, 180 or 270)
    audio: bool
    pixel_format: str
    size: int  # bytes

    @property
    def name_of_size(self) -> str:
        return f"{self.width}x{self.height}"


def inspect_clip(path: Path, shown: str | None = None) -> ClipInfo:
    """A clip's facts from its headers and first frames; raises AssetError for a clip the
    kiosk cannot play (not a clip, no picture, a codec the decoder does not know, damaged at
    its start), naming the file."""
    name = shown or path.name
    if not video_support():
        raise AssetError(without_video_support(name))
    if path.suffix.lower() not in CLIP_SUFFIXES:
        kinds = ", ".join(sorted(CLIP_SUFFIXES))
        raise AssetError(
            said("'{name}' is not a supported clip type (use {kinds})", name=name, kinds=kinds)
        )
    size = path.stat().st_size
    if size == 0:
        raise AssetError(said("clip '{name}' is empty (0 bytes)", name=name))
    if size > MAX_CLIP_BYTES:
        raise AssetError(
            said(
                "clip '{name}' is {size} MB; the limit is {limit} MB",
                name=name,
                size=f"{size / 1e6:.0f}",
                limit=f"{MAX_CLIP_BYTES / 1e6:.0f}",
            )
        )
    try:
        with open_clip(path) as container:
            return _probe(container, name, size)
    except AssetError:
        raise
    except Exception as error:  # whatever FFmpeg says, the organiser hears which file
        raise AssetError(_unreadable(name, error)) from None


def _probe(container: av.container.InputContainer, name: str, size: int) -> ClipInfo:
    if not container.streams.video:
        raise AssetError(said("'{name}' holds no picture, only sound", name=name))
    stream = container.streams.video[0]
    context = stream.codec_context
    codec = context.name if context is not None else ""
    if not codec or codec == "none":
        raise AssetError(said("clip '{name}' is in a format the decoder does not know", name=name))
    stream.thread_type = "AUTO"
    first: Any = None
    for frame in container.decode(stream):
        first = first or frame
        if frame.time is None or frame.time >= PROBED_S:
            break
    if first is None:
        raise AssetError(said("clip '{name}' has no frame that can be decoded", name=name))
    rotation = round(getattr(first, "rotation", 0) or 0) % 360
    width, height = first.width, first.height
    if rotation in (90, 270):
        width, height = height, width
    rate = stream.average_rate or stream.guessed_rate or stream.base_rate
    return ClipInfo(
        container=container.format.name,
        codec=codec,
        width=width,
        height=height,
        fps=float(rate) if rate else 0.0,
        duration=_length(container, stream),
        rotation=rotation,
        audio=bool(container.streams.audio),
        pixel_format=first.format.name,
        size=size,
    )


def _length(container: av.container.InputContainer, stream: Any) -> float:
    """The clip's length as its headers give it, in seconds (0 when they do not)."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000  # FFmpeg's time base for a container
    return 0.0


def decode_clip(path: Path, shown: str | None = None) -> ClipInfo:
    """Decodes the whole clip as the kiosk will; raises AssetError for a clip that is damaged
    or ends before the length its header gives (a copy that did not finish)."""
    name = shown or path.name
    info = inspect_clip(path, name)
    last = 0.0
    try:
        with open_clip(path) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            for frame in container.decode(stream):
                if frame.time is not None:
                    last = max(last, frame.time + (1 / info.fps if info.fps else 0.0))
    except Exception as error:
        raise AssetError(
            said(
                "clip '{name}' is damaged after {time} ({reason}); copy it again or export it"
                " again from the video program",
                name=name,
                time=_clock(last),
                reason=_reason(error),
            )
        ) from None
    if info.duration and last < info.duration - CUT_SHORT_S:
        raise AssetError(
            said(
                "clip '{name}' ends at {end}, but its header says it is {length} long: the"
                " file is cut short (a copy that did not finish?); copy it again",
                name=name,
                end=_clock(last),
                length=_clock(info.duration),
            )
        )
    return info


def clip_warnings(info: ClipInfo, name: str) -> list[Said]:
    """What works but will not look or run well on a kiosk, each with its fix."""
    fixes: list[str] = []
    found: list[Said] = []
    long_side, short_side = max(info.width, info.height), min(info.width, info.height)
    if long_side > SHOWN_WIDTH or short_side > SHOWN_HEIGHT:
        found.append(
            said(
                "clip '{name}' is {size}: more than a 1080p screen shows, and more than a"
                " Raspberry Pi decodes smoothly",
                name=name,
                size=info.name_of_size,
            )
        )
        fixes.append("scale")
    if info.codec not in SMOOTH_CODECS:
        found.append(
            said(
                "clip '{name}' is {codec}: a Raspberry Pi decodes H.264 smoothly, {codec} may"
                " stutter",
                name=name,
                codec=info.codec.upper() if len(info.codec) <= 4 else info.codec,
            )
        )
        fixes.append("codec")
    elif not info.pixel_format.startswith(("yuv420p", "yuvj420p")) or "10" in info.pixel_format:
        found.append(
            said(
                "clip '{name}' is stored as {format}; a Raspberry Pi decodes 8-bit 4:2:0"
                " (yuv420p) smoothly",
                name=name,
                format=info.pixel_format,
            )
        )
        fixes.append("codec")
    if info.fps > SMOOTHEST_FPS + 0.5:
        found.append(
            said(
                "clip '{name}' has {fps} frames a second; 25 or 30 look as smooth on a kiosk"
                " at half the work",
                name=name,
                fps=f"{info.fps:.0f}",
            )
        )
        fixes.append("rate")
    if info.duration > LONGEST_S:
        found.append(
            said(
                "clip '{name}' is {length} long; visitors pass by, and a clip over a minute"
                " is rarely watched to its end: trim it with start: and end:",
                name=name,
                length=_clock(info.duration),
            )
        )
    if info.size > CLIP_BYTES_BUDGET:
        found.append(
            said(
                "clip '{name}' is {size} MB; {budget} MB are enough for a minute of 1080p,"
                " and every kiosk copies it",
                name=name,
                size=f"{info.size / 1e6:.0f}",
                budget=f"{CLIP_BYTES_BUDGET / 1e6:.0f}",
            )
        )
        fixes.append("codec")
    if fixes:
        found.append(
            said(
                "to make '{name}' a clip every kiosk plays smoothly: {command}",
                name=name,
                command=reencode_command(name, info, set(fixes)),
            )
        )
    return found


def reencode_command(name: str, info: ClipInfo, fixes: set[str]) -> str:
    """The ffmpeg command that makes a clip H.264, at most 1080p and 30 frames a second."""
    target = str(Path(name).with_name(Path(name).stem + "-kiosk.mp4"))
    filters = []
    if "scale" in fixes:
        portrait = info.height > info.width
        box = f"{SHOWN_HEIGHT}:{SHOWN_WIDTH}" if portrait else f"{SHOWN_WIDTH}:{SHOWN_HEIGHT}"
        filters.append(f"scale={box}:force_original_aspect_ratio=decrease:force_divisible_by=2")
    if "rate" in fixes:
        filters.append(f"fps={math.floor(SMOOTHEST_FPS)}")
    command = ["ffmpeg", "-i", name]
    if filters:
        command += ["-vf", ",".join(filters)]
    command += ["-c:v", "libx264", "-preset", "slow", "-crf", "21", "-pix_fmt", "yuv420p"]
    command += ["-c:a", "aac", "-movflags", "+faststart", target]
    return shlex.join(command)


def clip_cut_command(name: str, start: float, end: float | None) -> str:
    """The ffmpeg command that keeps only the part of a clip from `start` to `end`."""
    target = str(Path(name).with_name(Path(name).stem + "-part.mp4"))
    command = ["ffmpeg", "-ss", f"{start:g}", "-i", name]
    if end is not None:
        command += ["-t", f"{end - start:g}"]
    command += ["-c:v", "libx264", "-preset", "slow", "-crf", "21", "-pix_fmt", "yuv420p"]
    command += ["-c:a", "aac", "-movflags", "+faststart", target]
    return shlex.join(command)


def _clock(seconds: float) -> str:
    whole = max(0, math.floor(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def _reason(error: BaseException) -> str:
    text = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return text.rstrip(".")


def _unreadable(name: str, error: BaseException) -> Said:
    return said(
        "clip '{name}' cannot be read ({reason}): it is not a video file, or it is damaged",
        name=name,
        reason=_reason(error),
    )
