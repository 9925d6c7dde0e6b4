"""A clip's sound, heard with its picture: read from the clip on a thread of its own.

Only where kiosk.toml allows sound (`allow_sound`), for a slide that says `sound: true`, and
only once a visitor turns it on: the attract loop is always muted. `SoundOutput` looks for
PortAudio and an output device when a clip with sound first plays (through `sounddevice`,
imported only then), and again after the output was lost, and says once, in the log and so on
the staff status, why there is no sound when there is none. `ClipSound`
reads the clip's audio as `ClipPlayer` reads its pictures, from the file alone, and writes it
to the device, the moment heard matching the frame on screen: it starts at the clip's time on
screen plus the device's own delay, and a looping clip's sound goes on into each next round
as its picture does.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

RATE = 48000  # what every clip's sound is turned into: 16-bit stereo at this rate
CHANNELS = 2
BYTES_PER_SAMPLE = 2 * CHANNELS
# Headphones at a quiet stand: a moderate level, fixed (FFmpeg's `volume` filter, which
# clips 16-bit samples rather than wrapping them).
GAIN = 0.8
# Sound is written at most this far ahead of when it is heard: a device whose writes do not
# wait (some do not) is held to the picture's time all the same, and stopping is heard at once.
AHEAD_S = 0.25
NOTHING_TO_DO_S = 0.1  # how often a thread with nothing to play looks whether it should stop
# A loop's sound goes straight on into its next round, as its picture does; when the picture's
# next round starts this close to the sound's, the sound is not moved (moving it would skip
# the moment it takes to be heard), only when they drift further apart.
IN_STEP_S = 0.08
# How long a clip's sound waits for the one before it to let the device go (stopping takes a
# few milliseconds; a device without mixing refuses a second stream), and quitting for all.
LET_GO_S = 1.0
# After the output went (headphones pulled), how often a clip with sound looks for it again.
LOOK_AGAIN_S = 30.0


class SoundOutput(QObject):
    """The device clips' sound is heard on: PortAudio's default output, looked for when a clip
    with sound first plays, and again after a clip's sound has failed on it."""

    # A clip's sound stopped on an error: emitted on the sound's own thread, received on the
    # GUI thread (Qt queues it there), also after the clip's picture has ended.
    failed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._lock = threading.Lock()
        self._ready: bool | None = None  # None: not looked for yet
        # A clip's sound failed: each look starts PortAudio afresh (it keeps the devices it
        # found at its start), and one that finds nothing is tried again later.
        self._lost = False
        self._look_again_at = 0.0
        self._said_missing = False  # the log has said there is no output since the last one
        self._sounds: list[ClipSound] = []  # those not known to have ended

    @property
    def ready(self) -> bool | None:
        """Whether sound can be heard; None until a clip with sound has asked."""
        return self._ready

    def check(self) -> bool:
        """Looks for the output the first time (any thread: a clip's decoding thread asks, so
        PortAudio's start never holds up a frame), and after it was lost at most every
        `LOOK_AGAIN_S`; otherwise, what was found."""
        with self._lock:
            now = time.monotonic()
            if self._ready is None or (
                self._ready is False and self._lost and now >= self._look_again_at
            ):
                self._ready = self._look()
                self._look_again_at = now + LOOK_AGAIN_S
            return self._ready

    def lost(self) -> None:
        """A clip's sound failed (headphones pulled, the device gone): the next clip that
        asks looks for the output again, and offers sound only if there is one."""
        with self._lock:
            if self._ready:
                self._ready, self._lost = None, True

    def sound_of(
        self, path: Path, segment: tuple[float, float | None, bool], clock: Callable[[], float]
    ) -> ClipSound:
        """A clip's sound on this output (`segment`: start, end, loop): it opens the device
        only once the sounds before it have let it go."""
        with self._lock:
            self._sounds = [sound for sound in self._sounds if not sound.finished]
            sound = ClipSound(
                path, *segment, clock=clock, after=list(self._sounds), on_failed=self._failed
            )
            self._sounds.append(sound)
        return sound

    def _failed(self) -> None:
        """A clip's sound failed (on its own thread): the next clip looks for the output
        again, and the stage hears of it and turns the sound off."""
        self.lost()
        self.failed.emit()

    def close(self) -> None:
        """The kiosk quits: every clip's sound stops and lets the device go before PortAudio
        itself is let go."""
        with self._lock:
            sounds, self._sounds = self._sounds, []
        for sound in sounds:
            sound.stop()
        deadline = time.monotonic() + LET_GO_S
        for sound in sounds:
            sound.join(max(0.0, deadline - time.monotonic()))

    def _look(self) -> bool:
        try:
            import sounddevice
        except ImportError:
            from kiosk.content.clips import VIDEO_EXTRA

            log.error(
                "clips play muted: sound needs the sounddevice package; run %s in the"
                " kiosk's folder",
                VIDEO_EXTRA,
            )
            return False
        except OSError as error:  # the package is there, PortAudio's library is not
            log.error(
                "clips play muted: sound needs PortAudio (sudo apt install libportaudio2): %s",
                error,
            )
            return False
        try:
            # PortAudio keeps the devices it found at its start until started again, which
            # must not happen under a stream still closing (the `_lock` holds `_sounds`).
            if self._lost and not any(sound.running for sound in self._sounds):
                sounddevice._terminate()
                sounddevice._initialize()
            device = sounddevice.query_devices(kind="output")
        except Exception as error:
            if not self._said_missing:
                self._said_missing = True
                if self._lost:
                    log.error(
                        "clips play muted: the sound output has gone (%s); plug the headphones"
                        " or speakers in again",
                        error,
                    )
                else:
                    log.error(
                        "clips play muted: this kiosk has no sound output (%s); plug in"
                        " headphones or speakers and restart the kiosk",
                        error,
                    )
            return False
        self._said_missing = False
        log.info("clips' sound is heard on %s", device.get("name", "the default output"))
        return True


