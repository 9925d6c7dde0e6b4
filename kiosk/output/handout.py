"""The printed handout: the show's own slide views, laid out down the pages of a PDF.

Each piece of the handout is a slide view composed for a box on paper (a Style with a fixed
type unit and no band of controls) and painted by the same code as on screen, with QPainter
on a QPdfWriter: text stays text, bars and QR codes stay vectors. One type size serves the
whole handout; when the pieces do not fit the paper's pages, the type shrinks a little, then
the least needed pieces give way, and the caller is told which.
"""

from __future__ import annotations

import datetime
import errno
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QPagedPaintDevice, QPageSize, QPainter, QPdfWriter

from kiosk import __version__
from kiosk.content.model import Show, short_form
from kiosk.output.handout_plan import CLOSING_ID, HandoutPlan, Paper, Piece, plan_handout
from kiosk.ui.fonts import font_families
from kiosk.ui.slides import ImageStore, SlideContext, SlideView, view_for
from kiosk.ui.style import Palette, Role, Style
from kiosk.ui.text import TextBlock

DPI = 300
MM_PER_INCH = 25.4
TYPE_UNIT_MM = 1.1  # body text 4 mm (11 pt) at full size
TEXT_SCALES = (1.0, 0.94, 0.88, 0.83, 0.78)  # tried in turn before any piece gives way
# A piece that fits no page at the handout's type size (a long word set as a large figure)
# gets smaller type of its own, as a slide does on screen.
PIECE_SCALES = (1.0, 0.9, 0.8, 0.7)
MIN_PRINT_PT = 6.0  # nothing on paper is set smaller, sources included
GAP_MM = 7.0
FOOTER_MM = 7.0
SEARCH_STEP_MM = 0.5
PAGE_SIZES = {
    "A4": QPageSize.PageSizeId.A4,
    "A5": QPageSize.PageSizeId.A5,
    "Letter": QPageSize.PageSizeId.Letter,
}


class HandoutDoesNotFitError(Exception):
    """Even the essential pieces do not fit the paper at the smallest type."""


def dots(mm: float) -> float:
    return mm * DPI / MM_PER_INCH


@dataclass(frozen=True)
class Box:
    """The least height a piece fits in, and the scale of its own type there."""

    height: float
    scale: float = 1.0


Pages = list[list[tuple[Piece, Box]]]


@dataclass
class Placement:
    view: SlideView
    top: float  # device pixels from the top of the page's content area


@dataclass
class HandoutLayout:
    pages: list[list[Placement]]
    text_scale: float
    left_out: list[str] = field(default_factory=list)  # ids of pieces that gave way for room


