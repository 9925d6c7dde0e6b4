"""Warns when a slide's text would not fit, readably, on the smallest screens supported."""

from __future__ import annotations

from kiosk.content import Diagnostic, LoadedShow, Severity
from kiosk.ui.corner_code import with_corner_code
from kiosk.ui.fonts import font_families
from kiosk.ui.slides import ImageStore, SlideContext, view_for
from kiosk.ui.style import Palette, Style

SMALLEST_SCREENS = ((1280, 720), (1080, 1920))


def fit_warnings(loaded: LoadedShow) -> list[Diagnostic]:
    """One warning per slide whose text must shrink below the readable minimum somewhere."""
    show = loaded.show
    if show is None:
        return []
    content_font = loaded.files / show.settings.font if show.settings.font else None
    families = tuple(font_families(content_font))
    palette = Palette.from_theme(show.settings.theme)
    images = ImageStore(loaded.files)
    misfits: dict[str, list[str]] = {}
    for width, height in SMALLEST_SCREENS:
        screen = Style(width, height, palette, families, None, content_font is None)
        for language in show.settings.languages:
            # As the screen shows it: the manifesto's code beside every slide.
            style = with_corner_code(screen, show, language)
            context = SlideContext(show, language, style, images)
            for slide in show.slides:
                if not view_for(slide, context).readable:
                    misfits.setdefault(slide.id, []).append(f"{width}x{height} in '{language}'")
    warnings = []
    for slide_id, where in misfits.items():
        line, column = loaded.slide_positions.get(slide_id, (None, None))
        warnings.append(
            Diagnostic(
                loaded.show_file,
                line,
                column,
                Severity.WARNING,
                f"text of slide '{slide_id}' does not fit readably at {', '.join(where)}; "
                "shorten it",
            )
        )
    return warnings
