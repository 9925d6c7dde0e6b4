"""A video slide off the screen: `render` proofs its poster with its first caption, and the
handout prints the poster with what is said in the clip, in the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk import cli
from tests.clipfiles import colour_at, show_folder
from tests.content.conftest import MINIMAL_SHOW
from tests.output.test_handout_pdf import pages_at, words

SHOW = MINIMAL_SHOW + (
    "  - id: statement\n"
    "    kind: video\n"
    "    file: clips/statement.mp4\n"
    "    captions: {de: clips/de.vtt, en: clips/en.vtt}\n"
    "    print: true\n"
)
CAPTIONS = {
    "de": "WEBVTT\n\n00:00.500 --> 00:02.000\nIch war 1117 Tage in Haft.\n\n"
    "00:02.000 --> 00:03.000\nFür einen Kommentar.\n",
    "en": "WEBVTT\n\n00:00.500 --> 00:02.000\nI was held for 1,117 days.\n\n"
    "00:02.000 --> 00:03.000\nFor a comment.\n",
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))  # hidden stories: none
    return show_folder(tmp_path / "show", SHOW, CAPTIONS)


def _clip_like(image: QImage, x: int, y: int, seconds: float) -> bool:
    colour = image.pixelColor(x, y)
    expected = colour_at(seconds)
    found = (colour.red(), colour.green(), colour.blue())
    return all(abs(a - b) <= 10 for a, b in zip(found, expected, strict=True))


def test_render_proofs_the_poster_frame(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli.main(["render", str(folder), "--out", str(out), "--size", "1280x720"]) == 0
    proof = QImage(str(out / "02-statement.png"))
    assert any(_clip_like(proof, x, 250, 1.0) for x in (300, 400, 500, 600))


def test_the_handout_prints_the_poster_and_what_is_said(folder: Path, tmp_path: Path) -> None:
    for language, said in (
        ("en", "I was held for 1,117 days. For a comment."),
        ("de", "Ich war 1117 Tage in Haft. Für einen Kommentar."),
    ):
        pdf = tmp_path / f"handout-{language}.pdf"
        assert cli.main(["handout", str(folder), "--out", str(pdf), "--lang", language]) == 0
        assert said in words(pdf)
    [page] = pages_at(pdf, 40, tmp_path)
    assert any(
        _clip_like(page, x, y, 1.0)
        for x in range(0, page.width(), 9)
        for y in range(0, page.height(), 9)
    ), "no poster on the page"
