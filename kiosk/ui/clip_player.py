"""Plays a clip's frames for the stage: decoded ahead on a thread of its own, shown on time.

A decoding thread reads the clip with PyAV and puts each frame, already scaled to the size it
is drawn at and turned upright, into a short queue. On the GUI thread a timer takes the frame
that is due and tells the stage, which draws it over the slide. The clock starts with the first
frame: until it is decoded the slide's poster stands, so the clip never begins on a black or
half-drawn frame. A looping clip is read again from its start while its last frames are still
queued, so the loop has no gap; a clip that ends keeps its last frame. Its sound, when a
visitor turns it on, plays along (`kiosk.ui.clip_sound`), into each round with the picture.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from kiosk.ui.clip_frames import picture_of

if TYPE_CHECKING:
    from kiosk.ui.clip_sound import ClipSound, SoundOutput

log = logging.getLogger(__name__)

QUEUED_FRAMES = 3  # decoded ahead: enough to ride out a busy moment, 25 MB at most at 1080p
TICK_MS = 8  # how often the GUI thread looks for the frame that is due


@dataclass(frozen=True)
class Segment:
    """The part of the clip that plays: from `start` to `end` (None: its end), maybe looped."""

    start: float = 0.0
    end: float | None = None
    loop: bool = False


@dataclass(frozen=True)
class _Frame:
    at: float  # seconds of playing when it is due (grows across loops)
    clip_time: float  # seconds into the clip: what the captions are timed against
    image: QImage


_END = None


class ClipPlayer(QObject):
    """Frames of one clip, on time, while `play` runs; `stop` ends the thread.

    With a `sound` output (the slide's sound may be turned on, and the kiosk allows it), the
    decoding thread also finds whether the clip has sound and the output works (`audio`), and
    `set_sound` plays the sound with the frames.
    """

    frame_ready = Signal()

    def __init__(
        self,
        path: Path,
        size: QSize,
        segment: Segment,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
        sound: SoundOutput | None = None,
    ):
        super().__init__(parent)
        self.path, self.size, self.segment, self.clock = path, size, segment, clock
        self.current: QImage | None = None
        self.clip_time = segment.start
        self.failed = False
        self.output = sound
        # The clip has sound and it can be heard: set by the decoding thread once it knows,
        # and cleared when its sound has failed (no button that would only fail again).
        self.audio = False
        self._sound_wanted = False
        self._sound: ClipSound | None = None
        self._shown_at = 0.0  # the clock's time when the frame in `current` was due
        self._frames: queue.Queue[_Frame | None] = queue.Queue(QUEUED_FRAMES)
        self._waiting: _Frame | None = None
        self._began: float | None = None  # clock time of the first frame
        self._ended = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    @property
    def playing(self) -> bool:
        return self._thread is not None

    @property
    def ticking(self) -> bool:
        """Whether it still looks for frames (not once a clip that ends has shown its last)."""
        return self._timer.isActive()

    def play(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._decode, name="clip", daemon=True)
        self._thread.start()
        self._timer.start()

    def set_sound(self, on: bool) -> None:
        """The clip's sound on (with the frame on screen, once there is one) or off. Off
        after the sound failed (the output told the stage): no button that would only fail
        again."""
        self._sound_wanted = on
        if on:
            self._sound_along()
            return
        if self._sound is not None and self._sound.failed:
            self.audio = False
        self._stop_sound()

    @property
    def sounding(self) -> bool:
        """Whether the clip's sound plays now."""
        return self._sound is not None

    def stop(self) -> None:
        """Ends the timer now and the decoding within a frame's decoding time, on its own
        thread: nothing here waits for it. The last frame shown stays in `current`."""
        self._stop_sound()
        self._timer.stop()
        self._stop.set()
        while True:  # a thread waiting to hand over a frame is let go
            try:
                self._frames.get_nowait()
            except queue.Empty:
                break
        self._thread = None

    # -- GUI thread ----------------------------------------------------------------------------

    def _tick(self) -> None:
        shown = None
        while True:
            frame = self._waiting or self._take()
            self._waiting = None
            if frame is None:
                break
            now = self.clock()
            if self._began is None:
                self._began = now - frame.at
            if self._began + frame.at > now + 0.001:
                self._waiting = frame  # not due yet
                break
            shown = frame  # due (a late one is passed over for the next that is due)
        if shown is not None:
            wrapped = self.current is not None and shown.clip_time < self.clip_time - 1e-3
            self.current, self.clip_time = shown.image, shown.clip_time
            self._shown_at = (self._began or 0.0) + shown.at
            if wrapped and self._sound is not None:
                self._sound.restart(self.clip_time, self._shown_at)  # the loop's next round
            self._sound_along()
            self.frame_ready.emit()
        if self._ended and self._waiting is None:
            self._timer.stop()  # the last frame stays; nothing more to look for
            if self.failed and self.current is not None:
                self.current = None  # broken on the way: the poster comes back
                self.frame_ready.emit()

    def _sound_along(self) -> None:
        """Starts the sound a visitor asked for, once the clip is known to have it and a frame
        of it is on screen, at that frame's moment."""
        if (
            self._sound is not None
            or not self._sound_wanted
            or not self.audio
            or self.current is None
            or self.output is None
        ):
            return
        segment = self.segment
        self._sound = self.output.sound_of(
            self.path, (segment.start, segment.end, segment.loop), self.clock
        )
        self._sound.play(self.clip_time, self._shown_at)

    def _stop_sound(self) -> None:
        sound, self._sound = self._sound, None
        if sound is not None:
            sound.stop()

    def _take(self) -> _Frame | None:
        try:
            frame = self._frames.get_nowait()
        except queue.Empty:
            return None
        if frame is _END:
            self._ended = True
        return frame

    # -- decoding thread -----------------------------------------------------------------------

    def _decode(self) -> None:
        try:
            self._decode_all()
        except Exception as error:  # a clip that cannot be played leaves its poster up
            self.failed = True
            log.warning("cannot play %s: %s", self.path, error)
        self._put(_END)

    def _decode_all(self) -> None:
        import av

        from kiosk.content.clips import open_clip

        segment = self.segment
        played = 0.0  # seconds of earlier rounds of a loop
        with open_clip(self.path) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            output = self.output
            # Looked for here, off the GUI thread: the first time, PortAudio starts.
            self.audio = bool(container.streams.audio) and output is not None and output.check()
            while not self._stop.is_set():
                last = self._round(container, stream, played, av)
                if not segment.loop or last is None or last <= played:
                    return  # the end, stopped, or a pass that found no frame to show
                played = last

    def _round(self, container: object, stream: object, played: float, av: object) -> float | None:
        """One pass over the segment; the playing time it ends at, or None if stopped."""
        segment = self.segment
        base = getattr(stream, "time_base", None)
        if segment.start > 0 and base:
            container.seek(  # type: ignore[attr-defined]
                int(segment.start / base), stream=stream, backward=True
            )
        elif segment.loop:
            container.seek(0, stream=stream)  # type: ignore[attr-defined]
        step = 1 / float(getattr(stream, "average_rate", None) or 25)
        end = played
        for frame in container.decode(stream):  # type: ignore[attr-defined]
            if self._stop.is_set():
                return None
            time_in_clip = frame.time if frame.time is not None else 0.0
            if time_in_clip < segment.start - 1e-3:
                continue
            if segment.end is not None and time_in_clip >= segment.end:
                break
            at = played + time_in_clip - segment.start
            if not self._put(_Frame(at, time_in_clip, picture_of(frame, self.size))):
                return None
            end = at + step
        return end

    def _put(self, frame: _Frame | None) -> bool:
        """Hands a frame over, waiting while the queue is full; False once stopped."""
        while not self._stop.is_set():
            try:
                self._frames.put(frame, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False
