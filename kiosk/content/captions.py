"""Captions of a video slide: WebVTT files read by the rules of the W3C WebVTT format.

Every problem is found in one pass and named with its line, as the show's own problems are:
a missing `WEBVTT` first line, a time that is not a WebVTT time, a caption that ends before it
begins, one without a time line, an empty one, captions out of order or shown at once. The
library readers we looked at stop at the first problem and name no line, so the format's
small grammar is followed here.

What the kiosk draws is each caption's text without its markup: voice, class and language
spans (`<v Anna>`, `<i>`, `<c.loud>`) are taken out, character references (`&amp;`) written
out. Cue settings (position, alignment) are read over: captions stand where the kiosk puts
them, clear of the controls.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.i18n.said import Said, said

MAX_CAPTION_BYTES = 1_000_000  # a 60-second clip's captions are a few kilobytes
# Two lines of about 42 characters: what a reader takes in while the picture moves.
LONGEST_CAPTION = 90
ARROW = "-->"
# [hours:]minutes:seconds.thousandths; hours of two or more digits, the rest of two and three.
_TIME = re.compile(r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})")
# The format asks for blanks around the arrow; players read it without them, and so do we.
_TIMING = re.compile(r"^(\S+?)[ \t]*-->[ \t]*(\S+)(?:[ \t]+.*)?$")
_LOOKS_TIMED = re.compile(r"\s*\d+:\d")
_TAG = re.compile(r"</?[^>]*>")


@dataclass(frozen=True)
class Caption:
    """One caption: shown from `start` to `end` (seconds into the clip), its text in lines."""

    start: float
    end: float
    text: str
    line: int  # where its time line is, for messages


@dataclass(frozen=True)
class CaptionProblem:
    line: int
    message: Said
    error: bool = True


@dataclass
class CaptionTrack:
    """A caption file as read: its captions in order of their start, and what is wrong."""

    captions: list[Caption] = field(default_factory=list)
    problems: list[CaptionProblem] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not any(problem.error for problem in self.problems)

    def at(self, seconds: float) -> list[Caption]:
        """The captions on screen `seconds` into the clip, the earliest first."""
        return [c for c in self.captions if c.start <= seconds < c.end]

    def last_end(self) -> float:
        return max((c.end for c in self.captions), default=0.0)


def parse_time(text: str) -> float | None:
    """A WebVTT time in seconds; None if `text` is not one."""
    match = _TIME.fullmatch(text)
    if match is None:
        return None
    hours, minutes, seconds, thousandths = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(thousandths) / 1000


def format_time(seconds: float) -> str:
    """Seconds as a WebVTT time, as an organiser would write it: 01:05.250."""
    thousandths = round(seconds * 1000)
    minutes, rest = divmod(thousandths, 60_000)
    hours, minutes = divmod(minutes, 60)
    clock = f"{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"
    return f"{hours:02d}:{clock}" if hours else clock


def read_captions(path: Path) -> CaptionTrack:
    """Reads a caption file; a file that cannot be read at all is one problem at line 1."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return _unreadable(said("cannot read the captions: {reason}", reason=error.strerror))
    if len(data) > MAX_CAPTION_BYTES:
        return _unreadable(
            said(
                "the captions are {size} MB; a clip's captions are a few kilobytes"
                " (is this the right file?)",
                size=f"{len(data) / 1e6:.1f}",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return CaptionTrack(
            problems=[
                CaptionProblem(
                    line, said("not UTF-8 text: save the captions as UTF-8 in the editor")
                )
            ]
        )
    return parse_captions(text)


def _unreadable(message: Said) -> CaptionTrack:
    return CaptionTrack(problems=[CaptionProblem(1, message)])


def parse_captions(text: str) -> CaptionTrack:
    """Reads WebVTT text (see the module's description)."""
    track = CaptionTrack()
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0] if lines else ""
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        track.problems.append(
            CaptionProblem(1, said("not a WebVTT file: its first line must read WEBVTT"))
        )
        return track
    number = 1
    # The header: every line up to the first blank one.
    while number < len(lines) and lines[number].strip():
        if ARROW in lines[number]:
            track.problems.append(
                CaptionProblem(
                    number + 1,
                    said("leave a blank line between the WEBVTT line and the first caption"),
                )
            )
            break
        number += 1
    for start, block in _blocks(lines, number):
        _read_block(track, start, block)
    _check_order(track)
    return track


def _blocks(lines: list[str], after: int) -> list[tuple[int, list[str]]]:
    """The blocks after the header: runs of lines between blank ones, with their first line's
    number (1-based)."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for index in range(after, len(lines)):
        line = lines[index]
        if line.strip():
            if not current:
                blocks.append((index + 1, current))
            current.append(line)
        else:
            current = []
    return blocks


def _read_block(track: CaptionTrack, start: int, block: list[str]) -> None:
    head = block[0]
    if head == "NOTE" or head.startswith(("NOTE ", "NOTE\t")):
        return  # a comment
    if not track.captions and head.strip() in ("STYLE", "REGION") and ARROW not in "".join(block):
        return  # styles and regions: the kiosk places and sets captions itself
    timing_at = _timing_line(block)
    if timing_at is None:
        track.problems.append(
            CaptionProblem(
                start,
                said(
                    "a caption without its time line: write the times above its text,"
                    " as in 00:01.000 --> 00:04.000"
                ),
            )
        )
        return
    line = start + timing_at
    times = _times(track, line, block[timing_at])
    if times is None:
        return
    begin, end = times
    words = _plain("\n".join(block[timing_at + 1 :]))
    if ARROW in words:
        # The blank line after the text was left out, and the next caption's time became text.
        at = next(i for i, text in enumerate(block[timing_at + 1 :]) if ARROW in text)
        track.problems.append(
            CaptionProblem(
                line + 1 + at,
                said("a time line inside a caption's text: leave a blank line before it"),
            )
        )
        return
    if not words.strip():
        track.problems.append(
            CaptionProblem(
                line,
                said("a caption with no text: write its words under the times"),
                error=False,  # WebVTT allows it; nothing is shown then
            )
        )
        return
    if len(words) > LONGEST_CAPTION:
        track.problems.append(
            CaptionProblem(
                line,
                said(
                    "a caption of {count} characters is more than two lines to read while the"
                    " picture moves: split it into two captions, one after the other",
                    count=len(words),
                ),
                error=False,
            )
        )
    track.captions.append(Caption(begin, end, words, line))


def _timing_line(block: list[str]) -> int | None:
    """Which of a block's first two lines is its time line (a caption may begin with its
    name): the one with the arrow, else one that begins as a time does (a mistyped arrow)."""
    for looks in (lambda line: ARROW in line, _LOOKS_TIMED.match):
        for index in range(min(2, len(block))):
            if looks(block[index]):
                return index
    return None


def _times(track: CaptionTrack, line: int, timing: str) -> tuple[float, float] | None:
    match = _TIMING.match(timing.strip())
    if match is None:
        track.problems.append(
            CaptionProblem(
                line,
                said(
                    "'{found}' is not a time line: write it as 00:01.000 --> 00:04.000",
                    found=timing.strip(),
                ),
            )
        )
        return None
    begin, end = parse_time(match.group(1)), parse_time(match.group(2))
    for written, value in ((match.group(1), begin), (match.group(2), end)):
        if value is None:
            track.problems.append(
                CaptionProblem(
                    line,
                    said(
                        "'{found}' is not a WebVTT time: write minutes, seconds and"
                        " thousandths as 01:05.250 (or 00:01:05.250)",
                        found=written,
                    ),
                )
            )
    if begin is None or end is None:
        return None
    if end <= begin:
        track.problems.append(
            CaptionProblem(
                line,
                said(
                    "the caption ends ({end}) before it begins ({start})",
                    start=format_time(begin),
                    end=format_time(end),
                ),
            )
        )
        return None
    return begin, end


def _plain(payload: str) -> str:
    """A caption's text as the kiosk draws it: markup out, character references written out."""
    lines = [html.unescape(_TAG.sub("", line)).strip() for line in payload.split("\n")]
    return "\n".join(line for line in lines if line)


def _check_order(track: CaptionTrack) -> None:
    """Captions must come in the order they are shown; two at once are drawn one above the
    other, which is rarely what was meant."""
    previous: Caption | None = None
    for caption in track.captions:
        if previous is not None and caption.start < previous.start:
            track.problems.append(
                CaptionProblem(
                    caption.line,
                    said(
                        "this caption begins ({start}) before the one above it ({before}):"
                        " put the captions in the order they are shown",
                        start=format_time(caption.start),
                        before=format_time(previous.start),
                    ),
                )
            )
        elif previous is not None and caption.start < previous.end:
            track.problems.append(
                CaptionProblem(
                    caption.line,
                    said(
                        "this caption begins ({start}) while the one above it (line {line})"
                        " still shows, until {end}: both are shown at once, one above the other",
                        start=format_time(caption.start),
                        line=previous.line,
                        end=format_time(previous.end),
                    ),
                    error=False,
                )
            )
        previous = caption
    track.captions.sort(key=lambda c: (c.start, c.line))
