"""Pictures of the default show draw without complaint; broken pictures draw nothing, quietly;
and the validator's verdict on a picture is the screen's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QImage, QImageReader
from pytestqt.qtbot import QtBot

from kiosk.content import load_show
from kiosk.content.assets import AssetError, decode_image
from kiosk.paths import DEFAULT_CONTENT
from kiosk.ui.slides import ImageStore
from kiosk.ui.window import KioskWindow
from tests.imagefiles import photo, png_bytes, with_metadata
from tests.pieces import running_show

ILLUSTRATIONS = sorted(p.name for p in (DEFAULT_CONTENT / "images").iterdir())


@pytest.mark.parametrize("name", ILLUSTRATIONS)
def test_illustration_draws_at_its_size(qtbot: QtBot, name: str) -> None:
    image = ImageStore(DEFAULT_CONTENT / "images").fitted(name, 300, 300)
    assert image is not None and (image.width(), image.height()) == (300, 300)
    # Not empty: line art on a transparent ground, its lines spread over the square.
    opaque = [
        (x, y)
        for x in range(0, 300, 10)
        for y in range(0, 300, 10)
        if image.pixelColor(x, y).alpha() > 0
    ]
    assert len(opaque) > 60
    assert max(x for x, _ in opaque) - min(x for x, _ in opaque) > 80
    assert max(y for _, y in opaque) - min(y for _, y in opaque) > 80


def test_raster_image_is_decoded_at_the_size_shown(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "wide.png").write_bytes(png_bytes(400, 200))
    image = ImageStore(tmp_path).fitted("wide.png", 100, 100)
    assert image is not None and (image.width(), image.height()) == (100, 50)


def test_garbage_image_draws_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    with qtbot.captureExceptions() as exceptions:
        assert ImageStore(tmp_path).fitted("broken.png", 100, 100) is None
    assert exceptions == []


AGREEMENT = {
    "export-with-150-kb-metadata.jpg": (with_metadata(photo(1200, 800), 150), True),
    "photo.webp": (photo(300, 200, "WEBP"), True),
    "image-data-checksum.png": (png_bytes(64, 64, idat_crc_off=True), False),
    "no-image-data.png": (png_bytes(64, 64, idat=False), False),
    "colour-type-5.png": (png_bytes(64, 64, colour_type=5), False),
    "bit-depth-3.png": (png_bytes(64, 64, bit_depth=3), False),
}


@pytest.mark.parametrize("name", sorted(AGREEMENT))
def test_the_validators_verdict_is_the_screens(qtbot: QtBot, tmp_path: Path, name: str) -> None:
    """What `validate` accepts, the kiosk's own decoder shows; what it refuses, it cannot."""
    data, good = AGREEMENT[name]
    (tmp_path / name).write_bytes(data)
    try:
        decode_image(tmp_path / name)
        accepted = True
    except AssetError:
        accepted = False
    shown = ImageStore(tmp_path).fitted(name, 150, 100)
    assert accepted is good
    assert (shown is not None) is good


class _QtWithoutWebP(QImageReader):
    """Qt as PySide6 6.8.0.2 has it on Raspberry Pi OS Bookworm: its WebP plugin cannot load."""

    def read(self) -> QImage:
        return QImage() if self.fileName().endswith(".webp") else super().read()

    def error(self) -> QImageReader.ImageReaderError:
        if self.fileName().endswith(".webp"):
            return QImageReader.ImageReaderError.UnsupportedFormatError
        return super().error()


@pytest.mark.parametrize("alpha", [False, True])
def test_a_picture_this_qt_cannot_read_is_shown_all_the_same(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alpha: bool
) -> None:
    """A WebP picture passes validate, so it must reach the screen even where Qt lacks the
    plugin: at the size shown, opaque unless it has transparency, its colours kept."""
    picture = Image.new(
        "RGBA" if alpha else "RGB", (600, 400), (200, 40, 40, 128 if alpha else 255)
    )
    picture.save(tmp_path / "photo.webp", "WEBP", lossless=True)
    monkeypatch.setattr("kiosk.ui.slides.base.QImageReader", _QtWithoutWebP)
    store = ImageStore(tmp_path)
    image = store.fitted("photo.webp", 300, 300)
    assert image is not None and (image.width(), image.height()) == (300, 200)
    colour = image.pixelColor(150, 100)
    shown = (colour.red(), colour.green(), colour.blue(), colour.alpha())
    wanted = (200, 40, 40, 128 if alpha else 255)
    assert all(abs(a - b) <= 1 for a, b in zip(shown, wanted, strict=True)), shown  # rounding
    filled = store.fitted("photo.webp", 300, 300, cover=True)
    assert filled is not None and (filled.width(), filled.height()) == (450, 300)


def test_a_photo_fills_its_story_card(
    qtbot: QtBot, tmp_path: Path, families: tuple[str, ...]
) -> None:
    """A camera's 4:3 photo covers the card's whole picture area, cut evenly at top and
    bottom, not a small letterboxed thumbnail on the card's colour."""
    from PIL import Image

    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    Image.new("RGB", (1600, 1200), (200, 30, 40)).save(folder / "images" / "photo.jpg")
    show_yaml = folder / "show.yaml"
    text = show_yaml.read_text(encoding="utf-8")
    show_yaml.write_text(
        text.replace("image: images/student-flower.svg", "image: images/photo.jpg"),
        encoding="utf-8",
    )
    loaded = load_show(folder)
    assert loaded.show is not None
    window = KioskWindow(running_show(loaded, language="en").player, families)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    window.start()
    qtbot.waitExposed(window)
    window.open_stories()
    overview = window.stories_overlay
    card = next(c for c in overview.cards if c.story.id == "story-student")
    rect = overview.screen_rect(card)
    shot = overview.grab().toImage()
    # The picture area: the card's width, 0.62 of it high, less the rounded corners.
    inset = 12
    for x in range(round(rect.left()) + inset, round(rect.right()) - inset, 8):
        for y in range(round(rect.top()) + inset, round(rect.top() + rect.width() * 0.62) - 2, 8):
            colour = shot.pixelColor(x, y)
            assert abs(colour.red() - 200) < 12 and colour.green() < 60, (x, y, colour.name())
