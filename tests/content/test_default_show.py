"""The bundled show: complete, clean, and true to the campaign facts."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from kiosk.content import (
    CallToActionSlide,
    FactsSlide,
    QuoteSlide,
    Show,
    StatsSlide,
    StorySlide,
    TitleSlide,
    load_show,
)
from kiosk.paths import DEFAULT_CONTENT

# Plain Python, no Qt: the same on every binding, so checked once, not per binding.
pytestmark = pytest.mark.once

NO_IMPRINT = "no 'imprint'"
# A fixed day, so the suite does not change its verdict as review dates come and go.
TODAY = datetime.date(2026, 11, 26)


@pytest.fixture(scope="module")
def show() -> Show:
    loaded = load_show(DEFAULT_CONTENT, today=TODAY)
    # The one warning: no imprint. The kiosk never invents who publishes a handout.
    assert [d.message.split(":")[0] for d in loaded.report.diagnostics] == [NO_IMPRINT]
    assert loaded.show is not None
    return loaded.show


def _all_text(show: Show, language: str) -> str:
    return "\n".join(text.get(language) for slide in show.slides for text in slide.texts())


def test_every_slide_kind_is_used(show: Show) -> None:
    kinds = {type(slide) for slide in show.slides}
    assert kinds == {TitleSlide, StatsSlide, FactsSlide, StorySlide, QuoteSlide, CallToActionSlide}


def test_languages(show: Show) -> None:
    # The audiences at events: German, English, Belarusian and Russian speakers.
    assert show.settings.languages == ["de", "en", "be", "ru"]
    assert show.settings.default_language == "de"
    for slide in show.slides:
        for text in slide.texts():
            given = text.languages()
            assert given is None or given == {"de", "en", "be", "ru"}, slide.id


def test_numbers_and_dashes_never_break_badly_in_cyrillic(show: Show) -> None:
    for language in ("be", "ru"):
        text = _all_text(show, language)
        assert "1\u00a0100" in text
        assert "1 100" not in text  # a plain space would let "1" end a line
        assert " —" not in text  # nor may a dash begin one


def test_per_million_comparison_with_sources_and_date(show: Show) -> None:
    [stats] = [s for s in show.slides if isinstance(s, StatsSlide)]
    rows = [(row.label.get("en"), row.value, row.highlight) for row in stats.rows]
    assert rows == [
        ("Belarus", 140, True),
        ("Azerbaijan", 56, False),
        ("Venezuela", 33, False),
        ("Russia", 4, False),
    ]
    sources = " ".join(source.get("en") for source in stats.sources)
    for name in ("Viasna", "Memorial", "Foro Penal"):
        assert name in sources
    assert stats.as_of.isoformat() == "2025-05"


def test_the_five_people_are_archetypes_with_drawings(show: Show) -> None:
    stories = [s for s in show.slides if isinstance(s, StorySlide)]
    assert [s.name.get("de") for s in stories] == [
        "Eine Studentin",
        "Eine Lehrerin",
        "Ein Journalist",
        "Ein Vater",
        "Ein Rentner",
    ]
    for story in stories:
        assert story.archetype
        assert story.image is not None and story.image.endswith(".svg")
        assert (DEFAULT_CONTENT / story.image).is_file()


def test_quote_attributions_follow_the_facts(show: Show) -> None:
    quotes = {q.author.get("en"): q for q in show.slides if isinstance(q, QuoteSlide)}
    assert set(quotes) == {"Anastasiya Bulybenko", "Ales Bialiatski"}
    assert quotes["Anastasiya Bulybenko"].author.get("de") == "Anastassija Bulybenko"
    assert quotes["Ales Bialiatski"].author.get("de") == "Ales Bjaljazki"
    bialiatski_role = quotes["Ales Bialiatski"].role
    assert bialiatski_role is not None and "released" in bialiatski_role.get("en")
    source = quotes["Ales Bialiatski"].source
    assert source is not None and "13 February 2023" in source.get("en")
    for language in ("de", "en"):
        assert "Bulubenko" not in _all_text(show, language)
    assert quotes["Anastasiya Bulybenko"].author.get("be") == "Анастасія Булыбенка"
    assert quotes["Anastasiya Bulybenko"].author.get("ru") == "Анастасия Булыбенко"
    assert quotes["Ales Bialiatski"].author.get("be") == "Алесь Бяляцкі"
    assert quotes["Ales Bialiatski"].author.get("ru") == "Алесь Беляцкий"
    assert "вызвалены" in bialiatski_role.get("be")
    assert "освобождён" in bialiatski_role.get("ru")
    # Words translated back from German are not the speaker's own: the source says so.
    for quote in quotes.values():
        assert quote.source is not None
        assert quote.source.get("be").endswith("(пераклад з нямецкай)")
        assert quote.source.get("ru").endswith("(перевод с немецкого)")


def test_every_figure_has_a_source_and_date(show: Show) -> None:
    for slide in show.slides:
        if isinstance(slide, StatsSlide | FactsSlide):
            assert slide.sources and slide.as_of is not None, slide.id
        if isinstance(slide, TitleSlide) and slide.text and "1.100" in slide.text.get("de"):
            assert slide.sources and slide.as_of is not None, slide.id


def test_call_to_action_points_straight_at_the_manifesto(show: Show) -> None:
    [cta] = [s for s in show.slides if isinstance(s, CallToActionSlide)]
    assert cta.link("de", "de") == "https://releasenow.org/de/manifesto"
    assert cta.link("en", "de") == "https://releasenow.org/manifesto/"
    assert cta.short_link("en", "de") == "releasenow.org/manifesto"
    assert show.settings.manifesto_url("ru") == "https://releasenow.org/manifesto/"
    # No Belarusian or Russian manifesto page is known: those visitors get the English one.
    assert cta.link("be", "de") == cta.link("ru", "de") == "https://releasenow.org/manifesto/"


def test_seed_text_is_present_in_german(show: Show) -> None:
    text = _all_text(show, "de")
    for phrase in (
        "Die Zeit für Freilassungen ist JETZT",
        "Warum wir diese Kampagne gestartet haben",
        "Eine humanitäre Krise im Herzen Europas",
        "Wer sitzt in Haft?",
        "Wir wissen: Freilassungen sind möglich",
        "Es fehlt nur der Wille, hindurchzugehen.",
        "Letztes Wort vor Gericht, 13. Februar 2023",
    ):
        assert phrase in text


def test_no_photos_in_the_default_show() -> None:
    suffixes = {p.suffix.lower() for p in Path(DEFAULT_CONTENT, "images").iterdir()}
    assert suffixes == {".svg"}
