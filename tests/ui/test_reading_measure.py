"""Running text is set in lines a reader follows without losing the line: on a wide screen no
line of a slide's text, a quote or a caption holds more than 80 characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import Show
from kiosk.output.render import render_frame
from kiosk.playback.state import SlideMove
from tests.pieces import bare_stage

# What a reader reads line after line. Headlines are set large and short; the one-line notes of
# sources under a chart are small print, not read as running text.
RUNNING_TEXT = {"text", "body", "quote", "translation", "role", "caption", "line"}


@pytest.mark.parametrize("language", ["de", "en", "be", "ru"])
def test_no_line_of_running_text_is_longer_than_80_characters(
    qapp: object, default_show: Show, families: tuple[str, ...], language: str
) -> None:
    stage = bare_stage(default_show, Path("content"), language, families)
    stage.resize(1920, 1080)
    long_lines = []
    lines_seen = 0
    for index, slide in enumerate(default_show.slides):
        stage.state.move(SlideMove(index, animate=False))
        render_frame(stage)
        for item in stage.view(index).text_items():
            if item.role not in RUNNING_TEXT:
                continue
            for line in item.lines:
                shown = line.replace("\u00ad", "").strip()
                lines_seen += 1
                if len(shown) > 80:
                    long_lines.append(f"{slide.id} {item.role} ({len(shown)}): {shown}")
    assert lines_seen > 50
    assert not long_lines, "\n".join(long_lines)
    stage.deleteLater()
