"""A show with video slides, checked as `validate` checks it: the clip with the decoder, the
captions line by line, and both against the slide's trims and time."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import clips
from kiosk.content.model import VideoSlide
from kiosk.content.validate import load_show
from tests.clipfiles import make_clip
from tests.content.conftest import MINIMAL_SHOW

CAPTIONS_DE = "WEBVTT\n\n00:00.200 --> 00:01.500\nIch war 1117 Tage in Haft.\n"
CAPTIONS_EN = "WEBVTT\n\n00:00.200 --> 00:01.500\nI was held for 1,117 days.\n"


def _show(video: str) -> str:
    return MINIMAL_SHOW + "  - id: statement\n    kind: video\n" + video


def _folder(
    make_folder: Callable[..., Path], video: str, captions: dict[str, str] | None = None
) -> Path:
    folder = make_folder(_show(video), {f"clips/{k}.vtt": v for k, v in (captions or {}).items()})
    (folder / "clips").mkdir(exist_ok=True)
    make_clip(folder / "clips" / "statement.mp4", seconds=2)
    return folder


def test_a_captioned_clip_validates_and_stays_as_long_as_it_plays(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    folder = _folder(
        make_folder,
        "    file: clips/statement.mp4\n"
        "    captions: {de: clips/de.vtt, en: clips/en.vtt}\n"
        "    start: 0.5\n"
        "    consent: true\n",
        {"de": CAPTIONS_DE, "en": CAPTIONS_EN},
    )
    code, lines = validate("show")
    assert (code, lines[-1]) == (0, "0 errors, 0 warnings")
    loaded = load_show(folder)
    assert loaded.show is not None
    [slide] = [s for s in loaded.show.slides if isinstance(s, VideoSlide)]
    assert slide.duration == 1.5  # two seconds of clip from 0.5 s on
    assert slide.captions is not None and slide.captions.get("en") == "clips/en.vtt"


def test_every_problem_of_clip_captions_and_trims_is_named_in_one_pass(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    _folder(
        make_folder,
        "    file: clips/statement.mp4\n"
        "    captions: {de: clips/de.vtt, en: clips/en.vtt}\n"
        "    end: 1.0\n"
        "    duration: 9\n",
        {
            "de": "WEBVTT\n\n00:00.200 --> 00:00,900\nKomma\n\n00:01.200 --> 00:01.800\nSpät\n",
            "en": "1\n00:00:01,000 --> 00:00:02,000\nSRT, not WebVTT\n",
        },
    )
    code, lines = validate("show")
    assert code == 2
    assert lines == [
        "show/clips/de.vtt:3: error: '00:00,900' is not a WebVTT time: write minutes, seconds"
        " and thousandths as 01:05.250 (or 00:01:05.250)",
        "show/clips/de.vtt:6: warning: this caption (00:01.200 to 00:01.800) is outside the"
        " part of the clip that is shown (00:00.000 to 00:01.000): it never appears",
        "show/clips/en.vtt:1: error: not a WebVTT file: its first line must read WEBVTT",
        "show/show.yaml:15:15: warning: slide 'statement' stays 9 s, but its clip plays 1.0 s:"
        " its last frame stands for the rest (leave duration out, or set loop: true)",
        "2 errors, 2 warnings",
    ]


def test_a_looping_clip_needs_its_time_and_a_trim_must_leave_something(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    _folder(make_folder, "    file: clips/statement.mp4\n    loop: true\n    start: 3\n")
    code, lines = validate("show")
    assert code == 2
    assert any(
        "a looping clip plays until its slide's time ends: give 'duration' in seconds" in line
        for line in lines
    ), lines


def test_a_missing_clip_and_a_broken_one_are_errors_naming_the_file(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    folder = _folder(make_folder, "    file: clips/statment.mp4\n")
    code, lines = validate("show")
    assert code == 2 and "clips/statment.mp4" in lines[0] and "statement.mp4" in lines[0]
    (folder / "show.yaml").write_text(_show("    file: clips/broken.mp4\n"), encoding="utf-8")
    (folder / "clips" / "broken.mp4").write_bytes(b"\0" * 4000)
    code, lines = validate("show")
    assert code == 2
    assert lines[0].startswith("show/show.yaml:12:11: error: clip 'clips/broken.mp4' cannot be")


def test_without_the_video_extra_the_show_is_refused_with_the_command_that_adds_it(
    make_folder: Callable[..., Path],
    validate: Callable[..., tuple[int, list[str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _folder(make_folder, "    file: clips/statement.mp4\n")
    monkeypatch.setattr(clips, "video_support", lambda: False)
    code, lines = validate("show")
    assert code == 2
    assert lines[0] == (
        "show/show.yaml:12:11: error: clip 'clips/statement.mp4' needs video support, which"
        " this installation does not have: run .venv/bin/pip install -e '.[video]' in the"
        " kiosk's folder (docs/content.md, Video slides)"
    )


def test_a_show_without_video_loads_no_decoder(tmp_path: Path) -> None:
    """Checked and drawn, a show of pictures and words imports nothing of the decoder, nor
    of the sound output."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from kiosk.content import load_show\n"
        "from kiosk.paths import DEFAULT_CONTENT\n"
        "from kiosk import cli\n"
        "load_show(DEFAULT_CONTENT, decode_pictures=True)\n"
        f"cli.main(['render', str(DEFAULT_CONTENT), '--out', {str(tmp_path)!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('av', 'sounddevice')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_clip_people_did_not_agree_to_and_a_check_date_ahead_are_errors(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    _folder(
        make_folder,
        "    file: clips/statement.mp4\n    consent: false\n    verified_on: 2999-01-01\n",
    )
    code, lines = validate("show")
    assert code == 2
    assert lines[:2] == [
        "show/show.yaml:13:14: error: slide 'statement' has 'consent: false': the people in it"
        " did not agree to be shown; take the slide out",
        "show/show.yaml:14:18: error: verified_on date of slide 'statement' is in the future",
    ]


