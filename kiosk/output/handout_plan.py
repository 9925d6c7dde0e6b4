"""What a printed handout carries: which slides, in what order, and which give way for room.

Plain Python: the page layout itself is drawn by kiosk.output.handout with the slide views.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any

from kiosk import i18n
from kiosk.content.model import CallToActionSlide, LocalText, LocalUrl, Show, StorySlide


@dataclass(frozen=True)
class Paper:
    name: str
    width_mm: float
    height_mm: float
    pages: int  # the most pages a handout on this paper may take
    margin_mm: float


PAPERS: dict[str, Paper] = {
    paper.name.lower(): paper
    for paper in (
        Paper("A4", 210.0, 297.0, pages=2, margin_mm=14.0),
        Paper("A5", 148.0, 210.0, pages=2, margin_mm=10.0),  # a flyer: front and back
        Paper("Letter", 215.9, 279.4, pages=2, margin_mm=14.0),
    )
}

# When a handout is too long, these kinds give way first; within a kind, the later slide first.
GIVE_WAY_ORDER = ("story", "quote", "call_to_action", "facts", "title", "stats")
CLOSING_ID = "handout-manifesto"


def paper_named(name: str) -> Paper | None:
    return PAPERS.get(name.lower())


@dataclass(frozen=True)
class Piece:
    """One slide on paper; an essential piece is never left out to save room."""

    slide: Any
    essential: bool = False


@dataclass
class HandoutPlan:
    pieces: list[Piece]
    # Slides that would have been printed but may not be, with the reason, for the organiser.
    excluded: list[tuple[str, str]] = field(default_factory=list)

    def give_way_order(self) -> list[Piece]:
        """The pieces that may be left out for room, the first to go first."""
        optional = [piece for piece in self.pieces if not piece.essential]
        rank = {kind: index for index, kind in enumerate(GIVE_WAY_ORDER)}
        position = {id(piece): index for index, piece in enumerate(self.pieces)}
        return sorted(
            optional,
            key=lambda piece: (rank.get(piece.slide.kind, 0), -position[id(piece)]),
        )


def prints_by_default(slide: Any, first_title: str | None) -> bool:
    """Without a `print` key: the opening title, the charts and the quotes go on paper.

    Stories print only when marked, because paper, unlike the screen, cannot be taken back.
    """
    if slide.kind == "title":
        return slide.id == first_title
    return slide.kind in ("stats", "quote")


def manifesto_call(show: Show, language: str) -> CallToActionSlide:
    """The appeal that closes every handout: the show's own, if one leads to the manifesto."""
    manifesto = show.settings.manifesto_url(language)
    default = show.settings.default_language
    for slide in show.slides:
        if isinstance(slide, CallToActionSlide) and slide.link(language, default) == manifesto:
            return replace(slide, id=CLOSING_ID)
    return CallToActionSlide(
        kind="call_to_action",
        id=CLOSING_ID,
        headline=LocalText(i18n.text("link_title", language)),
        text=LocalText(i18n.text("link_hint", language)),
        url=LocalUrl(manifesto),
    )


def plan_handout(
    show: Show, language: str, hidden: Collection[str], today: datetime.date
) -> HandoutPlan:
    """The slides of a handout in show order, closed by the manifesto's QR code.

    Left out, and said why: stories hidden by staff, real people's stories without consent,
    and slides whose last day has passed. The opening title, the first chart, the first story
    and the closing code are essential; everything else may give way when the paper is too
    small.
    """
    first_title = next((s.id for s in show.slides if s.kind == "title"), None)
    manifesto = show.settings.manifesto_url(language)
    default = show.settings.default_language
    plan = HandoutPlan(pieces=[])
    for slide in show.slides:
        wanted = slide.print if slide.print is not None else prints_by_default(slide, first_title)
        if isinstance(slide, CallToActionSlide) and slide.link(language, default) == manifesto:
            continue  # the closing code is this one
        if not wanted:
            continue
        if isinstance(slide, StorySlide) and slide.id in hidden:
            plan.excluded.append((slide.id, "hidden by staff"))
        elif isinstance(slide, StorySlide) and not slide.archetype and slide.consent is not True:
            plan.excluded.append((slide.id, "a real person's story without 'consent: true'"))
        elif slide.show_until is not None and slide.show_until < today:
            plan.excluded.append((slide.id, f"its last day, {slide.show_until}, has passed"))
        else:
            plan.pieces.append(Piece(slide))
    _mark_essential(plan)
    plan.pieces.append(Piece(manifesto_call(show, language), essential=True))
    return plan


def _mark_essential(plan: HandoutPlan) -> None:
    """The opening, the first chart and the first human story never give way: a flyer without
    a person in it leaves out what the campaign is about."""
    for kind in ("title", "stats", "story"):
        for index, piece in enumerate(plan.pieces):
            if piece.slide.kind == kind:
                plan.pieces[index] = Piece(piece.slide, essential=True)
                break
