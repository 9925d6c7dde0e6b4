"""A video slide's still: the clip's own frame (or the organiser's poster), as large as the
slide allows and clear of the manifesto's code, with the caption of that moment in the
visitor's language on a dark ground, clear of the controls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.content import load_show
from kiosk.content.model import Show
from kiosk.ui.slides import SlideView
from tests.clipfiles import colour_at, show_folder

SHOW = """\
settings:
  languages: [de, en, be]
  default_language: de
  manifesto: https://releasenow.org/manifesto/
  imprint: "Release N:OW test stand, Berlin"
slides:
  - id: statement
    kind: video
    file: clips/statement.mp4
    captions: {de: clips/de.vtt, en: clips/en.vtt}
"""
CAPTIONS = {
    "de": "WEBVTT\n\n00:00.500 --> 00:02.000\nIch war 1117 Tage in Haft.\n",
    "en": "WEBVTT\n\n00:00.500 --> 00:02.000\nI was held for 1,117 days.\n",
}


@pytest.fixture
def clip_show(tmp_path: Path) -> tuple[Show, Path]:
    loaded = load_show(show_folder(tmp_path / "show", SHOW, CAPTIONS))
    assert loaded.show is not None, loaded.report.diagnostics
    return loaded.show, loaded.files


def _close(colour: QColor, expected: tuple[int, int, int]) -> bool:
    found = (colour.red(), colour.green(), colour.blue())
    return all(abs(a - b) <= 8 for a, b in zip(found, expected, strict=True))


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_the_still_is_the_clips_frame_with_the_caption_of_that_moment(
    clip_show: tuple[Show, Path], make_view: Callable[..., SlideView], size: tuple[int, int]
) -> None:
    show, files = clip_show
    view = make_view("statement", size, "en", show, files)
    [clip] = [item for item in view.composition.items if item.role == "clip"]
    [caption] = view.text_items()
    assert caption.text == "I was held for 1,117 days."
    # The picture is the frame a second in, as large as the slide's width allows.
    image = view.still_image()
    centre = clip.box.center()
    assert _close(image.pixelColor(round(centre.x()) - 100, round(centre.y())), colour_at(1.0))
    # The caption stands clear of the controls' band, on a ground that keeps it readable.
    assert caption.box.bottom() <= view.style.content_bottom
    ground = image.pixelColor(round(caption.box.left()) + 3, round(caption.box.top()) + 3)
    assert max(ground.red(), ground.green(), ground.blue()) < 60
    if size[0] > size[1]:
        # Beside the manifesto's code, never under it.
        assert clip.box.right() <= view.style.content_right + 0.5
    else:
        # A wide clip on a tall panel: the caption under the picture, not over it.
        assert caption.box.top() >= clip.box.bottom()


def test_captions_follow_the_visitors_language_and_fall_back_to_the_shows(
    clip_show: tuple[Show, Path], make_view: Callable[..., SlideView]
) -> None:
    show, files = clip_show
    texts = {
        code: [i.text for i in make_view("statement", (1920, 1080), code, show, files).text_items()]
        for code in ("de", "en", "be")
    }
    assert texts == {
        "de": ["Ich war 1117 Tage in Haft."],
        "en": ["I was held for 1,117 days."],
        "be": ["Ich war 1117 Tage in Haft."],  # none in Belarusian: the show's language
    }


def test_the_organisers_poster_stands_in_for_the_clips_frame(
    clip_show: tuple[Show, Path], make_view: Callable[..., SlideView]
) -> None:
    show, files = clip_show
    poster = QImage(64, 36, QImage.Format.Format_RGB32)
    poster.fill(QColor(200, 30, 40))
    assert poster.save(str(files / "clips" / "poster.png"))
    [slide] = show.slides
    poster_show = Show(
        settings=show.settings,
        slides=[type(slide)(**{**slide.__dict__, "poster": "clips/poster.png"})],
    )
    view = make_view("statement", (1920, 1080), "de", poster_show, files)
    [clip] = [item for item in view.composition.items if item.role == "clip"]
    centre = clip.box.center()
    assert _close(view.still_image().pixelColor(round(centre.x()), 200), (200, 30, 40))
