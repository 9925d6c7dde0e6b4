"""The show's own font leads; the bundled Noto Sans covers what it lacks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content import load_show
from kiosk.content.model import Theme
from kiosk.paths import DEFAULT_CONTENT
from kiosk.running import RunningShow
from kiosk.ui.fonts import BUNDLED_FAMILY, bundled_font_files, font_families
from kiosk.ui.style import WEIGHT_AXIS, Palette, Role, Style


def test_bundled_font_is_found(qtbot: QtBot) -> None:
    assert bundled_font_files(), "Noto Sans should come with the fontpkg-noto-sans package"
    assert font_families()[0] == BUNDLED_FAMILY


def test_content_font_comes_first(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "show"
    shutil.copytree(DEFAULT_CONTENT, folder)
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.exists():
        if os.environ.get("CI"):
            pytest.fail("fonts-dejavu-core is required in CI (.ci/packages.txt)")
        pytest.skip("DejaVu Sans is not installed")
    (folder / "fonts").mkdir()
    shutil.copy(dejavu, folder / "fonts" / "campaign.ttf")
    text = (folder / "show.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  transition: crossfade\n", "  transition: crossfade\n  font: fonts/campaign.ttf\n"
    )
    (folder / "show.yaml").write_text(text, encoding="utf-8")
    loaded = load_show(folder)
    assert loaded.report.ok and loaded.show is not None
    assert loaded.show.settings.font == "fonts/campaign.ttf"
    families = font_families(folder / "fonts" / "campaign.ttf")
    assert families[:2] == ["DejaVu Sans", BUNDLED_FAMILY]


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.name)
def test_every_role_gets_its_weight_on_this_binding(qtbot: QtBot, role: Role) -> None:
    """PySide6 6.8 cannot make a QFont.Tag from a string; asking it to raised inside the
    window's resizeEvent, and shiboken 6.8.0.2 then crashed the kiosk at start."""
    style = Style(1920, 1080, Palette.from_theme(Theme()), (BUNDLED_FAMILY,))
    font = style.font(role)
    weight = role.value[1]
    if WEIGHT_AXIS is not None:
        assert font.variableAxisValue(WEIGHT_AXIS) == weight
    else:  # the binding sets weights through QFont.setWeight instead
        assert font.weight() == weight
    assert font.pixelSize() > 0 and font.italic() == role.value[2]


def test_every_character_the_kiosk_draws_is_in_the_show_typeface(
    window: object, running: RunningShow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No glyph comes from a fallback font (an arrow from DejaVu beside Noto Sans): every
    text drawn on slides, controls and panels, in every language, is in the show's typeface."""
    from PySide6.QtGui import QColor, QPainter, QRawFont

    from kiosk.settings import LocalSettings
    from kiosk.typeset import NBSP, SHY, WORD_JOINER
    from kiosk.ui.text import TextBlock
    from kiosk.ui.window import KioskWindow
    from tests.pieces import staff_mode

    assert isinstance(window, KioskWindow)
    drawn: set[str] = set()
    original = TextBlock.draw

    def draw(self: TextBlock, painter: QPainter, x: float, y: float, color: QColor) -> None:
        drawn.update(self.text)
        original(self, painter, x, y, color)

    monkeypatch.setattr(TextBlock, "draw", draw)
    staff = staff_mode(window, running, LocalSettings(staff_pin="1234"))
    for language in ("de", "en", "be", "ru"):
        window.player.set_language(language)
        window.player.visitor_input()
        for index in range(len(window.state.show.slides)):
            window.stage.view(index).final_image()
        for overlay in (window.link_overlay, window.language_overlay, window.stories_overlay):
            window.open_overlay(overlay)
            window.grab()
        window.open_overlay(staff.pin_pad)
        window.grab()
        staff.open_menu()
        window.grab()
    faces = [QRawFont(str(path), 20) for path in bundled_font_files()]
    ignorable = (NBSP, SHY, WORD_JOINER, "\u2028")
    missing = {
        ch
        for ch in drawn
        if not ch.isspace()
        and ch not in ignorable
        and not any(face.supportsCharacter(ord(ch)) for face in faces)
    }
    assert not missing, f"not in {BUNDLED_FAMILY}: {sorted(missing)}"
