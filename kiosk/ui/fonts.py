"""Registers the typefaces: the show's own font if it names one, Noto Sans from its package."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)

BUNDLED_FAMILY = "Noto Sans"
_loaded: dict[str, list[str]] = {}


def _add(path: Path) -> list[str]:
    key = str(path)
    if key not in _loaded:
        font_id = QFontDatabase.addApplicationFont(key)
        _loaded[key] = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if font_id < 0:
            log.warning("could not load font %s", path)
    return _loaded[key]


def bundled_font_files() -> list[Path]:
    try:
        import fontpkg_noto_sans
    except ImportError:
        return []
    return sorted(Path(fontpkg_noto_sans.ROOT, "files").glob("*.ttf"))


def font_families(content_font: Path | None = None) -> list[str]:
    """Families in order of preference; Qt falls back along the list glyph by glyph."""
    families: list[str] = []
    if content_font is not None:
        families += _add(content_font)
    for path in bundled_font_files():
        families += [f for f in _add(path) if f not in families]
    if not families:
        log.info("no bundled font found; using the system's sans-serif font")
        families.append("sans-serif")
    return families
