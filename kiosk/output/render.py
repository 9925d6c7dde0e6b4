"""Draws every slide of a show, settled, to PNG files: for proofing a show before an event."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtGui import QImage, QPainter

from kiosk.content.model import Show
from kiosk.playback.state import Playing, ShowState, SlideMove
from kiosk.ui.fonts import font_families
from kiosk.ui.slides.base import IMAGE_FORMAT
from kiosk.ui.stage import SlideStage
from kiosk.ui.style import MM_PER_INCH


def make_stage(
    show: Show, folder: Path, language: str, size: tuple[int, int], content_font: Path | None
) -> SlideStage:
    """A stage of its own for a show, as the kiosk would draw it, at rest in the attract loop."""
    state = ShowState(Playing(show, folder, folder), show, language)
    families = tuple(font_families(content_font))
    stage = SlideStage(state, families, variable_weight=content_font is None, on_screen=False)
    state.setParent(stage)
    stage.slide_shown.connect(state.land)
    stage.resize(*size)
    return stage


def render_frame(stage: SlideStage) -> QImage:
    image = QImage(stage.width(), stage.height(), IMAGE_FORMAT)
    painter = QPainter(image)
    stage.paint_frame(painter)
    painter.end()
    return image


def render_show(
    show: Show,
    folder: Path,
    out_dir: Path,
    size: tuple[int, int],
    language: str,
    content_font: Path | None = None,
    screen_inches: float | None = None,
) -> list[Path]:
    """Each slide as `render` writes it; with the screen's diagonal, as that screen shows it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stage = make_stage(show, folder, language, size, content_font)
    if screen_inches is not None:
        stage.dots_per_mm = math.hypot(*size) / (screen_inches * MM_PER_INCH)
        stage.panel_size_trusted = True
    written = []
    for index, slide in enumerate(show.slides):
        stage.state.move(SlideMove(index, animate=False))
        path = out_dir / f"{index + 1:02d}-{slide.id}.png"
        if not render_frame(stage).save(str(path)):
            raise OSError(f"cannot write {path}")
        written.append(path)
    stage.deleteLater()
    return written
