"""Which slides a handout carries, which it leaves out and why, and which give way for room."""

from __future__ import annotations

import datetime
from pathlib import Path

from kiosk.content import Show, load_show
from kiosk.output.handout_plan import CLOSING_ID, paper_named, plan_handout

TODAY = datetime.date(2026, 11, 26)

SETTINGS = """\
settings:
  languages: [de, en]
  default_language: de
  manifesto: {de: https://releasenow.org/de/manifesto, en: https://releasenow.org/manifesto/}
slides:
"""

SLIDES = """\
  - id: opening
    kind: title
    headline: {de: Freiheit, en: Freedom}
  - id: chapter
    kind: title
    headline: {de: Kapitel, en: Chapter}
  - id: chart
    kind: stats
    headline: {de: Pro Million, en: Per million}
    rows: [{label: Belarus, value: 140}, {label: Russia, value: 4}]
    sources: [Viasna]
    as_of: 2025-05
  - id: archetype-unmarked
    kind: story
    archetype: true
    name: {de: Eine Lehrerin, en: A teacher}
    line: {de: Zeile, en: Line}
    body: {de: Text, en: Text}
  - id: archetype-marked
    kind: story
    archetype: true
    print: true
    name: {de: Eine Studentin, en: A student}
    line: {de: Zeile, en: Line}
    body: {de: Text, en: Text}
  - id: first-quote
    kind: quote
    text: {de: Wort, en: Word}
    author: A
  - id: second-quote
    kind: quote
    text: {de: Wort, en: Word}
    author: B
  - id: appeal
    kind: call_to_action
    headline: {de: Unterstützen Sie das Manifest, en: Support the manifesto}
    url: {de: https://releasenow.org/de/manifesto, en: https://releasenow.org/manifesto/}
"""


def show_from(tmp_path: Path, slides: str = SLIDES) -> Show:
    (tmp_path / "show.yaml").write_text(SETTINGS + slides, encoding="utf-8")
    loaded = load_show(tmp_path, today=TODAY)
    assert loaded.show is not None, loaded.report.format_text()
    return loaded.show


def ids(show: Show, language: str = "de", hidden: set[str] | None = None) -> list[str]:
    plan = plan_handout(show, language, hidden or set(), TODAY)
    return [piece.slide.id for piece in plan.pieces]


def test_by_default_the_opening_charts_quotes_and_marked_stories_then_the_code(
    tmp_path: Path,
) -> None:
    assert ids(show_from(tmp_path)) == [
        "opening",
        "chart",
        "archetype-marked",
        "first-quote",
        "second-quote",
        CLOSING_ID,
    ]


def test_the_closing_code_is_the_shows_own_appeal_for_the_manifesto(tmp_path: Path) -> None:
    plan = plan_handout(show_from(tmp_path), "en", set(), TODAY)
    closing = plan.pieces[-1].slide
    assert closing.headline.get("en") == "Support the manifesto"
    assert closing.link("en", "de") == "https://releasenow.org/manifesto/"


def test_without_an_appeal_the_code_still_leads_to_the_manifesto(tmp_path: Path) -> None:
    show = show_from(tmp_path, SLIDES.split("  - id: appeal")[0])
    closing = plan_handout(show, "en", set(), TODAY).pieces[-1].slide
    assert closing.link("en", "de") == "https://releasenow.org/manifesto/"
    assert closing.headline.get("en") == "Take the manifesto with you"


def test_print_marks_override_the_defaults(tmp_path: Path) -> None:
    slides = SLIDES.replace("  - id: chapter\n", "  - id: chapter\n    print: true\n").replace(
        "    author: B\n", "    author: B\n    print: false\n"
    )
    assert ids(show_from(tmp_path, slides)) == [
        "opening",
        "chapter",
        "chart",
        "archetype-marked",
        "first-quote",
        CLOSING_ID,
    ]


def test_hidden_stories_never_reach_paper(tmp_path: Path) -> None:
    plan = plan_handout(show_from(tmp_path), "de", {"archetype-marked"}, TODAY)
    assert "archetype-marked" not in [piece.slide.id for piece in plan.pieces]
    assert plan.excluded == [("archetype-marked", "hidden by staff")]


def test_a_real_persons_story_needs_consent_to_be_printed(tmp_path: Path) -> None:
    person = """\
  - id: named
    kind: story
    print: true
    name: Jane Doe
    line: {de: Zeile, en: Line}
    body: {de: Text, en: Text}
    verified_on: 2026-11-01
"""
    plan = plan_handout(show_from(tmp_path, SLIDES + person), "de", set(), TODAY)
    assert ("named", "a real person's story without 'consent: true'") in plan.excluded
    consented = person.replace("print: true", "print: true\n    consent: true")
    assert "named" in ids(show_from(tmp_path, SLIDES + consented))


def test_a_slide_whose_last_day_has_passed_is_not_printed(tmp_path: Path) -> None:
    slides = SLIDES.replace("    author: A\n", "    author: A\n    show_until: 2026-05-21\n")
    plan = plan_handout(show_from(tmp_path, slides), "de", set(), TODAY)
    assert ("first-quote", "its last day, 2026-05-21, has passed") in plan.excluded


def test_quotes_give_way_the_later_first_the_essentials_never(tmp_path: Path) -> None:
    slides = SLIDES.replace("  - id: chapter\n", "  - id: chapter\n    print: true\n")
    plan = plan_handout(show_from(tmp_path, slides), "de", set(), TODAY)
    order = [piece.slide.id for piece in plan.give_way_order()]
    assert order == ["second-quote", "first-quote", "chapter"]
    # The first story printed stays: a handout without a person leaves out the campaign's point.
    essential = {piece.slide.id for piece in plan.pieces if piece.essential}
    assert essential == {"opening", "chart", "archetype-marked", CLOSING_ID}


def test_stories_after_the_first_give_way_before_quotes(tmp_path: Path) -> None:
    second = (
        "  - id: second-story\n    kind: story\n    archetype: true\n    print: true\n"
        "    name: {de: Zweite, en: Second}\n    line: {de: Zeile, en: Line}\n"
        "    body: {de: Text, en: Text}\n"
    )
    plan = plan_handout(show_from(tmp_path, SLIDES + second), "de", set(), TODAY)
    order = [piece.slide.id for piece in plan.give_way_order()]
    assert order[0] == "second-story"
    assert "archetype-marked" not in order


def test_the_first_printed_title_opens_the_handout(tmp_path: Path) -> None:
    slides = SLIDES.replace("  - id: opening\n", "  - id: opening\n    print: false\n").replace(
        "  - id: chapter\n", "  - id: chapter\n    print: true\n"
    )
    plan = plan_handout(show_from(tmp_path, slides), "de", set(), TODAY)
    assert plan.pieces[0].slide.id == "chapter"
    assert plan.pieces[0].essential


def test_paper_sizes_and_their_page_limits() -> None:
    assert [(p.name, p.pages) for p in map(paper_named, ("a4", "A5", "letter")) if p] == [
        ("A4", 2),
        ("A5", 2),  # a flyer: front and back
        ("Letter", 2),
    ]
    assert paper_named("B5") is None
