"""The bar chart: lengths in proportion to the values, growth on entry, sources always shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.content import Show
from kiosk.content.model import LocalText, StatsRow, StatsSlide
from kiosk.ui.slides import SlideView
from kiosk.ui.slides.stats import StatsView
from tests.widgets import SIZES

VALUES = [140, 56, 33, 4]


def _bar_lengths(image: QImage, view: StatsView) -> list[int]:
    """Measures each bar in pixels, by walking along its middle until the colour changes."""
    lengths = []
    for bar in view.bars:
        y = round(bar.rect.center().y())
        x0 = round(bar.rect.left())
        x = x0
        while x < image.width() and _close(image.pixelColor(x + 1, y), bar.color):
            x += 1
        lengths.append(x - x0)
    return lengths


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 24


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_bar_lengths_are_proportional_to_values(
    size: tuple[int, int], make_view: Callable[..., SlideView]
) -> None:
    view = make_view("per-million", size, "de")
    assert isinstance(view, StatsView)
    lengths = _bar_lengths(view.final_image(), view)
    longest = lengths[0]
    assert longest > 0.3 * size[0]
    for length, value in zip(lengths, VALUES, strict=True):
        assert abs(length / longest - value / VALUES[0]) < 0.015 + 2 / longest


def test_highlighted_row_stands_out(make_view: Callable[..., SlideView]) -> None:
    view = make_view("per-million", (1920, 1080), "en")
    assert isinstance(view, StatsView)
    colours = [bar.color for bar in view.bars]
    assert colours[0] == view.style.palette.accent
    assert all(colour == view.style.palette.bar for colour in colours[1:])
    labels = {i.text: i for i in view.text_items() if i.role == "label"}
    assert set(labels) == {"Belarus", "Azerbaijan", "Venezuela", "Russia"}


def test_bars_grow_in(make_view: Callable[..., SlideView]) -> None:
    view = make_view("per-million", (1920, 1080), "de")
    assert isinstance(view, StatsView)
    assert _bar_lengths(view.frame_at(0.0), view) == [0, 0, 0, 0]
    middle = _bar_lengths(view.frame_at(0.35), view)
    final = _bar_lengths(view.frame_at(1.0), view)
    assert 0 < middle[0] < final[0]
    assert final == _bar_lengths(view.final_image(), view)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            "Quellen: Viasna (Belarus) · Memorial (Russland) · Foro Penal (Venezuela) · "
            "Aserbaidschan: Angabe der Kampagne ohne genannte Quelle – Stand: Mai 2025",
        ),
        (
            "en",
            "Sources: Viasna (Belarus) · Memorial (Russia) · Foro Penal (Venezuela) · "
            "Azerbaijan: campaign figure, no source named – as of May 2025",
        ),
        (
            "ru",
            "Источники: «Вясна» (Беларусь) · «Мемориал» (Россия) · Foro Penal (Венесуэла) · "
            "Азербайджан: данные кампании, источник не указан — по состоянию на май 2025\u202fг.",
        ),
    ],
)
def test_sources_and_date_are_on_screen(
    language: str, expected: str, make_view: Callable[..., SlideView]
) -> None:
    view = make_view("per-million", (1280, 720), language)
    [sources] = [i for i in view.text_items() if i.role == "sources"]
    # Separators stay at a line's end: a no-break space ties each to the word before it.
    tied = expected.replace(" · ", "\u00a0· ").replace(" — ", "\u00a0— ").replace(" – ", "\u00a0– ")
    assert sources.text == tied
    assert sources.ink is not None and sources.ink.bottom() < view.style.height


def test_every_bar_is_drawn_however_many_rows(
    default_show: Show, make_view: Callable[..., SlideView]
) -> None:
    rows = [StatsRow(label=LocalText(f"Row {n}"), value=n) for n in range(1, 11)]
    [stats] = [
        s for s in default_show.slides if isinstance(s, StatsSlide) and s.id == "per-million"
    ]
    slide = replace(stats, rows=rows)
    show = replace(default_show, slides=[slide])
    view = make_view("per-million", (1920, 1080), "en", show=show)
    assert isinstance(view, StatsView)
    lengths = _bar_lengths(view.final_image(), view)
    assert all(length > 0 for length in lengths)
    assert lengths == sorted(lengths)
