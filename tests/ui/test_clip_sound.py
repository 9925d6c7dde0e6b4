"""A clip's sound: heard only where the slide says `sound: true`, kiosk.toml allows sound and a
visitor turns it on with the button on the clip; the clip's own tone, really played through
PortAudio into ALSA (its file plugin keeps what is heard); off again when the slide changes or
the visitor leaves, and never in the attract loop."""

from __future__ import annotations

import array
import importlib
import itertools
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF
from pytestqt.qtbot import QtBot

from kiosk.content import load_show
from kiosk.output.render import render_frame
from kiosk.playback.state import SlideMove
from kiosk.playback.visitor_session import Mode
from kiosk.ui.clip_player import ClipPlayer
from kiosk.ui.clip_sound import AHEAD_S, ClipSound, SoundOutput
from kiosk.ui.slides.video import VideoView
from kiosk.ui.window import KioskWindow
from tests.clipfiles import make_clip, show_folder
from tests.content.conftest import MINIMAL_SHOW
from tests.pieces import running_show
from tests.widgets import Finger

TONE_HZ = 440.0
RATE = 48000  # what the kiosk plays: 16-bit stereo at 48 kHz
SIZE = (1280, 720)
# Touch targets are 15 mm on the glass, never under 72 px on a 1080-pixel short side.
CONTROL_PX_PER_1080 = 72


def _show(sound: bool = True, loop: bool = False) -> str:
    return (
        MINIMAL_SHOW
        + f"""\
  - id: statement
    kind: video
    file: clips/statement.mp4
    sound: {"true" if sound else "false"}
"""
        + ("    loop: true\n    duration: 60\n" if loop else "")
    )


@pytest.fixture
def alsa_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """ALSA's default device made a file: what PortAudio plays is written to out.raw (raw
    16-bit stereo samples) as fast as it comes. ALSA reads ~/.asoundrc when PortAudio starts,
    so PortAudio is started again under this HOME (sounddevice's documented way to see a
    changed set of devices)."""
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "out.raw"
    (home / ".asoundrc").write_text(
        f'pcm.!default {{ type file; slave.pcm "null"; file "{out}"; format "raw" }}\n'
    )
    monkeypatch.setenv("HOME", str(home))
    sounddevice = _sounddevice()
    sounddevice._terminate()
    sounddevice._initialize()
    yield out
    _wait_for_no_sound_thread()
    sounddevice._terminate()
    sounddevice._initialize()


def _sounddevice() -> ModuleType:
    """sounddevice with PortAudio; CI must have libportaudio2, a developer may skip."""
    try:
        return importlib.import_module("sounddevice")
    except OSError as error:
        if os.environ.get("CI"):
            pytest.fail(f"PortAudio is required in CI (.ci/packages.txt: libportaudio2): {error}")
        pytest.skip(f"PortAudio is not installed: {error}")


def _wait_for_no_sound_thread() -> None:
    for thread in threading.enumerate():
        if thread.name == "clip-sound":
            thread.join(5.0)  # a stopped sound ends within a chunk's time
            assert not thread.is_alive()


def _window(
    qtbot: QtBot,
    tmp_path: Path,
    sound: bool = True,
    allowed: bool = True,
    tone: bool = True,
    loop: bool = False,
) -> KioskWindow:
    seconds = 2.0 if loop else 4.0
    folder = show_folder(
        tmp_path / "show", _show(sound, loop), {}, seconds=seconds, tone=TONE_HZ if tone else None
    )
    loaded = load_show(folder)
    assert loaded.show is not None, loaded.report.diagnostics
    running = running_show(loaded, language="de")
    window = KioskWindow(running.player, ("DejaVu Sans",))
    qtbot.addWidget(window)
    if allowed:  # as the start does where kiosk.toml says allow_sound = true
        window.stage.sound = SoundOutput(window.stage)
    window.resize(*SIZE)
    window.show()
    window.start()
    qtbot.waitExposed(window)
    return window