class HandoutComposer:
    """Measures each piece at a type size and packs the pieces onto the paper's pages."""

    def __init__(self, show: Show, folder: Path, language: str, paper: Paper):
        self.show = show
        self.language = language
        self.paper = paper
        self.page_width = round(dots(paper.width_mm))
        self.page_height = round(dots(paper.height_mm))
        self.margin = dots(paper.margin_mm)
        self.content_width = round(self.page_width - 2 * self.margin)
        self.gap = dots(GAP_MM)
        font = folder / show.settings.font if show.settings.font else None
        self.families = tuple(font_families(font))
        self.variable_weight = font is None
        self.palette = Palette.for_paper(show.settings.theme)
        self.images = ImageStore(folder, on_paper=True)
        self._boxes: dict[tuple[str, float], Box | None] = {}
        # Who publishes the handout, at the foot of every page, under the page's own footer.
        imprint = show.settings.imprint
        self.imprint: TextBlock | None = None
        if imprint is not None:
            self.imprint = TextBlock(
                imprint.get(language, show.settings.default_language),
                self.style(round(dots(FOOTER_MM))).font(Role.SMALL),
                self.content_width,
                language=language,
            )
        footer = dots(FOOTER_MM) + (self.imprint.height if self.imprint is not None else 0.0)
        self.content_height = self.page_height - 2 * self.margin - footer

    def style(self, height: int, text_scale: float = 1.0) -> Style:
        return Style(
            width=self.content_width,
            height=max(1, height),
            palette=self.palette,
            families=self.families,
            dots_per_mm=DPI / MM_PER_INCH,
            variable_weight=self.variable_weight,
            text_scale=text_scale,
            paper_unit=dots(TYPE_UNIT_MM),
            min_text_px=round(MIN_PRINT_PT / 72 * DPI),
        )

    def view(self, piece: Piece, height: int, text_scale: float, scale: float = 1.0) -> SlideView:
        ctx = SlideContext(self.show, self.language, self.style(height, text_scale), self.images)
        return view_for(piece.slide, ctx, scale=scale)

    def box_of(self, piece: Piece, text_scale: float) -> Box | None:
        """The piece's box at this type size; None if no page holds it."""
        key = (piece.slide.id, text_scale)
        if key not in self._boxes:
            self._boxes[key] = self._search_box(piece, text_scale)
        return self._boxes[key]

    def _search_box(self, piece: Piece, text_scale: float) -> Box | None:
        high = int(self.content_height)
        for scale in PIECE_SCALES:

            def fits(height: int, scale: float = scale) -> bool:
                view = self.view(piece, height, text_scale, scale)
                return not view.composition.overflow

            if not fits(high):
                continue
            low, step = 0, dots(SEARCH_STEP_MM)
            while high - low > step:
                middle = (low + high) // 2
                if fits(middle):
                    high = middle
                else:
                    low = middle
            return Box(float(high), scale)
        return None

    def pack(self, pieces: list[Piece], text_scale: float) -> Pages | None:
        """Pieces in order, top to bottom, a new page when the next does not fit; None when one
        is taller than a page."""
        pages: Pages = [[]]
        used = 0.0
        for piece in pieces:
            box = self.box_of(piece, text_scale)
            if box is None:
                return None
            need = box.height + (self.gap if pages[-1] else 0.0)
            if pages[-1] and used + need > self.content_height:
                pages.append([])
                used, need = 0.0, box.height
            pages[-1].append((piece, box))
            used += need
        return pages

    def fit(self, pieces: list[Piece]) -> tuple[Pages, float] | None:
        """The pieces packed onto the fewest pages the paper allows, in the largest type."""
        # A little smaller type is better than a second sheet.
        for page_count in range(1, self.paper.pages + 1):
            for text_scale in TEXT_SCALES:
                pages = self.pack(pieces, text_scale)
                if pages is not None and len(pages) <= page_count:
                    return pages, text_scale
        return None

    def lay_out(self, plan: HandoutPlan) -> HandoutLayout:
        pieces = list(plan.pieces)
        give_way = plan.give_way_order()
        left_out: list[Piece] = []
        fitted = self.fit(pieces)
        while fitted is None:
            if not give_way:
                raise HandoutDoesNotFitError(
                    f"{_essentials(pieces)} do not fit on {self.paper.pages} {self.paper.name} "
                    f"page{'s' if self.paper.pages > 1 else ''} even in the smallest type; "
                    "shorten their text or choose larger paper"
                )
            dropped = give_way.pop(0)
            pieces.remove(dropped)
            left_out.append(dropped)
            fitted = self.fit(pieces)
        # A smaller piece that gave way may fit again now that a larger one has gone.
        for piece in reversed(left_out[:-1]):
            trial = [p for p in plan.pieces if p in pieces or p is piece]
            refitted = self.fit(trial)
            if refitted is not None:
                pieces, fitted = trial, refitted
                left_out.remove(piece)
        pages, text_scale = fitted
        return HandoutLayout(
            self._place(pages, text_scale), text_scale, [p.slide.id for p in left_out]
        )

    def _place(self, pages: Pages, text_scale: float) -> list[list[Placement]]:
        """Fixes each piece's box; spare room widens the gaps a little and the code goes last,
        at the foot of the last page."""
        placed: list[list[Placement]] = []
        for number, page in enumerate(pages):
            used = sum(box.height for _, box in page) + self.gap * (len(page) - 1)
            spare = self.content_height - used
            gap = self.gap + (min(spare / (len(page) - 1), self.gap) if len(page) > 1 else 0.0)
            placements, top = [], 0.0
            for index, (piece, box) in enumerate(page):
                last = number == len(pages) - 1 and index == len(page) - 1
                if last and len(page) > 1:
                    top = max(top, self.content_height - box.height)
                view = self.view(piece, round(box.height), text_scale, box.scale)
                placements.append(Placement(view, top))
                top += box.height + gap
            placed.append(placements)
        return placed

    # -- painting ------------------------------------------------------------------------------

    def paint_page(self, painter: QPainter, page: list[Placement], number: int, count: int) -> None:
        for index, placement in enumerate(page):
            if index:
                self._paint_separator(painter, page[index - 1], placement)
            painter.save()
            painter.translate(self.margin, self.margin + placement.top)
            view = placement.view
            for item in view.composition.items:
                item.paint(painter)
            if view.animation_s:
                view.paint_motion(painter, 1.0)  # as the slide looks once settled
            painter.restore()
        # A page without the code still says where the manifesto is.
        has_code = any(p.view.slide.id == CLOSING_ID for p in page)
        self._paint_footer(painter, number, count, with_address=not has_code)

    def _paint_separator(self, painter: QPainter, above: Placement, below: Placement) -> None:
        bottom = above.top + above.view.style.height
        y = self.margin + (bottom + below.top) / 2
        painter.fillRect(
            QRectF(self.margin, y, self.content_width, max(1.0, dots(0.25))), QColor("#d5d5d5")
        )

    def _paint_footer(self, painter: QPainter, number: int, count: int, with_address: bool) -> None:
        style = self.style(round(dots(FOOTER_MM)))
        font = style.font(Role.SMALL)
        bottom = self.page_height - self.margin
        if self.imprint is not None:
            bottom -= self.imprint.height
            self.imprint.draw(painter, self.margin, bottom, self.palette.text)
        y = bottom - dots(FOOTER_MM) / 2
        if with_address:
            url = self.show.settings.manifesto_url(self.language)
            TextBlock(short_form(url), font, 1e4).draw(painter, self.margin, y, self.palette.muted)
        if count > 1:
            page = TextBlock(
                f"{number} / {count}", font, self.content_width, Qt.AlignmentFlag.AlignRight
            )
            page.draw(painter, self.margin, y, self.palette.muted)


