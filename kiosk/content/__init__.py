"""The show as data: typed models, the YAML loader and the validator. Imports no Qt.

The names below are imported on first use: a module that needs only a small part of the
package (the kept first frame needs the folder's stamp) does not pay for the model and its
validation library at import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_MODULE_OF = {
    "Diagnostic": "diagnostics",
    "Report": "diagnostics",
    "Severity": "diagnostics",
    "SHOW_FILE": "loaded",
    "LoadedShow": "loaded",
    "CallToActionSlide": "model",
    "FactsSlide": "model",
    "QuoteSlide": "model",
    "Settings": "model",
    "Show": "model",
    "StatsSlide": "model",
    "StorySlide": "model",
    "Theme": "model",
    "TitleSlide": "model",
    "load_show": "validate",
    "AsOf": "value_types",
    "LocalText": "value_types",
    "LocalUrl": "value_types",
}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
