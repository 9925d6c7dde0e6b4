"""Each verdict on a clip, from clips made here: what plays, what is refused and why, and
what plays but is worth a fix, with the command that makes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.assets import AssetError
from kiosk.content.clips import ClipInfo, clip_warnings, decode_clip, inspect_clip
from tests.clipfiles import make_clip


def _refused(path: Path) -> str:
    with pytest.raises(AssetError) as refused:
        decode_clip(path)
    return str(refused.value)


def test_a_clip_is_described_as_it_will_be_shown(tmp_path: Path) -> None:
    info = decode_clip(make_clip(tmp_path / "statement.mp4", seconds=2, audio=True))
    assert (info.codec, info.width, info.height, info.fps, info.duration) == (
        "h264",
        320,
        180,
        25.0,
        2.0,
    )
    assert info.audio and info.rotation == 0 and info.pixel_format == "yuv420p"
    assert clip_warnings(info, "statement.mp4") == []


def test_a_phone_clip_filmed_upright_is_shown_upright(tmp_path: Path) -> None:
    info = inspect_clip(make_clip(tmp_path / "phone.mp4", rotation=90))
    assert (info.rotation, info.width, info.height) == (90, 180, 320)


def test_a_copy_that_did_not_finish_is_refused_as_cut_short(tmp_path: Path) -> None:
    whole = make_clip(tmp_path / "march.mp4", seconds=4, size=(640, 360), faststart=True)
    data = whole.read_bytes()
    whole.write_bytes(data[: len(data) * 6 // 10])
    assert _refused(whole) == (
        "clip 'march.mp4' ends at 0:02, but its header says it is 0:04 long: the file is cut"
        " short (a copy that did not finish?); copy it again"
    )


def test_a_file_cut_before_its_index_cannot_be_read(tmp_path: Path) -> None:
    whole = make_clip(tmp_path / "march.mp4", seconds=2)
    whole.write_bytes(whole.read_bytes()[:3000])
    assert _refused(whole).startswith("clip 'march.mp4' cannot be read (")


def test_a_damaged_clip_is_refused_with_where_it_breaks(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "family.mp4", seconds=4, size=(640, 360), faststart=True)
    data = bytearray(clip.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 3000] = bytes(range(256)) * 11 + bytes(184)
    clip.write_bytes(bytes(data))
    message = _refused(clip)
    assert message.startswith("clip 'family.mp4' is damaged after 0:0"), message
    assert message.endswith("copy it again or export it again from the video program")


def test_a_codec_the_decoder_does_not_know_is_refused(tmp_path: Path) -> None:
    data = make_clip(tmp_path / "clip.mp4", seconds=1).read_bytes()
    at = data.index(b"avc1", data.index(b"stsd"))
    unknown = tmp_path / "unknown.mp4"
    unknown.write_bytes(data[:at] + b"zzz9" + data[at + 4 :])
    assert _refused(unknown) == "clip 'unknown.mp4' is in a format the decoder does not know"


def test_not_a_clip_sound_only_and_empty_files_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("not a clip", encoding="utf-8")
    assert "it is not a video file, or it is damaged" in _refused(text)
    empty = tmp_path / "empty.mp4"
    empty.touch()
    assert _refused(empty) == "clip 'empty.mp4' is empty (0 bytes)"
    picture = tmp_path / "still.png"
    picture.write_bytes(b"\x89PNG")
    assert _refused(picture).startswith("'still.png' is not a supported clip type")
    sound = make_clip(tmp_path / "voice.mp4", seconds=1, audio=True)
    sound_only = tmp_path / "sound.mp4"
    _keep_only_sound(sound, sound_only)
    assert _refused(sound_only) == "'sound.mp4' holds no picture, only sound"


def _keep_only_sound(source: Path, target: Path) -> None:
    import av

    with av.open(str(source)) as read, av.open(str(target), "w") as write:
        kept = write.add_stream_from_template(read.streams.audio[0])
        for packet in read.demux(read.streams.audio[0]):
            if packet.dts is not None:
                packet.stream = kept
                write.mux(packet)


def test_what_plays_but_not_well_on_a_pi_is_warned_with_the_command_that_fixes_it(
    tmp_path: Path,
) -> None:
    big = inspect_clip(make_clip(tmp_path / "big.mp4", seconds=0.5, size=(2560, 1440), fps=60))
    warnings = [str(w) for w in clip_warnings(big, "clips/big.mp4")]
    assert warnings[0] == (
        "clip 'clips/big.mp4' is 2560x1440: more than a 1080p screen shows, and more than a"
        " Raspberry Pi decodes smoothly"
    )
    assert warnings[1].startswith("clip 'clips/big.mp4' has 60 frames a second")
    assert warnings[2] == (
        "to make 'clips/big.mp4' a clip every kiosk plays smoothly: ffmpeg -i clips/big.mp4"
        " -vf scale=1920:1080:force_original_aspect_ratio=decrease:force_divisible_by=2,fps=30"
        " -c:v libx264 -preset slow -crf 21 -pix_fmt yuv420p -c:a aac -movflags +faststart"
        " clips/big-kiosk.mp4"
    )
    vp9 = inspect_clip(make_clip(tmp_path / "web.webm", codec="libvpx-vp9"))
    assert [str(w).split(":")[0] for w in clip_warnings(vp9, "web.webm")] == [
        "clip 'web.webm' is VP9",
        "to make 'web.webm' a clip every kiosk plays smoothly",
    ]


def test_long_and_heavy_clips_are_warned_from_their_facts() -> None:
    info = ClipInfo("mp4", "h264", 1920, 1080, 25.0, 95.0, 0, True, "yuv420p", 150_000_000)
    assert [str(w) for w in clip_warnings(info, "march.mp4")] == [
        "clip 'march.mp4' is 1:35 long; visitors pass by, and a clip over a minute is rarely"
        " watched to its end: trim it with start: and end:",
        "clip 'march.mp4' is 150 MB; 80 MB are enough for a minute of 1080p, and every kiosk"
        " copies it",
        "to make 'march.mp4' a clip every kiosk plays smoothly: ffmpeg -i march.mp4 -c:v libx264"
        " -preset slow -crf 21 -pix_fmt yuv420p -c:a aac -movflags +faststart"
        " march-kiosk.mp4",
    ]


def test_a_clip_is_read_by_the_demuxer_its_name_says_and_nothing_else(tmp_path: Path) -> None:
    """FFmpeg does not guess the format from the content: a WebM renamed .mp4 is refused, and
    a playlist that would fetch its parts from the network is not read as one."""
    webm = make_clip(tmp_path / "web.webm", codec="libvpx-vp9")
    renamed = tmp_path / "renamed.mp4"
    renamed.write_bytes(webm.read_bytes())
    assert "cannot be read" in _refused(renamed)
    playlist = tmp_path / "playlist.mp4"
    playlist.write_text(
        "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\nhttp://127.0.0.1:9/part.ts\n"
        "#EXT-X-ENDLIST\n",
        encoding="utf-8",
    )
    assert "cannot be read" in _refused(playlist)