class ClipSound:
    """The sound of one clip from a moment on, on a thread of its own, while not stopped.

    `play` starts it at the clip's time on screen and when that frame was shown; `restart`
    tells it the first frame of a loop's next round (the sound is already there, unless the
    two have drifted apart) or any other moment to go on from; `stop` ends it within a few
    milliseconds, on its own thread: nothing here waits for it. A failure (the device gone, a
    damaged sound track) ends the thread, logged, with `failed` set.
    """

    def __init__(
        self,
        path: Path,
        start: float,
        end: float | None,
        loop: bool,
        clock: Callable[[], float] = time.monotonic,
        after: list[ClipSound] | None = None,
        on_failed: Callable[[], None] | None = None,
    ):
        self.path, self.start, self.end, self.loop, self.clock = path, start, end, loop, clock
        self.after = after or []  # sounds stopped before this one: their streams close first
        self.failed = False
        self.on_failed = on_failed  # called on the sound's thread when it fails
        self._stop = threading.Event()
        self._asked = threading.Event()
        self._lock = threading.Lock()
        self._request: tuple[float, float] | None = None  # clip time on screen, since when
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def finished(self) -> bool:
        """Stopped or ended, and its device let go."""
        return self._thread is not None and not self._thread.is_alive()

    def join(self, timeout: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def play(self, clip_time: float, shown_at: float) -> None:
        self.restart(clip_time, shown_at)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="clip-sound", daemon=True)
            self._thread.start()

    def restart(self, clip_time: float, shown_at: float) -> None:
        """The picture shows `clip_time` since `shown_at` (the clock's time): the sound goes on
        from there, unless it is already there within `IN_STEP_S` (a loop's next round)."""
        with self._lock:  # told and marked together: the sound's thread takes both at once
            self._request = (clip_time, shown_at)
            self._asked.set()

    def stop(self) -> None:
        self._stop.set()
        self._asked.set()

    # -- the sound's thread ----------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._play_all()
        except Exception as error:
            if not self._stop.is_set():
                self.failed = True
                log.error("the sound of %s stopped: %s", self.path, error)
                if self.on_failed is not None:
                    self.on_failed()

    def _play_all(self) -> None:
        import sounddevice

        from kiosk.content.clips import open_clip

        deadline = time.monotonic() + LET_GO_S
        for before in self.after:
            before.join(max(0.0, deadline - time.monotonic()))
        self.after = []
        if self._stop.is_set():
            return
        with open_clip(self.path) as container:
            audio = container.streams.audio[0]
            stream = sounddevice.RawOutputStream(samplerate=RATE, channels=CHANNELS, dtype="int16")
            stream.start()
            try:
                self._write_all(container, audio, stream, float(stream.latency))
            finally:
                try:
                    if self._stop.is_set():
                        stream.abort()  # muted: not a moment more is heard
                    else:
                        stream.stop()  # the clip's end: what is written plays out
                finally:
                    stream.close()  # a device that has gone still lets its stream go

    def _write_all(self, container: Any, audio: Any, stream: Any, latency: float) -> None:
        chunks: Iterator[tuple[float, bytes]] | None = None
        zero = 0.0  # the clock's time when this round's clip time 0 is heard
        held: tuple[float, bytes] | None = None  # a chunk whose wait was interrupted
        written_to: float | None = None  # the clip time this round's sound is written up to
        picture_zero: float | None = None  # the same for the picture's round
        round_s: float | None = None  # a loop's round as long as the picture's, once known
        while not self._stop.is_set():
            request = self._take_request()
            if request is not None:
                clip_time, shown_at = request
                asked = shown_at - clip_time
                wrapped = abs(clip_time - self.start) < IN_STEP_S
                if wrapped and picture_zero is not None and asked - picture_zero > IN_STEP_S:
                    round_s = asked - picture_zero  # the picture's next round began
                picture_zero = asked
                if chunks is None or abs(asked - zero) > IN_STEP_S:
                    zero = asked
                    # What is written now is heard `latency` later: the sound of that moment.
                    chunks = self._chunks(container, audio, self.clock() - zero + latency)
                    held = written_to = None
            chunk = held or (next(chunks, None) if chunks is not None else None)
            held = None
            if chunk is not None and round_s is not None:
                chunk = _cut(chunk, self.start + round_s)
            if chunk is None:
                if not self.loop:
                    return  # the clip's end
                following = (
                    self._following_round(zero, written_to, picture_zero, round_s)
                    if written_to is not None
                    else None
                )
                if following is not None:
                    # The next round follows at once, as the picture's does: nothing skipped.
                    zero, begin, silence = following
                    chunks = itertools.chain(
                        _silence(begin - silence, silence), self._chunks(container, audio, begin)
                    )
                    written_to = None
                    continue
                chunks = None
                self._asked.wait(NOTHING_TO_DO_S)  # the picture's next round, or `stop`
                continue
            at, data = chunk
            early = zero + at - latency - AHEAD_S - self.clock()
            if early > 0 and self._asked.wait(early):
                held = chunk  # stopped, or a moment told: heard unless the sound moves
                continue
            stream.write(data)
            written_to = at + len(data) / BYTES_PER_SAMPLE / RATE

    def _following_round(
        self, zero: float, written_to: float, picture_zero: float | None, round_s: float | None
    ) -> tuple[float, float, float] | None:
        """Where a loop's sound goes on once a round is written up to `written_to`: (the
        clock's time its clip time 0 is heard, the clip time it begins at, the silence
        before it). Straight on until the picture's round is known; then on the picture's
        timeline: a sound that ended early waits for it in silence, and one a moment late
        (under `IN_STEP_S`) begins that much into the round. None for one later still: it
        waits for the picture's next round to be told."""
        natural = zero + written_to - self.start  # the next round heard straight after
        if picture_zero is None or round_s is None:
            return natural, self.start, 0.0
        follow = picture_zero + round((natural - picture_zero) / round_s) * round_s
        gap = follow - natural
        if gap >= 0:
            return follow, self.start, gap
        if -gap < IN_STEP_S:
            return follow, self.start - gap, 0.0
        return None

    def _take_request(self) -> tuple[float, float] | None:
        with self._lock:
            if not self._stop.is_set():
                self._asked.clear()  # (a stop stays marked: every wait ends at once)
            request, self._request = self._request, None
        return request

    def _chunks(self, container: Any, audio: Any, begin: float) -> Iterator[tuple[float, bytes]]:
        """The clip's sound from `begin` (seconds into the clip) to the segment's end, as
        (seconds into the clip, 16-bit stereo samples)."""
        import av

        base = audio.time_base
        container.seek(max(0, int(begin / base)) if base else 0, stream=audio, backward=True)
        graph = av.filter.Graph()
        source = graph.add_abuffer(template=audio)
        volume = graph.add("volume", f"{GAIN}")
        shape = graph.add("aformat", f"sample_fmts=s16:sample_rates={RATE}:channel_layouts=stereo")
        sink = graph.add("abuffersink")
        source.link_to(volume)
        volume.link_to(shape)
        shape.link_to(sink)
        graph.configure()
        for decoded in container.decode(audio):
            graph.push(decoded)
            while True:
                try:
                    frame = graph.pull()
                except (av.BlockingIOError, av.EOFError):
                    break
                chunk = self._trimmed(frame, begin)
                if chunk is None:
                    continue
                if chunk[1] == b"":
                    return  # the segment's end
                yield chunk

    def _trimmed(self, frame: Any, begin: float) -> tuple[float, bytes] | None:
        """The part of a frame of sound from `begin` to the segment's end; None: all of it
        before `begin`; empty bytes: all of it after the end."""
        at = float(frame.pts * frame.time_base) if frame.pts is not None else begin
        samples = frame.samples
        data = bytes(frame.planes[0])[: samples * BYTES_PER_SAMPLE]
        first = max(0, round((begin - at) * RATE))
        last = samples
        if self.end is not None:
            if at >= self.end:
                return at, b""
            last = min(samples, round((self.end - at) * RATE))
        if first >= last:
            return None if first >= samples else (at, b"")
        return at + first / RATE, data[first * BYTES_PER_SAMPLE : last * BYTES_PER_SAMPLE]


def _silence(begin: float, seconds: float) -> Iterator[tuple[float, bytes]]:
    """`seconds` of silence as chunks of sound from the clip time `begin` on, each written no
    sooner than it is due, as the clip's own are."""
    samples, step = round(seconds * RATE), RATE // 50
    for first in range(0, samples, step):
        count = min(step, samples - first)
        yield begin + first / RATE, bytes(count * BYTES_PER_SAMPLE)


def _cut(chunk: tuple[float, bytes], end: float) -> tuple[float, bytes] | None:
    """A chunk of sound up to `end` (seconds into the clip); None if it starts there or later."""
    at, data = chunk
    if at >= end - 0.5 / RATE:
        return None
    keep = round((end - at) * RATE) * BYTES_PER_SAMPLE
    return (at, data[:keep]) if keep < len(data) else chunk