def test_a_signed_shows_clip_and_captions_are_signed_like_every_file(
    make_folder: Callable[..., Path], tmp_path: Path
) -> None:
    from kiosk import cli
    from kiosk.content.signing import PublicKey

    folder = _folder(
        make_folder,
        "    file: clips/statement.mp4\n    captions: {de: clips/de.vtt, en: clips/en.vtt}\n",
        {"de": CAPTIONS_DE, "en": CAPTIONS_EN},
    )
    assert cli.main(["keygen", "--out", str(tmp_path / "keys")]) == 0
    assert cli.main(["sign", str(folder), "--key", str(tmp_path / "keys" / "release-now.key")]) == 0
    key = PublicKey.parse((tmp_path / "keys" / "release-now.pub").read_text())
    loaded = load_show(folder, trusted_keys=[key])
    assert loaded.show is not None and loaded.verdict is not None and loaded.verdict.ok
    # A single byte of the clip changed, or a caption reworded: the show is refused.
    clip = folder / "clips" / "statement.mp4"
    data = bytearray(clip.read_bytes())
    data[-1] ^= 1
    clip.write_bytes(bytes(data))
    (folder / "clips" / "en.vtt").write_text(CAPTIONS_EN.replace("1,117", "17"), encoding="utf-8")
    refused = load_show(folder, trusted_keys=[key])
    assert refused.show is None
    assert [d.message for d in refused.report.errors] == [
        "clips/en.vtt was changed after signing",
        "clips/statement.mp4 was changed after signing",
    ]


def test_sound_asked_of_a_clip_without_a_sound_track_is_a_warning(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    _folder(make_folder, "    file: clips/statement.mp4\n    sound: true\n")
    code, lines = validate("show")
    assert code == 0
    assert any(
        "show.yaml:" in line
        and "warning: slide 'statement' has 'sound: true', but its clip has no sound track" in line
        for line in lines
    ), lines
    assert lines[-1] == "0 errors, 1 warning"


def test_a_clip_with_sound_may_ask_for_it(
    make_folder: Callable[..., Path], validate: Callable[..., tuple[int, list[str]]]
) -> None:
    folder = make_folder(_show("    file: clips/statement.mp4\n    sound: true\n"))
    (folder / "clips").mkdir(exist_ok=True)
    make_clip(folder / "clips" / "statement.mp4", seconds=2, tone=440.0)
    code, lines = validate("show")
    assert (code, lines[-1]) == (0, "0 errors, 0 warnings")
