"""Every piece of text as painted, against what is painted behind it: WCAG AA in every state.

Each TextBlock drawn is recorded with the colour it was drawn in; the background is read back
from the pixels around it on the finished screen (or slide), so what is checked is what a
visitor sees: a selected button, a pressed one, a hidden story, a panel over the show, in the
show's palette, in high contrast and on paper.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import Show
from kiosk.content.contrast import contrast_ratio
from kiosk.paths import DEFAULT_CONTENT
from kiosk.running import RunningShow
from kiosk.settings import LocalSettings
from kiosk.ui.slides import ImageStore, SlideContext, view_for
from kiosk.ui.style import Palette, Style
from kiosk.ui.text import TextBlock
from kiosk.ui.window import KioskWindow
from tests.pieces import staff_mode


@dataclass
class Drawn:
    device: object
    rect: QRectF  # in the device's coordinates
    colour: QColor
    pixel_size: int
    text: str


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Drawn]]:
    records: list[Drawn] = []
    original = TextBlock.draw

    def draw(self: TextBlock, painter: QPainter, x: float, y: float, color: QColor) -> None:
        rect = painter.transform().mapRect(self.ink_rect(x, y))
        device = painter.device()
        # Only widgets are kept: a wrapper of a slide's QImage kept past its painting is
        # deleted twice by PySide6 6.8, which corrupts what Qt draws afterwards.
        widget = device if isinstance(device, QWidget) else None
        records.append(Drawn(widget, rect, QColor(color), self.font.pixelSize(), self.text))
        original(self, painter, x, y, color)

    monkeypatch.setattr(TextBlock, "draw", draw)
    yield records


def _background(image: QImage, rect: QRect) -> QColor:
    """The colour most pixels in the text's box have: what the text stands on."""
    rect = rect.intersected(image.rect())
    counts: Counter[int] = Counter()
    step = max(1, min(rect.width(), rect.height()) // 40)
    for y in range(rect.top(), rect.bottom() + 1, step):
        for x in range(rect.left(), rect.right() + 1, step):
            counts[image.pixel(x, y) & 0xFFFFFF] += 1
    value = counts.most_common(1)[0][0]
    return QColor(f"#{value:06x}")


def _minimum(record: Drawn) -> float:
    """The promise (docs/accessibility.md, "Contrast"; WCAG 2 AA): 4.5:1, or 3:1 for text of
    24 px and more (18 pt; 14 pt bold also counts, not relied on here)."""
    return 3.0 if record.pixel_size >= 24 else 4.5


def _failures(
    records: list[Drawn], image_of: Callable[[Drawn], tuple[QImage, QRect] | None]
) -> list[str]:
    failures = []
    for record in records:
        if not record.text.strip() or record.rect.isEmpty():
            continue
        found = image_of(record)
        if found is None:
            continue
        image, rect = found
        ground = _background(image, rect)
        ratio = contrast_ratio(record.colour.name(), ground.name())
        if ratio < _minimum(record):
            failures.append(
                f"{record.text!r}: {record.colour.name()} on {ground.name()} = {ratio:.2f}:1"
            )
    return failures


def _on_screen(window: KioskWindow, records: list[Drawn]) -> list[str]:
    """Checks every record from a widget of the window against the window as it looks now."""
    shot = window.grab().toImage()

    def image_of(record: Drawn) -> tuple[QImage, QRect] | None:
        device = record.device
        if not isinstance(device, QWidget) or not device.isVisible():
            return None
        offset = device.mapTo(window, QPoint(0, 0))
        rect = record.rect.translated(offset).toAlignedRect()
        # Text hidden under a panel is not seen: only what is on top counts.
        on_top = window.childAt(rect.center())
        if on_top is not None and on_top is not device and not device.isAncestorOf(on_top):
            return None
        return shot, rect

    return _failures(records, image_of)


STATES = [
    "controls",
    "large_text",
    "pressed",
    "link",
    "language",
    "stories",
    "countdown",
    "staff",
    "staff_marked",
    "hide_stories",
    "pin",
]


@pytest.mark.parametrize("high_contrast", [False, True], ids=["show", "high-contrast"])
@pytest.mark.parametrize("state", STATES)
def test_every_text_in_every_state_reads(
    window: KioskWindow,
    running: RunningShow,
    qtbot: QtBot,
    drawn: list[Drawn],
    state: str,
    high_contrast: bool,
) -> None:
    staff = staff_mode(window, running, LocalSettings(staff_pin="2468"))
    window.player.set_staff_access(high_contrast=high_contrast)
    window.player.visitor_input()
    qtbot.waitUntil(lambda: window.controls.isVisible())
    if state == "large_text":
        window.player.set_large_text(True)
    elif state == "pressed":
        window.controls.next_button.setDown(True)
        window.controls.stories_button.setDown(True)
    elif state == "link":
        window.open_overlay(window.link_overlay)
    elif state == "language":
        window.open_overlay(window.language_overlay)
        next(iter(window.language_overlay.buttons.values())).setDown(True)
    elif state == "stories":
        window.open_stories()
    elif state == "countdown":
        window.open_overlay(window.countdown)
    elif state in ("staff", "staff_marked"):
        staff.open_menu()
        if state == "staff_marked":
            staff.act("reduced_motion")
            staff.menu.buttons["resume"].setDown(True)
    elif state == "hide_stories":
        first = next(s for s in window.state.full_show.slides if s.kind == "story")
        window.player.set_story_hidden(first.id, True)
        window.open_stories(hidden=window.state.hidden_stories)
    elif state == "pin":
        window.open_overlay(staff.pin_pad)
    qtbot.wait(50)
    drawn.clear()
    failures = _on_screen(window, drawn)
    assert drawn, "nothing was drawn"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("palette_name", ["show", "high-contrast", "paper"])
def test_every_slide_reads_in_every_palette(
    default_show: Show, families: tuple[str, ...], drawn: list[Drawn], palette_name: str
) -> None:
    theme = default_show.settings.theme
    palette = {
        "show": Palette.from_theme(theme),
        "high-contrast": Palette.high_contrast(),
        "paper": Palette.for_paper(theme),
    }[palette_name]
    failures = []
    for language in default_show.settings.languages:
        style = Style(1920, 1080, palette, families)
        ctx = SlideContext(default_show, language, style, ImageStore(DEFAULT_CONTENT))
        for slide in default_show.slides:
            drawn.clear()
            image = view_for(slide, ctx).final_image()

            def image_of(record: Drawn, image: QImage = image) -> tuple[QImage, QRect] | None:
                return image, record.rect.toAlignedRect()

            failures += [f"{language} {slide.id}: {f}" for f in _failures(drawn, image_of)]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("palette_name", ["show", "high-contrast"])
def test_accent_text_reads_as_body_text_does(
    default_show: Show, families: tuple[str, ...], drawn: list[Drawn], palette_name: str
) -> None:
    """Text in the accent colour runs small (kickers, "Scan the code", figures beside a chart,
    on a 720p screen smaller still): it reads at 4.5:1 against what it stands on, whatever its
    size, and not only at the 3:1 large text gets."""
    palette = {
        "show": Palette.from_theme(default_show.settings.theme),
        "high-contrast": Palette.high_contrast(),
    }[palette_name]
    failures = []
    accent_texts = 0
    for size in ((1920, 1080), (1280, 720)):
        for language in default_show.settings.languages:
            style = Style(*size, palette, families)
            ctx = SlideContext(default_show, language, style, ImageStore(DEFAULT_CONTENT))
            for slide in default_show.slides:
                drawn.clear()
                image = view_for(slide, ctx).final_image()
                for record in drawn:
                    if record.colour != palette.accent or not record.text.strip():
                        continue
                    accent_texts += 1
                    ground = _background(image, record.rect.toAlignedRect())
                    ratio = contrast_ratio(record.colour.name(), ground.name())
                    if ratio < 4.5:
                        failures.append(
                            f"{size} {language} {slide.id} {record.text!r}: "
                            f"{record.colour.name()} on {ground.name()} = {ratio:.2f}:1"
                        )
    assert accent_texts, "no text in the accent colour was drawn"
    assert not failures, "\n".join(failures)


def test_high_contrast_shows_no_colour_of_the_show_theme(window: KioskWindow, qtbot: QtBot) -> None:
    """Behind the story pictures too: in high contrast nothing of the theme's navy remains."""
    window.player.set_staff_access(high_contrast=True)
    window.player.visitor_input()
    window.open_stories()
    qtbot.wait(50)
    shot = window.grab().toImage()
    theme = window.state.show.settings.theme
    navy = {QColor(theme.surface).rgb() & 0xFFFFFF, QColor(theme.background).rgb() & 0xFFFFFF}
    seen = {
        shot.pixel(x, y) & 0xFFFFFF
        for y in range(0, shot.height(), 3)
        for x in range(0, shot.width(), 3)
    }
    assert not navy & seen
