"""Every slide kind, at every size and language: text inside its box and on screen, no overlap."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from pydantic import ValidationError
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF

from kiosk.content import Show
from kiosk.content.checker import validated
from kiosk.content.model import LocalText, QuoteSlide, Theme, TitleSlide
from kiosk.ui.slides import SlideView
from kiosk.ui.style import Palette, Role, Style
from tests.widgets import LANGUAGES, SIZES

# One slide of each kind from the default show.
KIND_SAMPLES = {
    "title": "why",
    "stats": "per-million",
    "facts": "act-now",
    "story": "story-father",
    "quote": "quote-bulybenko",
    "call_to_action": "manifesto",
}
CASES = [
    (kind, size, language) for kind in KIND_SAMPLES for size in SIZES for language in LANGUAGES
]


def _inside(inner: QRectF, outer: QRectF, slack: float = 0.75) -> bool:
    return (
        inner.left() >= outer.left() - slack
        and inner.top() >= outer.top() - slack
        and inner.right() <= outer.right() + slack
        and inner.bottom() <= outer.bottom() + slack
    )


@pytest.mark.parametrize(("kind", "size", "language"), CASES, ids=lambda v: str(v))
def test_text_stays_in_its_box_on_screen_and_apart(
    kind: str, size: tuple[int, int], language: str, make_view: Callable[..., SlideView]
) -> None:
    view = make_view(KIND_SAMPLES[kind], size, language)
    width, _ = size
    # Slide content keeps clear of the bottom band, where progress and controls live.
    content = QRectF(0, 0, width, view.style.height - view.style.band_height)
    texts = view.text_items()
    assert texts, "a slide without text"
    for item in texts:
        assert item.ink is not None
        assert _inside(item.ink, item.box), f"{item.role} overflows its box"
        assert _inside(item.box, content), f"{item.role} leaves the screen or enters the band"
        assert not item.broken_words, f"{item.role} splits a word"
    boxes = [item.ink for item in texts if item.ink is not None and not item.ink.isEmpty()]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            overlap = first.intersected(second)
            assert overlap.width() < 1 or overlap.height() < 1, "two texts overlap"
    assert view.readable, f"text had to shrink below the readable minimum ({view.scale:.2f})"


@pytest.mark.parametrize("kind", list(KIND_SAMPLES))
def test_still_image_shows_the_theme_and_text(
    kind: str, make_view: Callable[..., SlideView]
) -> None:
    view = make_view(KIND_SAMPLES[kind], (1920, 1080), "de")
    image = view.final_image()
    background = QColor(view.style.palette.background)
    assert image.pixelColor(3, 3) == background
    item = max(view.text_items(), key=lambda i: i.box.width() * i.box.height())
    assert item.ink is not None
    ink = item.ink.toRect()
    # Somewhere inside the biggest text block, pixels differ from the background: text drawn.
    differs = sum(
        image.pixelColor(x, y) != background
        for x in range(ink.left(), ink.right(), 7)
        for y in range(ink.top(), ink.bottom(), 7)
    )
    assert differs > 10


def test_text_is_never_read_as_markup(
    make_view: Callable[..., SlideView], default_show: Show
) -> None:
    raw = '<img src="x.png"><a href="https://example.org">link</a> <b>bold</b>'
    slide = TitleSlide(kind="title", id="markup", headline=LocalText(raw))
    show = replace(default_show, slides=[slide])
    view = make_view("markup", (1920, 1080), "en", show=show)
    [headline] = [i for i in view.text_items() if i.role == "headline"]
    assert headline.text == raw
    # The literal tags take room: far wider than the word "bold" alone would be.
    assert headline.ink is not None and headline.ink.width() > 20 * view.style.unit


@pytest.mark.parametrize(
    "text", ["Свабоду палітвязням Беларусі: ў, і, ё", "Свободу политзаключённым Беларуси"]
)
def test_cyrillic_has_every_glyph_in_the_typeface(text: str, families: tuple[str, ...]) -> None:
    style = Style(1920, 1080, Palette.from_theme(Theme()), families)
    for role in (Role.HEADLINE, Role.BODY, Role.QUOTE):
        metrics = QFontMetricsF(style.font(role))
        missing = [ch for ch in text if not ch.isspace() and not metrics.inFontUcs4(ord(ch))]
        assert missing == [], f"{role.name} lacks {missing}"


@pytest.mark.parametrize(
    "text",
    [
        "Freiheit ✊🏻 für alle 🕊️",
        "חופש לאסירים הפוליטיים בבלארוס",
        "ў́ й̈ – c̷̙̲ơ̷m̸̤̆b̶͎̊i̵̹͑n̴̜͘i̶̙͝n̸̤̾g̴̢̈",
        "\u202eright-to-left override\u202c and \u200bzero\u200bwidth",
        "W" * 1500,
    ],
)
def test_unusual_text_stays_inside_its_box(
    text: str, make_view: Callable[..., SlideView], default_show: Show
) -> None:
    slide = TitleSlide(
        kind="title", id="unusual", headline=LocalText(text[:200]), text=LocalText(text)
    )
    show = replace(default_show, slides=[slide])
    view = make_view("unusual", (1280, 720), "de", show=show)
    content = QRectF(0, 0, 1280, view.style.height - view.style.band_height)
    for item in view.text_items():
        assert item.ink is not None
        assert _inside(item.ink, item.box) and _inside(item.box, content), item.role
    assert not view.final_image().isNull()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_short_quote_grows_to_fill_its_slide(
    make_view: Callable[..., SlideView], default_show: Show, size: tuple[int, int]
) -> None:
    slide = QuoteSlide(
        kind="quote",
        id="short",
        text=LocalText("„Freiheit für alle.“"),
        author=LocalText("Maria Kalesnikava"),
    )
    show = replace(default_show, slides=[slide])
    view = make_view("short", size, "de", show=show)
    [words] = [i for i in view.text_items() if i.role == "quote"]
    assert words.ink is not None
    base = view.style.font(Role.QUOTE).pixelSize()
    # Larger than running text: at least half again the quote's base size, like a headline.
    assert words.ink.height() > 1.5 * base * 1.1
    # One set of quotation marks: the large one the slide draws, none in the words.
    assert words.text == "Freiheit für alle."
    assert not any(mark in "".join(words.lines) for mark in '„“”«»"')


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("language", ["de", "en", "be", "ru"])
def test_a_long_quote_is_set_upright_and_calmer_than_a_short_one(
    make_view: Callable[..., SlideView],
    default_show: Show,
    size: tuple[int, int],
    language: str,
) -> None:
    """Five lines and more of large italics tire the eye: a quote of more than 25 words (both
    of the show's, 27 to 47 words) is read upright; a short one stays large and italic."""
    short_slide = QuoteSlide(
        kind="quote",
        id="short",
        text=LocalText("„Ich bin kein Verbrecher. Ich habe nur gesagt, was ich denke.“"),
        author=LocalText("Maria Kalesnikava"),
    )
    show = replace(default_show, slides=[*default_show.slides, short_slide])
    [short] = [
        i for i in make_view("short", size, language, show=show).text_items() if i.role == "quote"
    ]
    assert short.font is not None and short.font.italic()
    for slide_id in ("quote-bulybenko", "quote-bialiatski"):
        view = make_view(slide_id, size, language, show=show)
        [words] = [i for i in view.text_items() if i.role == "quote"]
        assert len((words.text or "").split()) > 25, slide_id
        assert words.font is not None and not words.font.italic(), slide_id
        assert words.font.pixelSize() < short.font.pixelSize(), slide_id
        # The quote still opens with the large mark.
        assert [i.role for i in view.composition.items].count("mark") == 1, slide_id


def test_the_default_show_s_quotes_carry_no_marks_of_their_own(
    make_view: Callable[..., SlideView], default_show: Show
) -> None:
    for slide in default_show.slides:
        if slide.kind != "quote":
            continue
        for language in LANGUAGES:
            view = make_view(slide.id, (1920, 1080), language)
            [words] = [i for i in view.text_items() if i.role == "quote"]
            assert words.text is not None and words.text[0] not in '„“”«»"', words.text


@pytest.mark.parametrize(
    ("language", "mark"), [("de", "\u201e"), ("en", "\u201c"), ("be", "\u00ab"), ("ru", "\u00ab")]
)
def test_a_quote_opens_with_its_language_s_own_mark(
    language: str, mark: str, make_view: Callable[..., SlideView]
) -> None:
    """„ in German, “ in English, « in Belarusian and Russian; the words start below its ink."""
    view = make_view("quote-bulybenko", (1920, 1080), language)
    [opening] = [item for item in view.composition.items if item.role == "mark"]
    assert opening.text == mark
    words = next(item for item in view.composition.items if item.role == "quote")
    assert opening.box.bottom() < words.box.top()
    assert opening.box.height() > 20  # drawn large, whatever the glyph's place in its line


def test_a_quote_is_shown_in_the_words_it_was_said_in_with_a_marked_translation(
    default_show: Show, make_view: Callable[..., SlideView]
) -> None:
    original = "Свабоду ўсім палітвязням!"
    slide = validated(
        QuoteSlide,
        {
            "kind": "quote",
            "id": "said",
            "text": {"de": "Freiheit für alle politischen Gefangenen!", "be": original},
            "author": "A. B.",
            "original": original,
            "said_in": "be",
        },
    )
    show = replace(default_show, slides=[slide])
    german = {i.role: i.text for i in make_view("said", (1920, 1080), "de", show=show).text_items()}
    assert german["quote"] == original  # the person's own words, never a back-translation
    assert german["translation"] == "Übersetzung: Freiheit für alle politischen Gefangenen!"
    english = {
        i.role: i.text for i in make_view("said", (1080, 1920), "en", show=show).text_items()
    }
    assert english["quote"] == original
    assert str(english["translation"]).startswith("Translation: Freiheit")  # the fallback, marked
    belarusian = [i.role for i in make_view("said", (1920, 1080), "be", show=show).text_items()]
    assert "translation" not in belarusian  # read in the language it was said in: no translation


def test_an_original_needs_its_language() -> None:
    with pytest.raises(ValidationError, match="'original' and 'said_in' go together"):
        validated(
            QuoteSlide,
            {"kind": "quote", "id": "q", "text": "Words", "author": "A", "original": "Слова"},
        )
