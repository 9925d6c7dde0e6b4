"""Release N:OW exhibition kiosk."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("release-now-kiosk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
