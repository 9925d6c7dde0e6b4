"""One view per slide kind; `view_for` picks the right one."""

from __future__ import annotations

from typing import Any

from kiosk.ui.slides.base import ImageStore, SlideContext, SlideView
from kiosk.ui.slides.call_to_action import CallToActionView
from kiosk.ui.slides.facts import FactsView
from kiosk.ui.slides.quote import QuoteView
from kiosk.ui.slides.stats import StatsView
from kiosk.ui.slides.story import StoryView
from kiosk.ui.slides.title import TitleView
from kiosk.ui.slides.video import VideoView

VIEWS: dict[str, type[SlideView]] = {
    view.kind: view
    for view in (
        TitleView,
        StatsView,
        FactsView,
        StoryView,
        QuoteView,
        CallToActionView,
        VideoView,
    )
}


def view_for(slide: Any, ctx: SlideContext, scale: float | None = None) -> SlideView:
    return VIEWS[slide.kind](slide, ctx, scale)


__all__ = ["VIEWS", "ImageStore", "SlideContext", "SlideView", "view_for"]
