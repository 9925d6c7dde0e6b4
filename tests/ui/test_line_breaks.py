"""Lines as a reader sees them, on screen and on paper: no word split without a hyphen, no
brand split, no short word or figure left at a line's end, no last word alone (of any
length, when the word before it could have come down too)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtGui import QFont, QFontMetricsF

from kiosk import typeset
from kiosk.content import Show
from kiosk.content.model import FactsSlide
from kiosk.content.value_types import LocalText
from kiosk.output.handout import HandoutComposer
from kiosk.output.handout_plan import paper_named, plan_handout
from kiosk.paths import DEFAULT_CONTENT
from kiosk.ui.corner_code import with_corner_code
from kiosk.ui.slides import ImageStore, SlideContext, SlideView, view_for
from kiosk.ui.slides.base import Placed
from kiosk.ui.style import LARGE_TEXT_SCALE, Palette, Role, Style
from kiosk.ui.text import LINE_HEIGHT, TextBlock
from tests.widgets import LANGUAGES, TODAY

A4 = paper_named("a4")

# A short word or a figure ending a line; a year may ("seit 2020" / "strafrechtlich").
SHORT = re.compile(r"(^|\s)(\w{1,2}|(?!(?:1[89]|20)\d\d$)\d+)$")


def _problems(lines: list[str], lone_last_word_unavoidable: bool = False) -> list[str]:
    """What a reader would stumble on in these lines."""
    found = []
    for index, line in enumerate(lines):
        stripped = line.rstrip()
        last = index == len(lines) - 1
        if "Release" in stripped.split()[-1:] and not last:
            found.append(f"the brand is split after {stripped!r}")
        if not last and SHORT.search(stripped):
            found.append(f"a short word or figure ends the line {stripped!r}")
        after_dash = index > 0 and lines[index - 1].rstrip().endswith(("–", "—"))
        if (
            last
            and index > 0
            and not after_dash
            and len(stripped.split()) == 1
            and len(" ".join(lines).split()) >= 4
            # Alone above too, the two words are wider than a line together: nothing to do.
            and len(lines[index - 1].split()) > 1
            and not lone_last_word_unavoidable
        ):
            found.append(f"the last word stands alone: {stripped!r}")
    return found


def _lone_last_word_unavoidable(item: Placed, language: str) -> bool:
    """True when the last word and the words kept with the one before it ("по политическим",
    "2020 strafrechtlich": a short word, a figure) are wider than a line together: only
    hyphenation could bring them onto one line, and captions are not hyphenated."""
    if item.font is None or item.text is None:
        return False
    shaped = typeset.keep_together(item.text, language, last_word=False).rstrip()
    body, _, last = shaped.rpartition(" ")
    kept = body.rpartition(" ")[2]
    together = typeset.visible(f"{kept} {last}")
    return QFontMetricsF(item.font).horizontalAdvance(together) > item.box.width()


def _views(show: Show, families: tuple[str, ...], language: str) -> Iterator[tuple[str, SlideView]]:
    theme = show.settings.theme
    for width, height in [(1920, 1080), (1080, 1920)]:
        for text_scale in (1.0, LARGE_TEXT_SCALE):
            style = Style(width, height, Palette.from_theme(theme), families, text_scale=text_scale)
            style = with_corner_code(style, show, language)  # as the kiosk shows it
            ctx = SlideContext(show, language, style, ImageStore(DEFAULT_CONTENT))
            larger = "" if text_scale == 1.0 else " larger text"
            for slide in show.slides:
                yield f"{width}x{height}{larger}", view_for(slide, ctx)
    # On paper: the handout's own layout, at the type size it chose.
    assert A4 is not None
    composer = HandoutComposer(show, DEFAULT_CONTENT, language, A4)
    layout = composer.lay_out(plan_handout(show, language, (), TODAY))
    for page in layout.pages:
        for placement in page:
            yield "paper", placement.view


@pytest.mark.parametrize("language", LANGUAGES)
def test_lines_break_where_a_reader_expects(
    default_show: Show, families: tuple[str, ...], language: str
) -> None:
    failures = []
    for where, view in _views(default_show, families, language):
        for item in view.text_items():
            name = f"{where} {view.slide.id} {item.role}"
            if item.broken_words:
                failures.append(f"{name}: a word split without a hyphen")
            found = _problems(item.lines, _lone_last_word_unavoidable(item, language))
            failures += [f"{name}: {problem}" for problem in found]
    assert not failures, "\n".join(sorted(set(failures)))


def test_a_word_wider_than_its_line_is_divided_with_a_hyphen(families: tuple[str, ...]) -> None:
    font = QFont()
    font.setFamilies(list(families))
    font.setPixelSize(60)
    block = TextBlock("Учительница", font, 260, language="ru")
    lines = block.lines()
    assert len(lines) > 1 and not block.broken_words
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(line.removesuffix("-") for line in lines) == "Учительница"
    # Without a language (or a dictionary) Qt would have split it anywhere.
    assert TextBlock("Учительница", font, 260).broken_words


def test_the_brand_never_breaks(families: tuple[str, ...]) -> None:
    font = QFont()
    font.setFamilies(list(families))
    font.setPixelSize(40)
    text = "Eine Kampagne von Release N:OW für alle politischen Gefangenen"
    for width in range(340, 900, 20):  # from a width the name fits in
        lines = TextBlock(text, font, width, language="de").lines()
        assert any("Release N:OW" in line for line in lines), (width, lines)


@pytest.mark.parametrize(
    ("language", "text", "whole"),
    [
        ("en", "They marched under the white-red-white flag of 2020", "white-red-white"),
        ("de", "Sie trugen die weiß-rot-weiße Flagge durch Minsk", "weiß-rot-weiße"),
        ("be", "Яны ішлі пад бел-чырвона-белым сцягам праз Мінск", "бел-чырвона-белым"),
        ("ru", "Они шли под бело-красно-белым флагом по Минску", "бело-красно-белым"),
        ("en", "the country's Euro-Atlantic choice, made in the streets", "Euro-Atlantic"),
    ],
)
def test_a_word_of_short_hyphenated_parts_stays_on_one_line(
    families: tuple[str, ...], language: str, text: str, whole: str
) -> None:
    """'white- / red-white' read as two words; the flag's name stays whole wherever it fits."""
    font = QFont()
    font.setFamilies(list(families))
    font.setPixelSize(40)
    fits = TextBlock(whole, font, 10_000).natural_width + 2
    for width in range(int(fits), 1000, 15):
        block = TextBlock(text, font, width, language=language)
        assert any(whole in line for line in block.lines()), (width, block.lines())


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_figure_stands_on_one_line_also_in_larger_text(
    default_show: Show, families: tuple[str, ...], language: str
) -> None:
    """A key figure is one thing: "1,100+" never loses its "+" to the next line, "Thousands"
    is never hyphenated; where the widest does not fit its column, the figures are set smaller
    together (they once broke in larger text)."""
    theme = default_show.settings.theme
    divided = []
    for width, height in [(1920, 1080), (1080, 1920)]:
        for text_scale in (1.0, LARGE_TEXT_SCALE):
            style = Style(width, height, Palette.from_theme(theme), families, text_scale=text_scale)
            style = with_corner_code(style, default_show, language)  # as the kiosk shows it
            ctx = SlideContext(default_show, language, style, ImageStore(DEFAULT_CONTENT))
            for slide in default_show.slides:
                if slide.kind != "facts":
                    continue
                view = view_for(slide, ctx)
                divided += [
                    f"{width}x{height} ×{text_scale} {slide.id}: {item.lines}"
                    for item in view.text_items()
                    if item.role == "value" and len(item.lines) != 1
                ]
    assert not divided, "\n".join(divided)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_line_starts_with_a_space_also_in_larger_text(
    default_show: Show, families: tuple[str, ...], language: str
) -> None:
    """A line never starts with a space: where the words kept together after a dash do not
    fit, they part at the space, not before it (in larger text the Russian opening once read
    "освобождения —" / " СЕЙЧАС", its last line pushed in by a space)."""
    theme = default_show.settings.theme
    indented = []
    for width, height in [(1920, 1080), (1080, 1920)]:
        for text_scale in (1.0, LARGE_TEXT_SCALE):
            style = Style(width, height, Palette.from_theme(theme), families, text_scale=text_scale)
            style = with_corner_code(style, default_show, language)
            ctx = SlideContext(default_show, language, style, ImageStore(DEFAULT_CONTENT))
            for slide in default_show.slides:
                for item in view_for(slide, ctx).text_items():
                    indented += [
                        f"{width}x{height} ×{text_scale} {slide.id} {item.role}: {line!r}"
                        for line in item.lines
                        if line[:1].isspace()
                    ]
    assert not indented, "\n".join(indented)


