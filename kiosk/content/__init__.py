"""The show as data: typed models, the YAML loader and the validator. Imports no Qt."""

from kiosk.content.diagnostics import Diagnostic, Report, Severity
from kiosk.content.loaded import SHOW_FILE, LoadedShow
from kiosk.content.model import (
    CallToActionSlide,
    FactsSlide,
    QuoteSlide,
    Settings,
    Show,
    StatsSlide,
    StorySlide,
    Theme,
    TitleSlide,
)
from kiosk.content.validate import load_show
from kiosk.content.value_types import AsOf, LocalText, LocalUrl

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
