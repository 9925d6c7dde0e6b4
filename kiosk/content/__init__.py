"""The show as data: typed models, the YAML loader and the validator. Imports no Qt."""

from kiosk.content.diagnostics import Diagnostic, Report, Severity
from kiosk.content.model import (
    AsOf,
    CallToActionSlide,
    FactsSlide,
    LocalText,
    LocalUrl,
    QuoteSlide,
    Settings,
    Show,
    StatsSlide,
    StorySlide,
    Theme,
    TitleSlide,
)
from kiosk.content.validate import SHOW_FILE, LoadedShow, load_show

__all__ = [
    "SHOW_FILE",
    "AsOf",
    "CallToActionSlide",
    "Diagnostic",
    "FactsSlide",
    "LoadedShow",
    "LocalText",
    "LocalUrl",
    "QuoteSlide",
    "Report",
    "Settings",
    "Severity",
    "Show",
    "StatsSlide",
    "StorySlide",
    "Theme",
    "TitleSlide",
    "load_show",
]