def test_a_long_value_wraps_rather_than_shrinking_every_figure_to_nothing(
    default_show: Show, families: tuple[str, ...]
) -> None:
    """A value written as a phrase is set no smaller than a figure still reads (the smallest
    share of the figures' size) and wraps at its spaces; the other figures stay as large."""
    facts = next(slide for slide in default_show.slides if isinstance(slide, FactsSlide))
    long = LocalText({"en": "More than eleven hundred people in prison"})
    items = [replace(facts.items[0], value=long), *facts.items[1:]]
    show = replace(default_show, slides=[replace(facts, items=items)])
    style = Style(1920, 1080, Palette.from_theme(show.settings.theme), families)
    view = view_for(show.slides[0], SlideContext(show, "en", style, ImageStore(DEFAULT_CONTENT)))
    values = [item for item in view.text_items() if item.role == "value"]
    # Each line of a figure is as tall as its type: the same for all, at least half the full.
    full = style.font(Role.FACT_VALUE, view.scale).pixelSize() * LINE_HEIGHT
    steps = [item.box.height() / len(item.lines) for item in values]
    assert max(steps) < 1.15 * min(steps) and min(steps) >= 0.5 * full, (steps, full)
    assert len(values[0].lines) > 1 and all(len(item.lines) == 1 for item in values[1:])
