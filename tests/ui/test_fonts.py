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