ESSENTIAL_NAMES = {
    "title": "the opening",
    "stats": "the first chart",
    "story": "the first story",
    "call_to_action": "the QR code",
}


def _essentials(pieces: list[Piece]) -> str:
    """'the opening, the first chart and the QR code': the pieces that never give way."""
    names = [ESSENTIAL_NAMES.get(p.slide.kind, p.slide.id) for p in pieces if p.essential]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass
class HandoutResult:
    path: Path
    pages: int
    text_scale: float
    left_out: list[str]
    excluded: list[tuple[str, str]]


def write_handout(
    show: Show,
    folder: Path,
    out: Path,
    language: str,
    paper: Paper,
    hidden: Collection[str] = (),
    today: datetime.date | None = None,
) -> HandoutResult:
    """Writes the handout PDF; the file appears whole or not at all."""
    plan = plan_handout(show, language, hidden, today or datetime.date.today())
    composer = HandoutComposer(show, folder, language, paper)
    layout = composer.lay_out(plan)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.part")
    try:
        _write_pdf(composer, layout, temporary)
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return HandoutResult(out, len(layout.pages), layout.text_scale, layout.left_out, plan.excluded)


def _write_pdf(composer: HandoutComposer, layout: HandoutLayout, path: Path) -> None:
    show, language = composer.show, composer.language
    writer = QPdfWriter(str(path))
    writer.setPdfVersion(QPagedPaintDevice.PdfVersion.PdfVersion_X4)
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(PAGE_SIZES[composer.paper.name]))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    title = show.settings.title
    writer.setTitle(title.get(language, show.settings.default_language) if title else "Handout")
    writer.setCreator(f"Release N:OW kiosk {__version__}")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(errno.EIO, "the file cannot be opened for writing")
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing
        | QPainter.RenderHint.TextAntialiasing
        | QPainter.RenderHint.SmoothPixmapTransform
    )
    try:
        for number, page in enumerate(layout.pages, start=1):
            if number > 1:
                writer.newPage()
            composer.paint_page(painter, page, number, len(layout.pages))
    finally:
        painter.end()
    # QPdfWriter reports no write errors (a full disk, say): a complete PDF ends with %%EOF.
    try:
        with path.open("rb") as written:
            written.seek(max(0, path.stat().st_size - 64))
            complete = b"%%EOF" in written.read()
    except OSError:
        complete = False
    if not complete:
        raise OSError(errno.EIO, "the PDF was not written completely", str(path))
