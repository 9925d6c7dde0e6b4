"""Warns when a slide's text would not fit, readably, on the smallest screens supported, and
when a headline runs too long to be read at a glance."""

from __future__ import annotations

import math

from kiosk.content import Diagnostic, LoadedShow, Severity
from kiosk.i18n.said import said
from kiosk.ui.corner_code import with_corner_code
from kiosk.ui.fonts import font_families
from kiosk.ui.slides import ImageStore, SlideContext, view_for
from kiosk.ui.style import MM_PER_INCH, Palette, Style

SMALLEST_SCREENS = ((1280, 720), (1080, 1920))
# The smallest screens as a small built-in panel shows them, where the manifesto's code beside
# every slide grows to 5 cm and leaves the slide the least room (kiosk.ui.style).
SMALLEST_PANEL_INCHES = 13.3
# A headline (a slide's or a person's name) is read at a glance, from a few steps away.
HEADLINE_ROLES = ("headline", "name")
MAX_HEADLINE_LINES = 4


def fit_warnings(loaded: LoadedShow) -> list[Diagnostic]:
    """One warning per slide whose text must shrink below the readable minimum somewhere, and
    one per slide whose headline runs over four lines somewhere."""
    show = loaded.show
    if show is None:
        return []
    content_font = loaded.files / show.settings.font if show.settings.font else None
    families = tuple(font_families(content_font))
    palette = Palette.from_theme(show.settings.theme)
    images = ImageStore(loaded.files)
    misfits: dict[str, list[str]] = {}
    long_headlines: dict[str, list[str]] = {}
    for width, height in SMALLEST_SCREENS:
        dots_per_mm = math.hypot(width, height) / (SMALLEST_PANEL_INCHES * MM_PER_INCH)
        screen = Style(
            width,
            height,
            palette,
            families,
            dots_per_mm,
            content_font is None,
            panel_size_trusted=True,
        )
        for language in show.settings.languages:
            # As the screen shows it: the manifesto's code beside every slide.
            style = with_corner_code(screen, show, language)
            context = SlideContext(show, language, style, images)
            for slide in show.slides:
                view = view_for(slide, context)
                if not view.readable:
                    misfits.setdefault(slide.id, []).append(
                        said(
                            "{width}x{height} in '{language}'",
                            width=width,
                            height=height,
                            language=language,
                        )
                    )
                for item in view.text_items():
                    if item.role in HEADLINE_ROLES and len(item.lines) > MAX_HEADLINE_LINES:
                        long_headlines.setdefault(slide.id, []).append(
                            said(
                                "{lines} lines at {width}x{height} in '{language}'",
                                lines=len(item.lines),
                                width=width,
                                height=height,
                                language=language,
                            )
                        )
    warnings = []
    for slide_id, where in misfits.items():
        message = said(
            "text of slide '{id}' does not fit readably at {sizes}; shorten it",
            id=slide_id,
            sizes=_listed(where),
        )
        warnings.append(_warning(loaded, slide_id, message))
    warnings += [
        _warning(
            loaded,
            slide_id,
            said(
                "the headline of slide '{id}' runs to {sizes}; a headline is read at a glance: "
                "keep it to {most} lines, and put the rest in the text",
                id=slide_id,
                sizes=_listed(where),
                most=MAX_HEADLINE_LINES,
            ),
        )
        for slide_id, where in long_headlines.items()
    ]
    return warnings


def _listed(items: list[str]) -> str:
    """Items in one line, each said in the reader's language."""
    listed = items[0]
    for item in items[1:]:
        listed = said("{first}, {then}", first=listed, then=item)
    return listed


def _warning(loaded: LoadedShow, slide_id: str, message: str) -> Diagnostic:
    line, column = loaded.slide_positions.get(slide_id, (None, None))
    return Diagnostic(loaded.show_file, line, column, Severity.WARNING, message)
