"""`render` draws every slide to NN-<id>.png for proofing; broken content gets the report."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk import cli
from kiosk.content import Show


def test_render_writes_one_png_per_slide_in_show_order(
    qtbot: QtBot, default_show: Show, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "renders"
    assert cli.main(["render", "--out", str(out), "--size", "1280x720", "--lang", "en"]) == 0
    expected = [f"{i:02d}-{s.id}.png" for i, s in enumerate(default_show.slides, 1)]
    assert sorted(p.name for p in out.iterdir()) == expected
    assert capsys.readouterr().out.splitlines() == [str(out / name) for name in expected]
    image = QImage(str(out / expected[0]))
    assert (image.width(), image.height()) == (1280, 720)


def test_render_refuses_broken_content(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "show.yaml").write_text("settings: {}\nslides: []\n", encoding="utf-8")
    assert cli.main(["render", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1].endswith("errors, 0 warnings")
    assert not (tmp_path / "out").exists()


def test_render_says_what_is_wrong_in_the_desktop_s_language(
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "show.yaml").write_text("settings: {}\nslides: []\n", encoding="utf-8")
    monkeypatch.setenv("LANGUAGE", "ru")
    assert cli.main(["render", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "ошибка: в показе нет слайдов; добавьте хотя бы один в 'slides'" in err, err


def test_render_refuses_an_undeclared_language(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["render", "--out", str(tmp_path), "--lang", "fr"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: language 'fr' is not in this show (de, en, be, ru)"
    )


def test_render_proofs_a_high_contrast_show_as_the_screen_shows_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A show set to high contrast is proofed in black and white, as it plays."""
    folder = tmp_path / "show"
    folder.mkdir()
    (folder / "show.yaml").write_text(
        "settings:\n  languages: [en]\n  default_language: en\n  high_contrast: true\n"
        "  manifesto: https://releasenow.org/manifesto/\n"
        "slides:\n  - {id: one, kind: title, headline: One}\n",
        encoding="utf-8",
    )
    out = tmp_path / "renders"
    assert cli.main(["render", str(folder), "--out", str(out), "--size", "640x360"]) == 0
    image = QImage(str(out / "01-one.png"))
    assert image.pixelColor(2, 2).name() == "#000000"


def _widest_white_run(image: QImage) -> int:
    """The widest run of white on any row: the manifesto's code with its quiet zone."""
    white = QColor("#ffffff").rgb()
    widest = 0
    for y in range(0, image.height(), 4):
        run = 0
        for x in range(image.width()):
            run = run + 1 if image.pixel(x, y) == white else 0
            widest = max(widest, run)
    return widest


def test_render_proofs_the_code_as_large_as_the_screen_staff_named(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """kiosk.toml's screen_inches makes the code 5 cm on the glass; the proof agrees."""
    sizes = {}
    for name, extra in (("pixels", []), ("15.6 inch", ["--screen-inches", "15.6"])):
        out = tmp_path / name
        assert cli.main(["render", "--out", str(out), "--lang", "en", *extra]) == 0
        sizes[name] = _widest_white_run(QImage(str(sorted(out.iterdir())[0])))
    pixels_per_mm = math.hypot(1920, 1080) / (15.6 * 25.4)
    assert sizes["15.6 inch"] >= 50 * pixels_per_mm > sizes["pixels"]
    with pytest.raises(SystemExit) as refused:
        cli.main(["render", "--out", str(tmp_path / "x"), "--screen-inches", "2"])
    assert refused.value.code == 2
