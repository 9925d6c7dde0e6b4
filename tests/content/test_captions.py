"""Caption files as organisers write them: what is shown, and every mistake named by its line."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.captions import format_time, parse_captions, parse_time, read_captions

GOOD = """\
WEBVTT - statement of a released prisoner

NOTE translated by the campaign

1
00:00.500 --> 00:03.000 align:start
<v Ihar>I was held for 1,117 days.</v>

00:03.500 --> 00:00:07.250
For a &quot;like&quot; &amp; a comment.
<i>Nobody told my family.</i>
"""


def _problems(text: str) -> list[tuple[int, str, bool]]:
    return [(p.line, str(p.message), p.error) for p in parse_captions(text).problems]


def test_a_good_file_gives_each_caption_its_time_and_plain_text() -> None:
    track = parse_captions(GOOD)
    assert track.problems == []
    assert [(c.start, c.end, c.line) for c in track.captions] == [
        (0.5, 3.0, 6),
        (3.5, 7.25, 9),
    ]
    assert track.captions[0].text == "I was held for 1,117 days."
    assert track.captions[1].text == 'For a "like" & a comment.\nNobody told my family.'
    assert [c.text for c in track.at(4.0)] == [track.captions[1].text]
    assert track.at(3.2) == [] and track.last_end() == 7.25


def test_windows_line_ends_and_a_byte_order_mark_read_the_same() -> None:
    track = parse_captions("\ufeff" + GOOD.replace("\n", "\r\n"))
    assert track.problems == [] and len(track.captions) == 2


def test_a_file_that_is_not_webvtt_says_so_at_line_1() -> None:
    srt = "1\n00:00:01,000 --> 00:00:04,000\nHello\n"
    assert _problems(srt) == [(1, "not a WebVTT file: its first line must read WEBVTT", True)]


def test_each_mistake_is_named_with_its_line_and_all_are_found_at_once() -> None:
    text = """\
WEBVTT

00:01.000 --> 00:04,000
comma instead of a point

00:05.000 --> 00:04.000
ends before it begins

Just text, no times

00:08.000 -> 00:09.000
a short arrow

00:10.000 --> 00:11.000

00:12.000 --> 00:13.000
text
00:14.000 --> 00:15.000
the blank line above was left out
"""
    problems = _problems(text)
    assert [(line, error) for line, _, error in problems] == [
        (3, True),
        (6, True),
        (9, True),
        (11, True),
        (14, False),  # allowed by the format, shows nothing: a warning
        (18, True),
    ]
    messages = [message for _, message, _ in problems]
    assert "'00:04,000' is not a WebVTT time" in messages[0]
    assert messages[1] == "the caption ends (00:04.000) before it begins (00:05.000)"
    assert messages[2].startswith("a caption without its time line")
    assert messages[3].startswith("'00:08.000 -> 00:09.000' is not a time line")
    assert messages[4].startswith("a caption with no text")
    assert messages[5].startswith("a time line inside a caption's text")


def test_captions_out_of_order_are_an_error_and_two_at_once_a_warning() -> None:
    text = "WEBVTT\n\n00:05.000 --> 00:08.000\nB\n\n00:07.000 --> 00:09.000\nC\n\n"
    text += "00:01.000 --> 00:02.000\nA\n"
    assert _problems(text) == [
        (
            6,
            "this caption begins (00:07.000) while the one above it (line 3) still shows,"
            " until 00:08.000: both are shown at once, one above the other",
            False,
        ),
        (
            9,
            "this caption begins (00:01.000) before the one above it (00:07.000):"
            " put the captions in the order they are shown",
            True,
        ),
    ]
    assert [c.text for c in parse_captions(text).captions] == ["A", "B", "C"]


def test_times_are_read_and_written_as_webvtt_has_them() -> None:
    assert parse_time("01:05.250") == 65.25
    assert parse_time("01:00:00.000") == 3600
    assert parse_time("1:05.250") is None and parse_time("00:60.000") is None
    assert format_time(65.25) == "01:05.250" and format_time(3661.5) == "01:01:01.500"


def test_a_file_not_in_utf8_is_named_at_the_line_it_breaks(tmp_path: Path) -> None:
    path = tmp_path / "de.vtt"
    path.write_bytes("WEBVTT\n\n00:01.000 --> 00:02.000\nGrüße\n".encode("latin-1"))
    [problem] = read_captions(path).problems
    assert problem.line == 4 and "UTF-8" in problem.message


def test_a_caption_too_long_to_read_while_the_picture_moves_is_a_warning() -> None:
    long = "I was held for 1,117 days, for a comment under a video of the march, " * 2
    text = f"WEBVTT\n\n00:01.000 --> 00:04.000\n{long.strip()}\n"
    [(line, message, error)] = _problems(text)
    assert (line, error) == (3, False)
    assert message.startswith("a caption of 137 characters is more than two lines to read")
    assert len(parse_captions(text).captions) == 1  # shown all the same


def test_what_players_accept_is_read_and_a_missing_blank_line_after_the_header_is_named() -> None:
    relaxed = "WEBVTT\n\nSTYLE  \n::cue { color: yellow }\n\n00:01.000-->00:02.000\nHello\n"
    track = parse_captions(relaxed)
    assert track.problems == [] and [c.text for c in track.captions] == ["Hello"]
    squeezed = "WEBVTT\n00:01.000 --> 00:02.000\nHello\n"
    assert _problems(squeezed) == [
        (2, "leave a blank line between the WEBVTT line and the first caption", True)
    ]
