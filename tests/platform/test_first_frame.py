"""The first frame kept from one start goes up first at the next, and only when it is right."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from kiosk.content.minisign_keys import PublicKey
from kiosk.paths import DEFAULT_CONTENT, ROOT
from kiosk.platform.first_frame import FirstFrame
from kiosk.platform.kept_key import frame_kept_for, show_key, trust_text
from kiosk.platform.kept_png import png_bytes
from kiosk.ui.window import KioskWindow


def _frame(
    tmp_path: Path, folder: Path, size: QSize | None = None, state: bytes = b""
) -> FirstFrame:
    (tmp_path / "state.json").write_bytes(state)
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return FirstFrame.for_start(
        tmp_path / "kept", folder, None, screen, size or QSize(800, 600), 0, tmp_path / "state.json"
    )


def _picture(colour: str) -> QImage:
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return image


def test_a_kept_frame_is_found_by_the_next_start_with_its_slide(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    first = _frame(tmp_path, folder)
    assert first.kept() is None
    first.keep(_picture("#101a24"), "opening")
    first.finish()
    kept = _frame(tmp_path, folder).kept()
    assert kept is not None
    image, slide = kept
    assert slide == "opening" and image.pixelColor(10, 10) == QColor("#101a24")


@pytest.mark.parametrize("change", ["show edited", "other window size", "staff state"])
def test_anything_that_changes_the_picture_finds_no_kept_frame(
    qtbot: QtBot, tmp_path: Path, change: str
) -> None:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    first = _frame(tmp_path, folder)
    first.keep(_picture("#101a24"), "opening")
    first.finish()
    size, state = QSize(800, 600), b""
    if change == "show edited":
        show = folder / "show.yaml"
        show.write_text(show.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "other window size":
        size = QSize(1024, 768)
    else:
        state = b'{"hidden_stories": ["story-teacher"]}'
    assert _frame(tmp_path, folder, size, state).kept() is None


def test_the_start_knows_before_qt_whether_its_show_has_a_frame_kept(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)

    def kept_before() -> bool:
        return frame_kept_for(
            tmp_path / "kept", show_key(folder, None, 0, tmp_path / "state.json", "")
        )

    first = _frame(tmp_path, folder)
    assert not kept_before()  # a new show: its check begins at once
    first.keep(_picture("#101a24"), "opening")
    first.finish()
    assert kept_before()  # its frame goes up first; the check begins after it
    show = folder / "show.yaml"
    show.write_text(show.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not kept_before()  # changed since: nothing will go up before the show


def test_only_the_last_few_frames_are_kept(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    for width in range(700, 1300, 100):  # six screens
        frame = _frame(tmp_path, folder, QSize(width, 600))
        frame.keep(_picture("#101a24"), "opening")
        frame.finish()
    assert len(list((tmp_path / "kept").glob("*.png"))) == 3


def _run_start(data: Path) -> subprocess.CompletedProcess[str]:
    """A start as `kiosk --windowed` makes it, with its folders in data."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_DATA_DIR": str(data),
        "KIOSK_LOG_DIR": str(data / "log"),
        "KIOSK_CONFIG_DIR": str(data / "config"),
    }
    return subprocess.run(
        [sys.executable, "-m", "kiosk.bench.startup_child"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )


def _start(data: Path) -> dict[str, Any]:
    done = _run_start(data)
    assert done.returncode == 0, done.stderr
    times: dict[str, Any] = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            times.update(json.loads(line))
    return times


def test_the_second_start_shows_the_first_ones_frame_before_the_show_is_read(
    tmp_path: Path, window: KioskWindow
) -> None:
    first = _start(tmp_path)
    assert "kept" not in first  # nothing kept yet: the show itself comes first
    # The show was read and checked in a process of its own: the kiosk holds none of YAML,
    # pydantic, the QR code maker or the checks.
    assert first["loaded_at_show"] == []
    [kept_file] = (tmp_path / "first-frame").glob("*.png")
    second = _start(tmp_path)
    assert second["kept"] < second["show"]
    # Nothing the picture does not need came before it: not the content model, Pillow, YAML,
    # the QR code maker or the widgets, and not Qt's enums (about 45 ms here on their own).
    assert second["loaded_at_kept"] == []
    # What went up first is what the show's window paints: the swap cannot be seen.
    assert window.state.index == 0
    expected = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    kept = QImage(str(kept_file)).convertToFormat(QImage.Format.Format_RGB888)
    assert kept.size() == expected.size()

    # Edges of glyphs may differ by a shade between two processes (Qt's glyph caches differ
    # with what a process drew before); a pixel counts as different beyond a tenth of the scale.
    def apart(a: QColor, b: QColor) -> bool:
        return (
            max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) > 24
        )

    differing = sum(
        apart(kept.pixelColor(x, y), expected.pixelColor(x, y))
        for x in range(0, 1920, 8)
        for y in range(0, 1080, 8)
    )
    assert differing < 0.002 * (1920 // 8) * (1080 // 8)


def test_a_frame_kept_before_keys_were_trusted_never_goes_up(tmp_path: Path) -> None:
    """An unsigned show's kept frame: once kiosk.toml trusts keys, not even for 0.3 s."""
    from kiosk.content.signing import SecretKey

    assert "kept" not in _start(tmp_path)  # the default show, unsigned, no keys: kept
    assert "kept" in _start(tmp_path)
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "kiosk.toml").write_text(
        f'trusted_keys = ["{SecretKey.generate().public().line()}"]\n'
    )
    done = _run_start(tmp_path)
    # The unsigned show is refused (a preview then stops) and nothing was put up before.
    assert done.returncode == 2 and "the show is not signed" in done.stderr
    assert '"kept"' not in done.stdout


