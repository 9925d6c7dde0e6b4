"""Where the kiosk's own files are: the default show and the shared assets.

The one module that knows the layout of the installation; everything else asks it. An installed
wheel carries them inside the package (kiosk/data/content, kiosk/data/assets); a checkout keeps
them at the top of the repository, beside the package.
"""

from __future__ import annotations

from pathlib import Path

# The name of the kiosk's own folders (settings, data, logs) in the platform's usual places.
APP_NAME = "release-now-kiosk"

# The package's folder, from this file: importlib.resources would cost the start 10 ms of imports
# (zipfile, tempfile) for the same answer, as the kiosk never runs from a zip archive.
PACKAGE = Path(__file__).parent
ROOT = PACKAGE.parent
_INSTALLED = PACKAGE / "data"


def _data(name: str) -> Path:
    inside = _INSTALLED / name
    return inside if inside.is_dir() else ROOT / name


DEFAULT_CONTENT = _data("content")
ASSETS = _data("assets")
# What a deployed kiosk plays when no show may: the campaign's name, nothing else.
STANDBY_CONTENT = ASSETS / "standby"
# A checkout (the repository) rather than an installed package.
CHECKOUT = not _INSTALLED.is_dir()