def _on_the_clip(qtbot: QtBot, window: KioskWindow, finger: Finger) -> None:
    """A visitor wakes the kiosk and goes to the clip, which plays."""
    finger.tap(window.stage, QPoint(SIZE[0] // 2, SIZE[1] // 3))
    assert window.state.mode is Mode.INTERACTIVE
    window.player.jump_to(1)
    qtbot.waitUntil(lambda: window.state.landed and window.state.index == 1, timeout=5000)
    qtbot.waitUntil(lambda: _shows_a_frame(window), timeout=10000)


def _player(window: KioskWindow) -> ClipPlayer | None:
    """The clip's player on the video slide, while it plays."""
    view = window.stage.view(1)
    assert isinstance(view, VideoView)
    return view.player


def _shows_a_frame(window: KioskWindow) -> bool:
    render_frame(window.stage)  # the stage starts a clip when it paints the landed slide
    player = _player(window)
    return player is not None and player.current is not None


def _button(qtbot: QtBot, window: KioskWindow) -> QRectF:
    qtbot.waitUntil(
        lambda: _shows_a_frame(window) and window.stage.sound_button() is not None, timeout=10000
    )
    button = window.stage.sound_button()
    assert button is not None
    return button


def _icon(window: KioskWindow, button: QRectF) -> str:
    """What the button's speaker shows beside it: sound waves (on) or a cross (muted), told by
    a point on the outer wave and one at the end of the cross (on the icon's 24-unit square)."""
    image = render_frame(window.stage)

    def white(x: float, y: float) -> bool:
        at = button.topLeft() + QPointF(x, y) * (button.width() / 24)
        return image.pixelColor(at.toPoint()).lightness() > 200

    wave, cross = white(16.7, 8.5), white(19.2, 14.2)
    assert wave != cross, "the icon shows both or neither"
    return "waves" if wave else "cross"


def _crossings_per_second(raw: bytes) -> float:
    """How often the left channel's wave crosses zero, per second of sound."""
    samples = array.array("h", raw[: len(raw) // 4 * 4])[0::2]
    crossings = sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))
    return crossings * RATE / max(1, len(samples))


def _loudest(raw: bytes) -> int:
    samples = array.array("h", raw[: len(raw) // 2 * 2])
    return max((abs(s) for s in samples), default=0)


def test_a_visitor_hears_the_clips_tone_after_tapping_the_sound_button(
    qtbot: QtBot, tmp_path: Path, alsa_file: Path, finger: Finger
) -> None:
    window = _window(qtbot, tmp_path)
    _on_the_clip(qtbot, window, finger)
    button = _button(qtbot, window)
    assert not alsa_file.exists(), "sound before the visitor asked for it"
    assert _icon(window, button) == "cross"
    finger.tap(window.stage, button.center().toPoint())
    assert window.state.sound
    # Half a second of sound reaches the device (it is written no faster than it is heard).
    qtbot.waitUntil(
        lambda: alsa_file.exists() and alsa_file.stat().st_size >= RATE * 4 // 2, timeout=10000
    )
    raw = alsa_file.read_bytes()
    assert abs(_crossings_per_second(raw) - 2 * TONE_HZ) <= 0.05 * 2 * TONE_HZ
    # A moderate level: the clip's tone is at half the loudest, heard at 0.8 of that.
    assert 0.35 * 32767 < _loudest(raw) < 0.45 * 32767
    # The button now shows the sound on, and says what a tap does next.
    assert _icon(window, button) == "waves"
    assert window.stage.sound_label() == "Ton aus"


def test_the_sound_stops_when_the_visitor_leaves_and_the_loop_is_muted(
    qtbot: QtBot, tmp_path: Path, alsa_file: Path, finger: Finger
) -> None:
    window = _window(qtbot, tmp_path)
    _on_the_clip(qtbot, window, finger)
    finger.tap(window.stage, _button(qtbot, window).center().toPoint())
    qtbot.waitUntil(lambda: alsa_file.exists() and alsa_file.stat().st_size > 0, timeout=10000)
    window.player.reset_to_start()  # the visitor has gone: back to the loop
    assert not window.state.sound
    assert window.stage.sound_button() is None
    _wait_for_no_sound_thread()
    # In the loop the clip plays on screen, muted: nothing more is written.
    window.state.move(SlideMove(1, animate=False))
    qtbot.waitUntil(lambda: _shows_a_frame(window), timeout=10000)
    written = alsa_file.stat().st_size
    render_frame(window.stage)
    assert window.stage.sound_button() is None
    assert not any(t.name == "clip-sound" for t in threading.enumerate())
    assert alsa_file.stat().st_size == written


def test_the_sound_goes_off_when_the_slide_changes(
    qtbot: QtBot, tmp_path: Path, alsa_file: Path, finger: Finger
) -> None:
    window = _window(qtbot, tmp_path)
    _on_the_clip(qtbot, window, finger)
    finger.tap(window.stage, _button(qtbot, window).center().toPoint())
    assert window.state.sound
    window.player.go(-1)
    assert not window.state.sound
    _wait_for_no_sound_thread()
    window.player.go(1)  # back on the clip: it starts muted, its button shows it so
    qtbot.waitUntil(lambda: window.state.landed and window.state.index == 1, timeout=5000)
    _button(qtbot, window)
    assert not window.state.sound
    assert window.stage.sound_label() == "Ton an"
    assert _icon(window, _button(qtbot, window)) == "cross"


@pytest.mark.parametrize(
    ("sound", "allowed", "tone"),
    [(True, False, True), (False, True, True), (True, True, False)],
    ids=["kiosk-toml-does-not-allow-it", "slide-without-sound", "clip-without-sound"],
)
def test_no_sound_button_unless_slide_kiosk_and_clip_all_have_sound(
    qtbot: QtBot,
    tmp_path: Path,
    alsa_file: Path,
    finger: Finger,
    sound: bool,
    allowed: bool,
    tone: bool,
) -> None:
    window = _window(qtbot, tmp_path, sound=sound, allowed=allowed, tone=tone)
    _on_the_clip(qtbot, window, finger)
    qtbot.waitUntil(
        lambda: _shows_a_frame(window) and _player(window).clip_time > 0.5,  # type: ignore[union-attr]
        timeout=10000,
    )
    assert window.stage.sound_button() is None
    assert window.stage.sound_label() is None


def test_no_button_in_the_attract_loop(qtbot: QtBot, tmp_path: Path, alsa_file: Path) -> None:
    window = _window(qtbot, tmp_path)
    window.state.move(SlideMove(1, animate=False))
    qtbot.waitUntil(lambda: _shows_a_frame(window) and _player(window).audio, timeout=10000)  # type: ignore[union-attr]
    view = window.stage.view(1)
    offered = view.sound_button()  # the clip has sound the kiosk may play: a visitor gets it
    assert offered is not None
    assert window.state.mode is Mode.ATTRACT
    assert window.stage.sound_button() is None
    assert window.stage.action_at(offered.center()) is None


def test_the_button_is_a_touch_target_clear_of_captions_and_within_reach(
    qtbot: QtBot, tmp_path: Path, alsa_file: Path, finger: Finger
) -> None:
    window = _window(qtbot, tmp_path)
    _on_the_clip(qtbot, window, finger)
    button = _button(qtbot, window)
    least = CONTROL_PX_PER_1080 * min(SIZE) / 1080
    assert button.width() >= least and button.height() >= least
    picture = next(i.box for i in window.stage.view(1).composition.items if i.role == "clip")
    assert picture.contains(button)
    assert button.top() >= 0.4 * SIZE[1]  # docs/accessibility.md, "Within reach"
    assert window.stage.action_at(button.center()) == "sound"


def test_the_tap_that_wakes_the_kiosk_does_not_turn_the_sound_on(
    qtbot: QtBot, tmp_path: Path, alsa_file: Path, finger: Finger
) -> None:
    """The loop showed no button: a first touch where it is about to appear only wakes."""
    window = _window(qtbot, tmp_path)
    window.state.move(SlideMove(1, animate=False))
    qtbot.waitUntil(lambda: _shows_a_frame(window) and _player(window).audio, timeout=10000)  # type: ignore[union-attr]
    where = window.stage.view(1).sound_button()
    assert where is not None
    finger.tap(window.stage, where.center().toPoint())
    assert window.state.mode is Mode.INTERACTIVE
    assert not window.state.sound
    assert window.stage.sound_button() == where  # now it is there, and a tap turns it on
    finger.tap(window.stage, where.center().toPoint())
    assert window.state.sound


def test_a_looping_clip_is_heard_again_in_its_next_round(
    qtbot: QtBot, tmp_path: Path, alsa_file: Path, finger: Finger
) -> None:
    window = _window(qtbot, tmp_path, loop=True)
    _on_the_clip(qtbot, window, finger)
    finger.tap(window.stage, _button(qtbot, window).center().toPoint())
    # The clip is 2 s long: more than 2.5 s of its tone means the next round is heard too.
    qtbot.waitUntil(
        lambda: alsa_file.exists() and alsa_file.stat().st_size >= RATE * 4 * 2.5, timeout=15000
    )
    raw = alsa_file.read_bytes()
    assert abs(_crossings_per_second(raw) - 2 * TONE_HZ) <= 0.05 * 2 * TONE_HZ
    assert _player(window) is not None and _player(window).sounding  # type: ignore[union-attr]


def test_without_a_sound_output_there_is_no_button_and_the_log_says_why_once(
    qtbot: QtBot,
    tmp_path: Path,
    alsa_file: Path,
    finger: Finger,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # ALSA's default device made one that does not exist: PortAudio finds no output.
    home = alsa_file.parent / "home"
    (home / ".asoundrc").write_text("pcm.!default { type hw; card 99 }\n")
    sounddevice = _sounddevice()
    sounddevice._terminate()
    sounddevice._initialize()
    try:
        sounddevice.query_devices(kind="output")
        pytest.skip("this machine has a sound card of its own that PortAudio finds")
    except sounddevice.PortAudioError:
        pass
    window = _window(qtbot, tmp_path)
    _on_the_clip(qtbot, window, finger)
    for _ in range(2):  # the clip played twice: said once
        qtbot.waitUntil(
            lambda: _shows_a_frame(window) and _player(window).clip_time > 0.5,  # type: ignore[union-attr]
            timeout=10000,
        )
        assert window.stage.sound_button() is None
        window.player.go(-1)
        window.player.go(1)
        qtbot.waitUntil(lambda: window.state.landed and window.state.index == 1, timeout=5000)
    said = [r for r in caplog.records if "this kiosk has no sound output" in r.getMessage()]
    assert len(said) == 1 and said[0].levelname == "ERROR"
    assert "plug in headphones or speakers" in said[0].getMessage()
    assert not alsa_file.exists()


def test_a_pulled_device_takes_the_button_away_until_an_output_is_found_again(
    qtbot: QtBot,
    tmp_path: Path,
    alsa_file: Path,
    finger: Finger,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Headphones pulled while the sound plays: the sound goes off and the button with it (a
    tap could only fail again); the log says why. The clip's next showing looks for an output
    afresh and offers the button again once there is one."""
    sounddevice = _sounddevice()
    window = _window(qtbot, tmp_path)
    _on_the_clip(qtbot, window, finger)
    finger.tap(window.stage, _button(qtbot, window).center().toPoint())
    qtbot.waitUntil(lambda: alsa_file.exists() and alsa_file.stat().st_size > 0, timeout=10000)
    written = sounddevice.RawOutputStream.write

    def gone(stream: object, data: bytes) -> None:
        raise sounddevice.PortAudioError("Unanticipated host error")

    monkeypatch.setattr(sounddevice.RawOutputStream, "write", gone)
    qtbot.waitUntil(lambda: not window.state.sound, timeout=10000)
    render_frame(window.stage)
    assert window.stage.sound_button() is None
    said = [r for r in caplog.records if "stopped: Unanticipated host error" in r.getMessage()]
    assert len(said) == 1 and said[0].levelname == "ERROR"
    _wait_for_no_sound_thread()
    monkeypatch.setattr(sounddevice.RawOutputStream, "write", written)  # plugged in again
    window.player.go(-1)
    window.player.go(1)
    qtbot.waitUntil(lambda: window.state.landed and window.state.index == 1, timeout=5000)
    finger.tap(window.stage, _button(qtbot, window).center().toPoint())
    assert window.state.sound


def test_sound_turned_on_off_and_on_again_opens_the_device_once_at_a_time(
    qtbot: QtBot,
    tmp_path: Path,
    alsa_file: Path,
    finger: Finger,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A quick on, off, on: the new sound opens the device only once the old one has let it
    go (a device without mixing refuses a second stream)."""
    sounddevice = _sounddevice()
    opened, most = [0], [0]
    base = sounddevice.RawOutputStream

    class Counted(base):  # type: ignore[misc,valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            opened[0] += 1
            most[0] = max(most[0], opened[0])

        def close(self, *args: object, **kwargs: object) -> None:
            time.sleep(0.3)  # a device that takes its time to let go
            super().close(*args, **kwargs)
            opened[0] -= 1

    monkeypatch.setattr(sounddevice, "RawOutputStream", Counted)
    window = _window(qtbot, tmp_path)
    _on_the_clip(qtbot, window, finger)
    where = _button(qtbot, window).center().toPoint()
    finger.tap(window.stage, where)
    qtbot.waitUntil(lambda: opened[0] == 1, timeout=10000)
    for _ in range(2):
        finger.tap(window.stage, where)  # off
        finger.tap(window.stage, where)  # and on again at once
    assert window.state.sound
    qtbot.waitUntil(
        lambda: opened[0] == 1 and sum(t.name == "clip-sound" for t in threading.enumerate()) == 1,
        timeout=10000,
    )
    written = alsa_file.stat().st_size
    qtbot.waitUntil(lambda: alsa_file.stat().st_size > written, timeout=10000)  # heard
    assert most[0] == 1


def test_quitting_lets_every_clip_sound_go(
    qtbot: QtBot, tmp_path: Path, alsa_file: Path, finger: Finger
) -> None:
    """The kiosk quits while a clip's sound plays: its stream is closed before the program
    lets PortAudio go, so no write races PortAudio's end."""
    window = _window(qtbot, tmp_path)
    _on_the_clip(qtbot, window, finger)
    finger.tap(window.stage, _button(qtbot, window).center().toPoint())
    qtbot.waitUntil(lambda: alsa_file.exists() and alsa_file.stat().st_size > 0, timeout=10000)
    assert window.stage.sound is not None
    window.stage.sound.close()  # what the kiosk's stop does
    assert not any(t.name == "clip-sound" for t in threading.enumerate())


class _Output:
    """A stand-in for PortAudio's stream: it takes what is written as a device would, and
    keeps how many seconds of sound that was."""

    latency = 0.2  # long, so a gap of that much at each round could not be missed
    made: ClassVar[list[_Output]] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.seconds = 0.0
        _Output.made.append(self)

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def abort(self) -> None: ...
    def close(self) -> None: ...

    def write(self, data: bytes) -> None:
        self.seconds += len(data) / 4 / RATE


@pytest.mark.parametrize("picture_round", [2.0, 2.05, 1.9])
def test_a_looping_clip_s_sound_runs_on_into_each_round_without_a_gap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, picture_round: float
) -> None:
    """The picture shows a 2-second clip round after round (its sound is 1.98 s long; the
    picture's round a moment longer or shorter still): the sound follows into each round at
    once, on the picture's timeline. Moving it to the picture's new round would drop the
    device's delay each time; only the first round, before the picture's length is known,
    may be moved (when the sound outlasts it)."""
    sounddevice = _sounddevice()
    monkeypatch.setattr(sounddevice, "RawOutputStream", _Output)
    _Output.made.clear()
    begins: list[float] = []

    class Watched(ClipSound):
        def _chunks(
            self, container: Any, audio: Any, begin: float
        ) -> Iterator[tuple[float, bytes]]:
            begins.append(begin)
            return super()._chunks(container, audio, begin)

    clip = make_clip(tmp_path / "loop.mp4", seconds=2.0, tone=TONE_HZ)
    sound = Watched(clip, 0.0, None, True)
    began = time.monotonic()
    sound.play(0.0, began)
    for round_ in (1, 2, 3):  # the picture's next rounds, as the clip's player tells them
        time.sleep(max(0.0, began + picture_round * round_ - time.monotonic()))
        sound.restart(0.0, began + picture_round * round_)
    time.sleep(max(0.0, began + 3 * picture_round + 0.5 - time.monotonic()))
    sound.stop()
    sound.join(5.0)
    assert not sound.failed and len(_Output.made) == 1
    moved = [begin for begin in begins if begin > 0.1]  # to the picture's moment: a skip
    assert len(moved) == (2 if picture_round < 1.98 else 1), begins
    if picture_round == 2.0:
        # From the moment heard at the tap (the device's delay after it) to a moment ahead
        # of the last heard, and nothing left out on the way.
        expected = 3 * picture_round + 0.5 + AHEAD_S
        assert expected - 0.15 <= _Output.made[0].seconds <= expected + 0.05


def test_a_sound_that_fails_after_its_clip_has_ended_is_told_too(
    qtbot: QtBot,
    tmp_path: Path,
    alsa_file: Path,
    finger: Finger,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The clip has played to its end and its last frame stands; its sound's last moment
    fails on the device: the button goes and the sound is off, as while the clip played."""
    sounddevice = _sounddevice()
    players: list[ClipPlayer] = []

    def gone(stream: object) -> None:
        # The sound's end, a moment before the picture's: it fails once the picture has ended.
        deadline = time.monotonic() + 10
        while players and players[0].ticking and time.monotonic() < deadline:
            time.sleep(0.02)
        raise sounddevice.PortAudioError("Unanticipated host error")

    monkeypatch.setattr(sounddevice.RawOutputStream, "stop", gone)
    window = _window(qtbot, tmp_path)
    _on_the_clip(qtbot, window, finger)
    player = _player(window)
    assert player is not None
    players.append(player)
    finger.tap(window.stage, _button(qtbot, window).center().toPoint())
    assert window.state.sound
    qtbot.waitUntil(lambda: not player.ticking, timeout=15000)  # the clip has ended
    qtbot.waitUntil(lambda: not window.state.sound, timeout=15000)
    render_frame(window.stage)
    assert window.stage.sound_button() is None


def test_an_output_lost_and_still_missing_is_looked_for_again_later(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The headphones were pulled and the next clip found no output: a while later, with the
    headphones back, clips offer their sound again, without a restart."""
    monkeypatch.setattr("kiosk.ui.clip_sound.LOOK_AGAIN_S", 0.2)
    found = [True, False, True]  # at the start; just after the pull; once plugged in again
    looks: list[bool] = []
    output = SoundOutput()

    def look() -> bool:
        looks.append(found[len(looks)])
        return looks[-1]

    monkeypatch.setattr(output, "_look", look)
    assert output.check()
    output.lost()
    assert not output.check()
    assert not output.check() and len(looks) == 2  # not looked for at every clip
    time.sleep(0.25)
    assert output.check() and len(looks) == 3
