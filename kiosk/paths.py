"""Where the kiosk's own files are: the default show and the shared assets.

The one module that knows the layout of the installation; everything else asks it.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# The name of the kiosk's own folders (settings, data, logs) in the platform's usual places.
APP_NAME = "release-now-kiosk"

# The folder holding the kiosk package; the default show and the assets sit beside it.
PACKAGE = Path(str(files("kiosk")))
ROOT = PACKAGE.parent
DEFAULT_CONTENT = ROOT / "content"
ASSETS = ROOT / "assets"