def _unpacked(png: bytes) -> QImage:
    image = QImage.fromData(png)
    assert not image.isNull()
    return image.convertToFormat(QImage.Format.Format_RGB888)


def _pixels(image: QImage) -> bytes:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    return bytes(rgb.constBits())[: rgb.sizeInBytes()]


def _slide_like() -> QImage:
    """Flat background, a block of accent colour and antialiased type: a typical first slide."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QPainter

    image = _picture("#101a24").convertToFormat(QImage.Format.Format_RGB888)
    painter = QPainter(image)
    painter.fillRect(40, 40, 200, 12, QColor("#e54e52"))
    font = QFont()
    font.setPixelSize(64)
    painter.setFont(font)
    painter.setPen(QColor("#f6f4ef"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "Release N:OW")
    painter.end()
    return image


def _photo_like() -> bytes:
    """Rows of RGB pixels in thousands of shades, as in a photograph."""
    return bytes(
        channel
        for y in range(600)
        for x in range(800)
        for channel in ((x * 7 + y) % 256, (y * 3 + x // 5) % 256, (x + y * 5) % 256)
    )


def test_any_change_of_what_is_trusted_names_another_frame() -> None:
    """What is trusted is part of a kept frame's name, each part apart and each key whole: a
    key moved from trusted to revoked (a compromised key), another key under the same id, or
    signing switched on where the key was only revoked, never finds the frame kept before."""
    first, second = PublicKey(bytes(range(8)), bytes(32)), PublicKey(bytes(8), bytes(32))
    impostor = PublicKey(first.key_id, bytes([1]) * 32)  # same id, another key
    trusts = {
        "both trusted": trust_text([first, second], [], ""),
        "second revoked": trust_text([first], [second.id_text], ""),
        "impostor": trust_text([impostor, second], [], ""),
        "only revoked, unsigned shows play": trust_text([], [first.id_text], ""),
        "only trusted": trust_text([first], [], ""),
        "unreadable": trust_text([], [], "kiosk.toml cannot be read"),
        "nothing": trust_text([], [], ""),
    }
    assert len(set(trusts.values())) == len(trusts), trusts
    # The same trust, given in another order, is the same text.
    assert trust_text([second, first], [], "") == trusts["both trusted"]


def test_a_kept_slide_looks_the_same_and_a_kept_photograph_is_exact(qtbot: QtBot) -> None:
    """Flat colour and type are kept with a palette (half the unpacking at the next start), no
    pixel more than a few shades off; a picture with more shades keeps every one."""
    slide = _slide_like()
    png = png_bytes((800, 600), _pixels(slide), 800 * 3)
    assert QImage.fromData(png).format() == QImage.Format.Format_Indexed8
    expected, got = _pixels(slide), _pixels(_unpacked(png))
    apart = [
        max(abs(a - b) for a, b in zip(expected[i : i + 3], got[i : i + 3], strict=True))
        for i in range(0, len(expected), 3)
    ]
    assert max(apart) <= 48 and sum(d > 16 for d in apart) <= 0.0001 * len(apart)

    photo = _photo_like()
    png = png_bytes((800, 600), photo, 800 * 3)
    assert _pixels(_unpacked(png)) == photo


def test_a_window_shown_at_another_size_first_is_kept_once_it_has_its_own(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """sway shows a new window at 100x30 for a moment before it goes fullscreen: that frame,
    stretched over the screen at the next start, would show a blur of a corner of the slide.
    Only a frame at the window's placed size is kept, and a kept picture of another size is
    never put up."""
    from PySide6.QtWidgets import QWidget

    from kiosk.platform.first_frame import StartUp

    frame = _frame(tmp_path, DEFAULT_CONTENT)  # placed at 800x600
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(100, 30)
    start = StartUp(frame)
    assert start.offer(window, "opening") is False  # not yet: wait for the placed size
    window.resize(800, 600)
    assert start.offer(window, "opening") is True
    start.finish()
    kept = frame.kept()
    assert kept is not None and kept[0].size() == QSize(800, 600)
    assert start.offer(window, "opening") is True  # once kept, nothing more

    for old in (tmp_path / "kept").glob("*.png"):  # a picture of the moment, kept before
        _picture("#101a24").scaled(100, 30).save(str(old))
    assert frame.kept() is None


def test_the_kept_picture_is_let_go_once_the_show_has_taken_over(qtbot: QtBot) -> None:
    """A real kiosk nearly always starts on a kept picture: its 8 MB (at 1080p) must not stay
    with the kiosk for days after the show's own window has replaced it."""
    from PySide6.QtWidgets import QWidget

    from kiosk.platform.first_frame import KEPT_PICTURE_OVERLAP_MS, StartPicture, StartUp

    picture = StartPicture(_picture("#101a24"))
    picture.resize(800, 600)
    picture.show()
    start = StartUp(None, picture, "opening")
    del picture  # the start's record is all that holds it, as in the kiosk
    qtbot.waitUntil(lambda: start.picture is not None and start.picture.painted)
    show = QWidget()
    qtbot.addWidget(show)
    start.take_over(show, "opening")
    # Both windows stay up for a moment: the compositor has the show's frame first.
    qtbot.wait(KEPT_PICTURE_OVERLAP_MS // 3)
    assert start.picture is not None and start.picture.isVisible()
    kept = start.picture
    qtbot.waitUntil(lambda: start.picture is None, timeout=KEPT_PICTURE_OVERLAP_MS + 1000)
    assert kept.image.isNull()
